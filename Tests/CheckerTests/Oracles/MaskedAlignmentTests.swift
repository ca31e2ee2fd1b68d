@testable import Checker
import Model
import Testing

/// Alignments that are page multiples but not powers of two: the `serenity` design accepts them
/// and rounds with AK's `((x − 1) & ~(A − 1)) + A`; the placement properties judge such requests
/// against the oracle's own arithmetic instead of skipping them. The reference rejects them.
private let P: UInt64 = 4096

@Suite struct MaskedAlignmentTests {

    /// AK's round_up_to_power_of_two, written out again here: neither the oracle's nor the model's.
    static func akRoundUp(_ x: UInt64, _ a: UInt64) -> UInt64 { ((x &- 1) & ~(a - 1)) &+ a }
    /// The rounding the model used before issue 17, which differs from AK's for these alignments.
    static func oldRoundUp(_ x: UInt64, _ a: UInt64) -> UInt64 { (x &+ a &- 1) & ~(a - 1) }

    /// Issue 17's reproducer: a PROT_NONE region at [0x10000, 0x11000).
    static func reproducerSpace(fixes: SerenityFixes = []) -> AddressSpace {
        var space = AddressSpace(universe: .serenity, design: .serenity, serenityFixes: fixes)
        _ = Operation.mmap(P, .none, at: .fixedNoReplace(0x10000)).apply(to: &space)
        return space
    }

    static let reproducerRequest = Operation.mmap(P, .readWrite, alignment: 0x3000)

    /// The transition an implementation would report if it answered `asked` by doing `did`.
    static func transition(asked: Operation, did: Operation, on space: AddressSpace) -> Transition {
        var after = space
        let result = did.apply(to: &after)
        return Transition(before: space, operation: asked, result: result, after: after)
    }

    @Test func reproducerPlacesAt0x13000AndIsJudged() throws {
        let space = Self.reproducerSpace()
        let t = Transition(applying: Self.reproducerRequest, to: space)
        #expect(t.result == .ok(0x13000))
        let request = try #require(t.mmapRequest, "judged, not skipped as invalid")
        #expect(request.rounding == .akMask)
        let holes = HoleOracle.holes(of: t.before.regions.elements, in: t.before.universe.totalRange)
        #expect(PlacementOracle.lowestFit(size: P, alignment: 0x3000, holes: holes, rounding: .akMask) == AddressSpan(0x13000, 0x14000))
        #expect(PropertySet().allViolations(t).isEmpty)
        #expect(Self.akRoundUp(0x11000, 0x3000) == 0x13000 && Self.oldRoundUp(0x11000, 0x3000) == 0x11000)
    }

    /// A model whose rounding went back to `(x + A − 1) & ~(A − 1)` answers 0x11000: `first-fit`
    /// and `hole-soundness` report it (the transition is built with that answer; the model is
    /// not patched).
    @Test func theOldRoundingIsReported() throws {
        let space = Self.reproducerSpace()
        let wrong = Self.transition(asked: Self.reproducerRequest, did: .mmap(P, .readWrite, at: .fixedNoReplace(0x11000)), on: space)
        #expect(wrong.result == .ok(0x11000))
        let firstFit = try #require(PlacementProperties.firstFit.check(wrong))
        #expect(firstFit.explanation.contains("0x13000"), "\(firstFit)")
        let soundness = try #require(PlacementProperties.holeSoundness.check(wrong))
        #expect(soundness.explanation.contains("not aligned to 0x3000"), "\(soundness)")
        #expect(PropertySet().allViolations(wrong).map(\.property).contains("first-fit"))
    }

    /// With the `exact-fit-windows` fix nothing else stands between the request and the
    /// rounded hole base: an ENOMEM there is a missed hole.
    @Test func enomemWhereTheRoundedBaseFitsIsAMissedHole() throws {
        let space = Self.reproducerSpace(fixes: .all)
        let t = Transition(before: space, operation: Self.reproducerRequest, result: .error(.ENOMEM), after: space)
        let violation = try #require(PlacementProperties.holeCompleteness.check(t))
        #expect(violation.explanation.contains("[0x13000, 0x14000)"), "\(violation)")
        #expect(PlacementProperties.holeCompleteness.check(Transition(applying: Self.reproducerRequest, to: space)) == nil)
    }

