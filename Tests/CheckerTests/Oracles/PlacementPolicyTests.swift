@testable import Checker
import Model
import Testing

/// `top-down-fit` and `hint-placement` judge the answer against holes of the observation before
/// the step: an implementation that places bottom-up when asked top-down, or ignores a free hint,
/// is reported; the reference is not.
@Suite struct PlacementPolicyTests {
    /// The transition an implementation would report if it answered `asked` by doing `did`.
    static func transition(asked: Operation, did: Operation, on space: AddressSpace) -> Transition {
        var after = space
        let result = did.apply(to: &after)
        return Transition(before: space, operation: asked, result: result, after: after)
    }

    static func spaceWithAHole() -> AddressSpace {
        var s = AddressSpace(universe: .tiny)
        _ = Operation.mmap(0x1000, at: .fixedNoReplace(0x13000)).apply(to: &s)
        return s
    }

    @Test func bottomUpAnsweringTopDownIsReported() throws {
        let s = Self.spaceWithAHole()
        let bad = Self.transition(asked: .mmap(0x2000, at: .topDown), did: .mmap(0x2000, at: .anywhere), on: s)
        let message = try #require(PlacementPolicies.topDownFit.check(bad, conventions: .reference))
        #expect(message.explanation.contains("0x16000"), "\(message)")
        let good = Transition(applying: .mmap(0x2000, at: .topDown), to: s)
        #expect(PlacementPolicies.topDownFit.check(good, conventions: .reference) == nil)
        #expect(good.result == .ok(0x16000))
    }

    @Test func anIgnoredFreeHintIsReportedInTheReferenceOnly() throws {
        let s = Self.spaceWithAHole()
        let asked = Operation.mmap(0x1000, at: .hint(0x15000))
        let ignored = Self.transition(asked: asked, did: .mmap(0x1000, at: .anywhere), on: s)
        #expect(PlacementPolicies.hintPlacement.check(ignored, conventions: .reference) != nil)
        #expect(PlacementPolicies.hintPlacement.check(ignored, conventions: .serenity) == nil, "SerenityOS documents ignoring hints")
        let honoured = Transition(applying: asked, to: s)
        #expect(honoured.result == .ok(0x15000))
        #expect(PlacementPolicies.hintPlacement.check(honoured, conventions: .reference) == nil)
        #expect(PlacementPolicies.hintPlacement.check(honoured, conventions: .serenity) != nil, "a design that ignores hints places first fit")
    }

    @Test func aBusyHintMustFallBackToTheLowestFit() {
        let s = Self.spaceWithAHole()
        let asked = Operation.mmap(0x2000, at: .hint(0x12000))  // overlaps the region at 0x13000
        let wrong = Self.transition(asked: asked, did: .mmap(0x2000, at: .fixedNoReplace(0x14000)), on: s)
        #expect(PlacementPolicies.hintPlacement.check(wrong, conventions: .reference) != nil)
        #expect(PlacementPolicies.hintPlacement.check(Transition(applying: asked, to: s), conventions: .reference) == nil)
    }
}
