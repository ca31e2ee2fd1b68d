@testable import Model
import Testing

@Suite struct PlacementTests {
    @Test func anywhereTakesTheLowestHole() {
        var s = AddressSpace.fresh()
        #expect(s.map(2) == s.page(0))
        #expect(s.map(1) == s.page(2))
        #expect(s.layout == ["0+2rw-", "2+1rw-"])
    }

    @Test func anExactSizeHoleCounts() throws {
        var s = AddressSpace.fresh()
        s.map(2); s.map(1); s.map(2)
        try s.munmap(address: s.page(2), size: P)
        #expect(s.map(1) == s.page(2), "the one-page hole between the regions fits a one-page request")
    }

    @Test func alignmentSkipsUnalignedStarts() {
        var s = AddressSpace.fresh()
        s.map(1)
        // base 0x10000 is 16-page aligned; pages 0..7, aligned to 2 pages: the next start is page 2.
        #expect(s.map(1, alignment: 2 * P) == s.page(2))
        #expect(s.map(1) == s.page(1), "alignment does not waste the hole below it")
    }

    @Test func theTailWindowIsTrimmedToSize() throws {
        var s = AddressSpace.fresh()
        s.map(3)
        let base = s.map(1)
        #expect(try s.regions.region(at: base)?.range.size == P)
        #expect(s.layout == ["0+3rw-", "3+1rw-"])
    }

    @Test func aFullSpaceReturnsENOMEM() {
        var s = AddressSpace.fresh()
        s.map(8)
        #expect(expectError(.ENOMEM) { () throws(KernelError) in _ = try s.mmap(size: P, protection: .readWrite) })
    }

    @Test func aRequestLargerThanEveryHoleReturnsENOMEM() throws {
        var s = AddressSpace.fresh()
        s.map(8)
        try s.munmap(address: s.page(1), size: P)
        try s.munmap(address: s.page(4), size: 2 * P)
        #expect(expectError(.ENOMEM) { () throws(KernelError) in _ = try s.mmap(size: 3 * P, protection: .readWrite) })
        #expect(s.map(2) == s.page(4))
    }

    @Test func invalidArgumentsAreEINVAL() {
        var s = AddressSpace.fresh()
        #expect(expectError(.EINVAL) { () throws(KernelError) in _ = try s.mmap(size: 0, protection: .readWrite) })
        #expect(expectError(.EINVAL) { () throws(KernelError) in _ = try s.mmap(size: P, protection: .readWrite, alignment: 3 * P) })
        #expect(expectError(.EINVAL) { () throws(KernelError) in _ = try s.mmap(size: P, protection: .readWrite, alignment: P / 2) })
        #expect(expectError(.EINVAL) { () throws(KernelError) in _ = try s.mmap(size: P, protection: .readWrite, placement: .fixed(s.page(1) + 1)) })
        #expect(expectError(.EINVAL) { () throws(KernelError) in _ = try s.mmap(size: UInt64.max - 10, protection: .readWrite) })
        #expect(expectError(.EINVAL) { () throws(KernelError) in _ = try s.mmap(size: 1 << 63, protection: .readWrite, alignment: 1 << 63) })
        #expect(s.regions.isEmpty)
    }

    @Test func unalignedSizesRoundUpToPages() throws {
        var s = AddressSpace.fresh()
        let range = try s.mmap(size: P + 1, protection: .readWrite)
        #expect(range.size == 2 * P)
    }

    @Test func fixedNoReplaceChecksBothEnds() {
        var s = AddressSpace.fresh()
        s.map(1, at: .fixedNoReplace(s.page(3)))
        #expect(expectError(.EEXIST) { () throws(KernelError) in _ = try s.mmap(size: 2 * P, protection: .readWrite, placement: .fixedNoReplace(s.page(2))) },
                "a region starting inside the requested range is an overlap")
        #expect(expectError(.EEXIST) { () throws(KernelError) in _ = try s.mmap(size: P, protection: .readWrite, placement: .fixedNoReplace(s.page(3))) })
        #expect(s.map(1, at: .fixedNoReplace(s.page(2))) == s.page(2), "touching but not overlapping is fine")
        #expect(expectError(.ENOMEM) { () throws(KernelError) in _ = try s.mmap(size: 2 * P, protection: .readWrite, placement: .fixedNoReplace(s.page(7))) },
                "reaching past the total range")
        #expect(expectError(.ENOMEM) { () throws(KernelError) in _ = try s.mmap(size: P, protection: .readWrite, placement: .fixedNoReplace(0)) })
    }

    @Test func fixedReplacesAtomically() throws {
        var s = AddressSpace.fresh()
        s.map(4)
        try s.touch(address: s.page(1), write: true, value: 11)
        s.map(2, .read, at: .fixed(s.page(1)))
        #expect(s.layout == ["0+1rw-", "1+2r--", "3+1rw-"])
        #expect(try s.touch(address: s.page(1), write: false) == 0, "the replacement is fresh memory")
        // A failure after the unmap restores the old mappings.
        let before = s.snapshot(includeFaults: false)
        s.faults.schedule(.pageTable, count: 1)
        #expect(expectError(.ENOMEM) { () throws(KernelError) in _ = try s.mmap(size: 4 * P, protection: .readWrite, placement: .fixed(s.page(2))) })
        #expect(s.snapshot(includeFaults: false) == before)
    }

    @Test func randomizedEnumeratesEveryAlignedPosition() {
        var s = AddressSpace.fresh()
        s.map(1, at: .fixedNoReplace(s.page(2)))
        // Holes: pages 0-1 and 3-7: a 2-page range fits at 0, 3, 4, 5, 6.
        #expect(s.regions.randomizedCandidateCount(size: 2 * P, alignment: P) == 5)
        let starts = (0 ..< 5).map { s.regions.randomizedCandidate(UInt64($0), size: 2 * P, alignment: P)!.base }
        #expect(starts == [0, 3, 4, 5, 6].map { s.page($0) })
        #expect(s.regions.randomizedCandidateCount(size: 2 * P, alignment: 2 * P) == 3)
        var copy = s
        let base = try? copy.mmap(size: 2 * P, protection: .readWrite, placement: .randomized, choose: { n in n - 1 })
        #expect(base?.base == s.page(6))
    }

    @Test func serenityUniverseSpansTheRealUserRange() {
        var s = AddressSpace.fresh(.serenity)
        #expect(s.universe.totalRange.base == 0x10000)
        #expect(s.universe.totalRange.end == 0x1f_fe00_0000)
        let top = s.map(1, at: .fixedNoReplace(0x1f_fe00_0000 - P))
        #expect(top == 0x1f_fdff_f000)
        #expect(s.map(1 << 20) == 0x10000, "a 4 GiB region fits at the bottom")
    }
}
