@testable import Model
import Testing

/// Top-down placement (the highest fitting aligned range) and the hint of a non-fixed address.
@Suite struct TopDownAndHintTests {
    @Test func topDownTakesTheHighestFit() {
        var s = AddressSpace.fresh()
        #expect(s.map(2, at: .topDown) == s.page(6))
        #expect(s.map(1, at: .topDown) == s.page(5))
        #expect(s.layout == ["5+1rw-", "6+2rw-"])
    }

    @Test func topDownSkipsAHighHoleThatIsTooSmall() throws {
        var s = AddressSpace.fresh()
        s.map(8)
        try s.munmap(address: s.page(1), size: 3 * P)
        try s.munmap(address: s.page(6), size: P)
        #expect(s.map(2, at: .topDown) == s.page(2), "the one-page hole at page 6 is too small; the top of pages 1..3 is taken")
    }

    @Test func topDownAlignsDownward() {
        var s = AddressSpace.fresh()
        s.map(1, at: .fixedNoReplace(s.page(7)))
        // Pages 0..6 free; the highest 2-page-aligned start for 2 pages with end <= page 7 is page 4.
        #expect(s.map(2, at: .topDown, alignment: 2 * P) == s.page(4))
    }

    @Test func topDownOnAFullSpaceIsENOMEM() {
        var s = AddressSpace.fresh()
        s.map(8)
        #expect(expectError(.ENOMEM) { () throws(KernelError) in _ = try s.mmap(size: P, protection: .readWrite, placement: .topDown) })
    }

    @Test func aFreeHintIsTaken() {
        var s = AddressSpace.fresh()
        #expect(s.map(2, at: .hint(s.page(3))) == s.page(3))
    }

    @Test func aBusyOrUnalignedHintFallsBackToTheLowestFit() {
        var s = AddressSpace.fresh()
        s.map(1, at: .fixedNoReplace(s.page(4)))
        #expect(s.map(2, at: .hint(s.page(3))) == s.page(0), "pages 3..4 overlap the region at page 4")
        #expect(s.map(1, at: .hint(s.page(5) + 1)) == s.page(2), "an unaligned hint is not taken")
        #expect(s.map(1, at: .hint(s.page(7)), alignment: 2 * P) == s.page(6), "a hint off the alignment is not taken")
    }

    @Test func aHintOutsideTheRangeFallsBack() {
        var s = AddressSpace.fresh()
        #expect(s.map(1, at: .hint(0x1000)) == s.page(0))
        #expect(s.map(2, at: .hint(s.page(7))) == s.page(1), "the range would reach past the end")
    }

    @Test func serenityIgnoresHintsAndHasNoTopDown() {
        var s = AddressSpace(universe: .tiny, design: .serenity)
        let base = try? s.mmap(size: P, protection: .readWrite, placement: .hint(s.page(5)))
        #expect(base?.base == s.page(0), "sys$mmap ignores a non-fixed address")
        #expect(expectError(.EINVAL) { () throws(KernelError) in _ = try s.mmap(size: P, protection: .readWrite, placement: .topDown) })
    }
}
