@testable import Model
import Testing

/// `tree-shape` judged by what an operation wrote (`RegionTree.invariantsCertainlyHold(sinceGeneration:)`):
/// it agrees with the full walk on random runs, and never vouches for a tree the full walk rejects.
@Suite struct IncrementalTreeCheckTests {
    static func run(design: Design, fixes: SerenityFixes, universe: Universe, steps: Int, seed: UInt64,
                    each: (AddressSpace, UInt64) -> Void) {
        let log = TreeWriteLog()
        defer { withExtendedLifetime(log) {} }
        var space = AddressSpace(universe: universe, design: design, serenityFixes: fixes, rollback: .journal)
        space.recordTreeWrites(into: log)
        let ops = AtomicityTests.alphabet(space)
        var random = TestRandom(seed: seed)
        for _ in 0 ..< steps {
            let parent = space.regions.generation
            if random.below(5) == 0 { space.faults.schedule(AllocationKind.allCases[Int(random.below(2))], after: Int(random.below(2))) }
            let (_, op) = ops[Int(random.below(UInt64(ops.count)))]
            try? op(&space)
            if random.below(40) == 0 { try? space.teardown() }
            each(space, parent)
        }
    }

    @Test(arguments: [(Design.reference, SerenityFixes()), (Design.serenity, SerenityFixes.all), (Design.serenity, SerenityFixes())])
    func incrementalAndFullAgreeOverRandomRuns(design: Design, fixes: SerenityFixes) {
        var certain = 0, total = 0
        for universe in [Universe.tiny, Universe.small] {
            Self.run(design: design, fixes: fixes, universe: universe, steps: 400, seed: 9) { space, parent in
                total += 1
                let full = Result { () throws(TreeInvariantViolation) in try space.regions.checkInvariants() }
                if space.regions.invariantsCertainlyHold(sinceGeneration: parent) {
                    certain += 1
                    #expect((try? full.get()) != nil, "the incremental check vouched for a tree the full walk rejects")
                }
                #expect((try? full.get()) != nil)
            }
        }
        // Certain on most steps: only teardowns (and the first step) need the full walk.
        #expect(certain * 10 > total * 8, "certain on only \(certain) of \(total) steps")
    }

    /// Every kind of broken tree, broken inside an operation's journal (so the incremental check
    /// has to judge it rather than fall back), is found: the incremental check is not certain,
    /// and the full walk names the kind.
    @Test func everyViolationKindIsStillFound() {
        var kindsFound: Set<String> = []
        var cases = 0
        Self.run(design: .reference, fixes: [], universe: .small, steps: 60, seed: 21) { space, _ in
            let tree = space.regions.tree
            guard tree.count >= 3, space.regions.generation != 0 else { return }
            let live = (0 ..< Int32(tree.nodes.count)).filter { tree.nodes[Int($0)].color != .free }.map { RedBlackTree<Region>.Index(raw: $0) }
            var corruptions: [RedBlackTree<Region>._TestCorruption] = [.adjustCount(by: 1), .setFreeListHead(nil)]
            for i in live {
                corruptions += [.flipColor(i), .setKey(i, to: 0), .setKey(i, to: .max), .setParent(of: i, to: nil),
                                .setParent(of: i, to: live.first { $0 != i }), .freeWithoutUnlinking(i)]
            }
            for corruption in corruptions {
                var broken = space
                let parent = broken.regions.generation
                let marks = broken.openJournal()
                broken.regions._corruptForTesting(corruption)
                broken.close(marks)
                do throws(TreeInvariantViolation) {
                    try broken.regions.checkInvariants()
                } catch {
                    cases += 1
                    kindsFound.insert(error.kind.rawValue)
                    #expect(!broken.regions.invariantsCertainlyHold(sinceGeneration: parent), "\(corruption): \(error)")
                }
            }
        }
        let allKinds = ["rootNotBlack", "redNodeWithRedChild", "blackHeightMismatch", "keyOutOfOrder", "brokenParentLink",
                        "countMismatch", "freeListCorrupt"]
        #expect(kindsFound == Set(allKinds), "kinds found: \(kindsFound.sorted())")
        #expect(cases > 100)
    }
}

extension Result where Failure == TreeInvariantViolation, Success == Void {
    init(_ body: () throws(TreeInvariantViolation) -> Void) {
        do throws(TreeInvariantViolation) { try body(); self = .success(()) } catch { self = .failure(error) }
    }
}
