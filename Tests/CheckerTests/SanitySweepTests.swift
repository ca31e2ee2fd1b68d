import Checker
import Model
import Testing

/// A deliberately small depth-first sweep over `tiny`, independent of the explorer, to check the
/// property catalogue against the reference (clean) and against mutants (caught).
struct SanitySweep {
    static func alphabet(_ u: Universe) -> [Operation] {
        let P = u.pageSize
        var ops: [Operation] = []
        for pages in [1, 2, 3] as [UInt64] {
            ops.append(.mmap(pages * P, .readWrite))
            ops.append(.mmap(pages * P, .none))
        }
        ops.append(.mmap(P, .readWrite, alignment: 2 * P))
        for page in 0 ..< u.pages {
            let a = u.base + page * P
            ops.append(.mmap(P, .readWrite, at: .fixedNoReplace(a)))
            ops.append(.mmap(2 * P, .readWrite, at: .fixedNoReplace(a)))
            ops.append(.mmap(P, .readWrite, at: .fixed(a)))
            ops.append(.munmap(address: a, size: P))
            ops.append(.munmap(address: a, size: 3 * P))
            ops.append(.mprotect(address: a, size: P, protection: .read))
            ops.append(.mprotect(address: a, size: 2 * P, protection: .readWrite))
            ops.append(.touch(address: a, write: true, value: UInt32(page + 1)))
            ops.append(.touch(address: a, write: false, value: 0))
        }
        ops.append(.failNext(kind: .pageTable, count: 1))
        ops.append(.failNext(kind: .frame, count: 1))
        ops.append(.teardown)
        return ops
    }

    /// The first violation within `depth` steps, with its trace.
    static func firstViolation(universe: Universe, mutations: Mutations, depth: Int) -> (Violation, [Operation])? {
        let ops = alphabet(universe)
        let properties = PropertySet()
        var path: [Operation] = []
        func go(_ space: AddressSpace, _ remaining: Int) -> Violation? {
            guard remaining > 0 else { return nil }
            for op in ops {
                let t = Transition(applying: op, to: space)
                path.append(op)
                if let v = properties.firstViolation(t) { return v }
                if let v = go(t.after.model!, remaining - 1) { return v }
                path.removeLast()
            }
            return nil
        }
        let start = AddressSpace(universe: universe, mutations: mutations)
        return go(start, depth).map { ($0, path) }
    }
}

@Test func referenceIsCleanToDepthTwo() {
    let found = SanitySweep.firstViolation(universe: .tiny, mutations: [], depth: 2)
    #expect(found == nil, "\(found.map { "\($0.0) after \($0.1)" } ?? "")")
}

@Test(arguments: Mutations.catalogue.map(\.name))
func mutantIsCaughtWithinThreeSteps(name: String) {
    let found = SanitySweep.firstViolation(universe: .tiny, mutations: Mutations.named(name)!, depth: 3)
    #expect(found != nil, "mutant \(name) survived depth 3")
    if let (v, path) = found { print("\(name): \(v) after \(path)") }
}