    @Test func theReferenceRejectsThemAndTheRequestIsNotJudgedAsAPlacement() {
        var space = AddressSpace(universe: .small)
        _ = Operation.mmap(P, .none, at: .fixedNoReplace(0x10000)).apply(to: &space)
        let t = Transition(applying: .mmap(P, .readWrite, alignment: 0x3000), to: space)
        #expect(t.result == .error(.EINVAL))
        #expect(t.mmapRequest == nil)
        #expect(PropertySet().allViolations(t).isEmpty)
    }

    /// The randomized outcomes of the `serenity` design for such alignments, the oracle's
    /// candidate list and a brute-force listing agree: every address x of the universe is
    /// rounded with AK's formula, and the positions whose range is inside the total range and
    /// free are kept. Each outcome the model takes is then judged clean, and an answer from the
    /// old rounding that AK's cannot produce is reported.
    @Test(arguments: [UInt64(1), 2, 3])
    func randomizedOutcomesMatchABruteForceListing(pages: UInt64) throws {
        var space = AddressSpace(universe: .small, design: .serenity, serenityFixes: .all)
        _ = Operation.mmap(2 * P, .none, at: .fixedNoReplace(0x13000)).apply(to: &space)
        _ = Operation.mmap(P, .none, at: .fixedNoReplace(0x19000)).apply(to: &space)
        let universe = space.universe, size = pages * P
        let taken = [(0x13000 as UInt64, 0x15000 as UInt64), (0x19000, 0x1a000)]
        let holes = HoleOracle.holes(of: space.observation().regions.elements, in: universe.totalRange)
        for alignment in [3, 5, 6, 7, 12].map({ $0 * P }) {
            var reachable: Set<UInt64> = []
            for x in 0 ..< universe.end { reachable.insert(Self.akRoundUp(x, alignment)) }
            let expected = reachable.filter { p in
                p >= universe.base && p + size <= universe.end && !taken.contains { $0.0 < p + size && p < $0.1 }
            }.sorted()
            let count = PlacementOracle.candidateCount(size: size, alignment: alignment, holes: holes, rounding: .akMask)
            let listed = (0 ..< count).compactMap {
                PlacementOracle.candidate($0, size: size, alignment: alignment, holes: holes, rounding: .akMask)?.lower
            }
            #expect(listed == expected, "oracle, alignment \(alignment.hex), size \(size.hex)")
            var outcomes: [UInt64] = []
            for choice in 0 ..< count {
                let t = Transition(applying: .mmap(size, .readWrite, at: .randomized, alignment: alignment, choice: choice), to: space)
                if case .ok(let base?) = t.result { outcomes.append(base) }
                #expect(PropertySet().allViolations(t).isEmpty, "choice \(choice), alignment \(alignment.hex)")
            }
            #expect(outcomes == expected, "model, alignment \(alignment.hex), size \(size.hex)")
            // The first-fit fallback, past the accepted positions, is anywhere's answer.
            let fallback = Transition(applying: .mmap(size, .readWrite, at: .randomized, alignment: alignment, choice: count), to: space)
            let lowest = PlacementOracle.lowestFit(size: size, alignment: alignment, holes: holes, rounding: .akMask)
            #expect(fallback.result == lowest.map { .ok($0.lower) } ?? .error(.ENOMEM))
            // A free position only the old rounding produces, given as the randomized answer.
            if let wrong = (universe.base ..< universe.end).lazy.map({ Self.oldRoundUp($0, alignment) })
                .first(where: { p in !reachable.contains(p) && p >= universe.base && p + size <= universe.end
                    && !taken.contains { $0.0 < p + size && p < $0.1 } }) {
                let asked = Operation.mmap(size, .readWrite, at: .randomized, alignment: alignment, choice: 0)
                let t = Self.transition(asked: asked, did: .mmap(size, .readWrite, at: .fixedNoReplace(wrong)), on: space)
                #expect(PlacementProperties.holeSoundness.check(t) != nil, "\(wrong.hex) for alignment \(alignment.hex)")
            }
        }
    }

    /// Top-down with such an alignment: the highest position AK's rounding produces that fits.
    @Test func highestFitIsTheHighestReachablePosition() {
        let holes = [AddressSpan(0x10000, 0x13000), AddressSpan(0x15000, 0x19000)]
        for alignment in [3, 5, 6].map({ $0 * P }) {
            let best = (0x10000 as UInt64 ..< 0x19000).map { Self.akRoundUp($0, alignment) }
                .filter { p in holes.contains { $0.lower <= p && p + P <= $0.upper } }.max()
            #expect(PlacementOracle.highestFit(size: P, alignment: alignment, holes: holes, rounding: .akMask)?.lower == best)
        }
    }
}
