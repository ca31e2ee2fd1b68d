import Checker
import Model

/// The shortest counterexample by brute force, independent of the random runner and the explorer:
/// iterative deepening over the sanity sweep's small alphabet on a small universe.
enum ShortestByBruteForce {
    struct Found {
        var violation: Violation
        var operations: [Operation]
    }

    /// The first violation at the smallest depth ≤ `maxDepth`, optionally of one property only
    /// (a path whose first violation is another property is cut there, as a run would be).
    static func shortest(universe: Universe, mutations: Mutations, maxDepth: Int, property: String? = nil) -> Found? {
        let ops = SanitySweep.alphabet(universe)
        let properties = PropertySet()
        var path: [Operation] = []
        func go(_ space: AddressSpace, _ remaining: Int) -> Violation? {
            for op in ops {
                let t = Transition(applying: op, to: space)
                path.append(op)
                if let v = properties.firstViolation(t) {
                    if remaining == 1 && (property == nil || v.property == property) { return v }
                } else if remaining > 1, let v = go(t.after.model!, remaining - 1) {
                    return v
                }
                path.removeLast()
            }
            return nil
        }
        let start = AddressSpace(universe: universe, mutations: mutations)
        for depth in 1 ... maxDepth {
            path = []
            if let v = go(start, depth) { return Found(violation: v, operations: path) }
        }
        return nil
    }
}
