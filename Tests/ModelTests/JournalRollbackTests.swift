@testable import Model
import Testing

/// The in-place rollback (`RollbackStrategy.journal`): a failed operation undoes its writes from
/// the storage's journal, and leaves exactly the state the copy-based rollback leaves.
@Suite struct JournalRollbackTests {
    /// Everything an operation can change, compared field by field (tree slots, links, colours,
    /// free lists, object slots, frames, tables, PTEs, TLB, heap, legacy allocator), so slot
    /// numbering and free-list order count too, unlike the canonical snapshot.
    static func exactState(_ s: AddressSpace) -> String {
        let tree = s.regions.tree
        let nodes = tree.nodes.elements.map { "\($0.key) \($0.left) \($0.right) \($0.parent) \($0.color) \(String(describing: $0.value))" }
        return """
            tree \(tree.root) \(tree.freeHead) \(tree.liveCount) \(nodes)
            objects \(s.objects.slots) \(s.objects.hashValue)
            frames \(s.frames.inUse) \(s.frames.contents)
            tables \(s.directory.tables) ptes \(s.directory.ptes.entries) tlb \(s.tlb.entries)
            heap \(s.heap) legacy \(String(describing: s.legacyAllocator))
            """
    }

    /// Every journal is closed and empty between operations.
    static func journalsClosed(_ s: AddressSpace) -> Bool {
        !s.isJournaling && s.regions.tree.nodes.journalLength == 0 && !s.regions.tree.nodes.isJournaling
    }

    @Test(arguments: [Universe.tiny, Universe.small])
    func aFailedStepLeavesTheStateExactlyAsBeforeForEveryFaultKind(universe: Universe) {
        var failuresByKind: [AllocationKind: Int] = [:]
        var plainErrors = 0
        for var start in AtomicityTests.states(universe, count: 20, seed: 11) {
            start.rollback = .journal
            for (name, op) in AtomicityTests.alphabet(start) {
                var plans: [(AllocationKind, Int)?] = [nil]
                for kind in AllocationKind.allCases { for grace in 0 ..< 3 { plans.append((kind, grace)) } }
                for plan in plans {
                    var s = start
                    if let (kind, grace) = plan { s.faults.schedule(kind, after: grace) }
                    let before = Self.exactState(s)
                    let pendingBefore = s.faults
                    do throws(KernelError) {
                        try op(&s)
                    } catch {
                        #expect(Self.exactState(s) == before, "\(name) failed with \(error) under \(String(describing: plan)) but changed the state")
                        if let (kind, _) = plan, error == .ENOMEM, s.faults[kind] < pendingBefore[kind] {
                            failuresByKind[kind, default: 0] += 1
                        } else if plan == nil {
                            plainErrors += 1
                        }
                    }
                    #expect(Self.journalsClosed(s))
                }
            }
        }
        // The sweep rolled back from an injected failure of each kind, and from plain errors.
        for kind in AllocationKind.allCases { #expect((failuresByKind[kind] ?? 0) > 10, "no rollback from a \(kind) failure") }
        #expect(plainErrors > 10)
    }

    /// The journal and the copy give the same results and the same exact states, step by step,
    /// over random runs with injected failures, on the reference and on every mutant (the
    /// `keepOnFailure` ones keep their partial changes either way).
    @Test(arguments: [Mutations()] + Mutations.catalogue.map(\.mutation))
    func journalAndCopyAgreeOverRandomRuns(mutations: Mutations) {
        Self.compareJournalAndCopy(design: .reference, mutations: mutations, fixes: [], seed: 5 &+ UInt64(mutations.rawValue))
    }

    /// The serenity design's fixes that roll a failure back restore through the same checkpoints;
    /// without them a failure keeps its partial changes, with either strategy alike.
    @Test(arguments: [SerenityFixes(), .all] + SerenityFixes.catalogue.map(\.fix))
    func journalAndCopyAgreeOnTheSerenityDesign(fixes: SerenityFixes) {
        Self.compareJournalAndCopy(design: .serenity, mutations: [], fixes: fixes, seed: 17 &+ UInt64(fixes.rawValue))
    }

    static func compareJournalAndCopy(design: Design, mutations: Mutations, fixes: SerenityFixes, seed: UInt64) {
        for universe in [Universe.tiny, Universe.small] {
            var journal = AddressSpace(universe: universe, design: design, mutations: mutations, serenityFixes: fixes, rollback: .journal)
            var copy = AddressSpace(universe: universe, design: design, mutations: mutations, serenityFixes: fixes, rollback: .copy)
            let ops = AtomicityTests.alphabet(journal)
            var random = TestRandom(seed: seed)
            var failures = 0
            for step in 0 ..< 250 {
                if random.below(4) == 0 {
                    let kind = AllocationKind.allCases[Int(random.below(2))]
                    let grace = Int(random.below(3))
                    journal.faults.schedule(kind, after: grace)
                    copy.faults.schedule(kind, after: grace)
                }
                let (name, op) = ops[Int(random.below(UInt64(ops.count)))]
                let journalResult = Result { () throws(KernelError) in try op(&journal) }
                let copyResult = Result { () throws(KernelError) in try op(&copy) }
                if case .failure = journalResult { failures += 1 }
                #expect("\(journalResult)" == "\(copyResult)", "step \(step) \(name)")
                #expect(Self.exactState(journal) == Self.exactState(copy), "step \(step) \(name): the states differ")
                #expect(journal.faults == copy.faults)
                #expect(Self.journalsClosed(journal))
                if random.below(25) == 0 {
                    try? journal.teardown()
                    try? copy.teardown()
                }
            }
            #expect(failures > 30)
        }
    }

    @Test func theArrayUndoesEveryKindOfWrite() {
        var random = TestRandom(seed: 3)
        var array = JournaledArray<Int>((0 ..< 10).map { $0 })
        for round in 0 ..< 200 {
            let before = array.elements
            array.beginJournal()
            for _ in 0 ..< Int(random.below(8)) {
                switch random.below(7) {
                case 0 where !array.isEmpty: array[Int(random.below(UInt64(array.count)))] = Int(random.below(100))
                case 1: array.append(Int(random.below(100)))
                case 2: array.insert(-1, at: Int(random.below(UInt64(array.count + 1))))
                case 3 where !array.isEmpty: array.remove(at: Int(random.below(UInt64(array.count))))
                case 4: _ = array.popLast()
                case 5:
                    let lo = Int(random.below(UInt64(array.count + 1)))
                    array.removeSubrange(lo ..< lo + Int(random.below(UInt64(array.count - lo + 1))))
                default: if random.below(10) == 0 { array.removeAll(keepingCapacity: true) }
                }
            }
            if round % 3 == 0 {
                array.commitJournal()
            } else {
                array.rollBackJournal()
                #expect(array.elements == before, "round \(round)")
            }
            #expect(array.journalLength == 0 && !array.isJournaling)
            if array.count < 3 { array = JournaledArray((0 ..< 10).map { $0 }) }
        }
    }
}

extension Result where Failure == KernelError, Success == Void {
    init(_ body: () throws(KernelError) -> Void) {
        do throws(KernelError) { try body(); self = .success(()) } catch { self = .failure(error) }
    }
}
