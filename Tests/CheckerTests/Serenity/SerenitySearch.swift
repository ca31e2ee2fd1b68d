import Checker
import Model

/// A small bounded search of our own for the `serenity` design: breadth first over a small
/// alphabet, so the first violation found is a shortest one; states are deduplicated by their
/// canonical snapshot (faults included), so a state reached twice is expanded once. The result
/// depends only on the universe, the fixes, the alphabet and the depth.
struct SerenitySearch {
    let universe: Universe
    let fixes: SerenityFixes
    var depth: Int
    var properties = PropertySet()
    var alphabet: [Operation]

    init(universe: Universe, fixes: SerenityFixes = [], depth: Int = 3) {
        self.universe = universe
        self.fixes = fixes
        self.depth = depth
        self.alphabet = Self.alphabet(universe)
    }

    /// A shortest violating run: its steps with their results, and the violation of the last step.
    struct Finding: CustomStringConvertible {
        var violation: Violation
        var steps: [(operation: Operation, result: OperationResult)]
        var length: Int { steps.count }
        var description: String {
            "\(violation.property) in \(length) steps: "
                + steps.map { "\($0.operation) → \($0.result)" }.joined(separator: "; ") + " — \(violation.explanation)"
        }
    }

    /// What the search did, for reports and for checking that it really searched.
    struct Statistics {
        var transitions = 0
        var statesExpanded = 0
    }

    /// The operations the search tries from every state. Addresses are pages of the total range,
    /// plus the two that only the serenity design treats specially: the null address and the page
    /// below the total range (is_user_range has no lower bound).
    static func alphabet(_ u: Universe) -> [Operation] {
        let P = u.pageSize
        func page(_ n: UInt64) -> UInt64 { u.base + n * P }
        let below = u.base - P
        var ops: [Operation] = [
            .mmap(P, .readWrite), .mmap(2 * P, .readWrite), .mmap(3 * P, .readWrite),
            .mmap(P, .none), .mmap(2 * P, .none),
            .mmap(P, .readWrite, alignment: 2 * P),
            .mmap(P, .readWrite, at: .randomized, choice: 0),
            .mmap(P, .readWrite, at: .randomized, choice: 1000),  // past the candidates: the first-fit fallback
            .munmap(address: page(0), size: P),
            .munmap(address: page(1), size: P),
            .munmap(address: page(2), size: 2 * P),
            .munmap(address: below, size: 2 * P),
            .mprotect(address: page(0), size: P, protection: .read),
            .mprotect(address: page(0), size: P, protection: .readWrite),
            .mprotect(address: page(1), size: P, protection: .none),
            .mprotect(address: page(0), size: 2 * P, protection: .none),
            .mprotect(address: page(1), size: 2 * P, protection: .readWrite),
            .touch(address: page(0), write: true, value: 1),
            .touch(address: page(1), write: true, value: 2),
            .touch(address: page(0), write: false, value: 0),
            .failNext(kind: .pageTable, count: 1),
            .failNext(kind: .frame, count: 1),
            .mmap(P, .readWrite, at: .fixedNoReplace(0)),
            .mmap(P, .readWrite, at: .fixedNoReplace(page(1))),
            .mmap(P, .readWrite, at: .fixedNoReplace(page(3))),
            .mmap(2 * P, .none, at: .fixedNoReplace(page(3))),
            .mmap(2 * P, .readWrite, at: .fixedNoReplace(below)),
            .mmap(P, .readWrite, at: .fixed(0)),
            .mmap(P, .readWrite, at: .fixed(page(0))),
            .mmap(P, .readWrite, at: .fixed(page(1))),
            .mmap(2 * P, .readWrite, at: .fixed(below)),
            .teardown,
        ]
        ops.removeAll { op in
            if case .mmap(_, _, _, let address?, _, _) = op { return address != 0 && address < u.base - P }
            return false
        }
        return ops
    }

    /// A wider alphabet for opt-in discovery runs: every page of the universe for each kind of
    /// step (like the sanity sweep), the special addresses, alignments 2P and 3P (not a power of
    /// two: mmap only checks for a page multiple), randomized choices and both fault kinds.
    static func wideAlphabet(_ u: Universe) -> [Operation] {
        let P = u.pageSize
        var ops = alphabet(u)
        ops.append(.mmap(P, .read))
        ops.append(.mmap(2 * P, .readWrite, alignment: 2 * P))
        ops.append(.mmap(P, .readWrite, alignment: 3 * P))
        ops.append(.mmap(P, .readWrite, at: .randomized, choice: 1))
        ops.append(.mmap(2 * P, .none, at: .randomized, choice: 2))
        ops.append(.munmap(address: 0, size: 0xF))
        ops.append(.munmap(address: u.base - P, size: (u.pages + 1) * P))
        ops.append(.mprotect(address: u.base - P, size: 3 * P, protection: .read))
        ops.append(.mmap(P, .readWrite, at: .fixedNoReplace(u.end - P)))
        ops.append(.mmap(2 * P, .readWrite, at: .fixedNoReplace(u.end - P)))
        for n in 0 ..< u.pages {
            let a = u.base + n * P
            ops.append(.mmap(P, .readWrite, at: .fixedNoReplace(a)))
            ops.append(.mmap(2 * P, .none, at: .fixedNoReplace(a)))
            ops.append(.mmap(2 * P, .readWrite, at: .fixed(a)))
            ops.append(.munmap(address: a, size: P))
            ops.append(.munmap(address: a, size: 3 * P))
            ops.append(.mprotect(address: a, size: P, protection: .read))
            ops.append(.mprotect(address: a, size: 2 * P, protection: .readWrite))
            ops.append(.mprotect(address: a, size: 3 * P, protection: .none))
            ops.append(.touch(address: a, write: true, value: UInt32(n + 1)))
            ops.append(.touch(address: a, write: false, value: 0))
        }
        var unique: [Operation] = []
        for op in ops where !unique.contains(op) { unique.append(op) }
        return unique
    }

    /// The shortest violation within `depth` steps, or nil if every run of that length is clean.
    func shortestViolation(statistics: inout Statistics) -> Finding? {
        struct Node { var parent: Int; var operation: Operation; var result: OperationResult }
        var nodes: [Node] = []
        var seen: Set<Snapshot> = []
        let start = AddressSpace(universe: universe, design: .serenity, serenityFixes: fixes)
        seen.insert(start.snapshot())
        var frontier: [(space: AddressSpace, node: Int)] = [(start, -1)]
        func path(to node: Int) -> [(operation: Operation, result: OperationResult)] {
            var steps: [(Operation, OperationResult)] = []
            var i = node
            while i >= 0 { steps.append((nodes[i].operation, nodes[i].result)); i = nodes[i].parent }
            return steps.reversed()
        }
        for _ in 0 ..< depth {
            var next: [(space: AddressSpace, node: Int)] = []
            for (space, node) in frontier {
                statistics.statesExpanded += 1
                for operation in alphabet {
                    let t = Transition(applying: operation, to: space)
                    statistics.transitions += 1
                    nodes.append(Node(parent: node, operation: operation, result: t.result))
                    if let v = properties.firstViolation(t) {
                        return Finding(violation: v, steps: path(to: nodes.count - 1))
                    }
                    if seen.insert(t.after.model!.snapshot()).inserted { next.append((t.after.model!, nodes.count - 1)) }
                }
            }
            frontier = next
        }
        return nil
    }

    func shortestViolation() -> Finding? {
        var statistics = Statistics()
        return shortestViolation(statistics: &statistics)
    }
}

extension SerenitySearch {
    /// The shortest runs that show the finding `fix` corrects, one per property, as HEAD traces:
    /// the same steps run side by side at HEAD (no fixes), with every fix but `fix`, and with every
    /// fix. A step is a finding of `fix` when HEAD and all-but-`fix` violate the same property
    /// (the first one in catalogue order) while all fixes violate nothing — and HEAD violated
    /// nothing before. So each trace replays at HEAD to exactly that violation, and the violation
    /// is one that `fix` removes. Breadth first, so the first trace found for a property is a
    /// shortest one; branches where HEAD already violated something are not extended.
    /// `self.fixes` is ignored. The result is in catalogue order of the properties.
    func headTraces(for fix: SerenityFixes, statistics: inout Statistics) -> [Finding] {
        struct Node { var parent: Int; var operation: Operation; var result: OperationResult }
        struct Runs { var head, withoutFix, allFixes: AddressSpace }
        func key(_ r: Runs) -> Snapshot {
            var bytes: [UInt8] = []
            var scratch = SnapshotScratch()
            for space in [r.head, r.withoutFix, r.allFixes] {
                var part: [UInt8] = []
                space.encode(into: &part, scratch: &scratch)
                bytes.append(contentsOf: withUnsafeBytes(of: UInt32(part.count).littleEndian, Array.init))
                bytes.append(contentsOf: part)
            }
            return Snapshot(bytes: bytes)
        }
        var nodes: [Node] = []
        var found: [String: Finding] = [:]
        let start = Runs(
            head: AddressSpace(universe: universe, design: .serenity),
            withoutFix: AddressSpace(universe: universe, design: .serenity, serenityFixes: SerenityFixes.all.subtracting(fix)),
            allFixes: AddressSpace(universe: universe, design: .serenity, serenityFixes: .all))
        var seen: Set<Snapshot> = [key(start)]
        var frontier: [(runs: Runs, node: Int)] = [(start, -1)]
        for _ in 0 ..< depth {
            var next: [(runs: Runs, node: Int)] = []
            for (runs, node) in frontier {
                statistics.statesExpanded += 1
                for operation in alphabet {
                    let head = Transition(applying: operation, to: runs.head)
                    let without = Transition(applying: operation, to: runs.withoutFix)
                    let all = Transition(applying: operation, to: runs.allFixes)
                    statistics.transitions += 3
                    nodes.append(Node(parent: node, operation: operation, result: head.result))
                    if let v = properties.firstViolation(head) {
                        if found[v.property] == nil, properties.firstViolation(without)?.property == v.property,
                           properties.firstViolation(all) == nil {
                            var steps: [(Operation, OperationResult)] = []
                            var i = nodes.count - 1
                            while i >= 0 { steps.append((nodes[i].operation, nodes[i].result)); i = nodes[i].parent }
                            found[v.property] = Finding(violation: v, steps: steps.reversed())
                        }
                        continue
                    }
                    let after = Runs(head: head.after.model!, withoutFix: without.after.model!, allFixes: all.after.model!)
                    if seen.insert(key(after)).inserted { next.append((after, nodes.count - 1)) }
                }
            }
            frontier = next
        }
        return properties.ids.compactMap { found[$0] }
    }

    func headTraces(for fix: SerenityFixes) -> [Finding] {
        var statistics = Statistics()
        return headTraces(for: fix, statistics: &statistics)
    }
}

extension SerenitySearch.Finding {
    /// The finding as a replayable trace: design serenity, the violated property, each step's result.
    func trace(universe: Universe, description: String) -> Trace {
        Trace(universe: universe, design: .serenity, description: description, violates: violation.property,
              steps: steps.map { Trace.Step($0.operation, expected: ExpectedResult($0.result)) })
    }
}
