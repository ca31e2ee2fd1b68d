@testable import Model
import Testing

@Suite struct SplitTests {
    @Test func munmapOfTheMiddleSplitsInTwo() throws {
        var s = AddressSpace.fresh()
        s.map(5)
        try s.munmap(address: s.page(2), size: P)
        #expect(s.layout == ["0+2rw-", "3+2rw-"])
        let parts = Array(s.regions.regions)
        #expect(parts[0].object == parts[1].object, "split parts share the VMObject")
        #expect(parts[1].offset == 3)
        #expect(s.objects[parts[0].object]?.referenceCount == 2)
    }

    @Test func munmapAcrossThreeRegions() throws {
        var s = AddressSpace.fresh()
        s.map(2); s.map(2, .read); s.map(2)
        try s.munmap(address: s.page(1), size: 4 * P)
        #expect(s.layout == ["0+1rw-", "5+1rw-"])
        #expect(s.objects.live.count == 2, "the fully covered region's VMObject died")
    }

    /// SPEC §2: outside the total range there is nothing to unmap (0); only size 0 is EINVAL here.
    @Test func munmapOfNothingSucceedsAndOutsideUnmapsNothing() throws {
        var s = AddressSpace.fresh()
        s.map(1)
        try s.munmap(address: s.page(4), size: 2 * P)
        #expect(s.layout == ["0+1rw-"])
        #expect(expectError(.EINVAL) { () throws(KernelError) in try s.munmap(address: s.page(0), size: 0) })
        try s.munmap(address: 0, size: 0xF)
        try s.munmap(address: s.page(7), size: 2 * P)
        #expect(s.layout == ["0+1rw-"])
    }

    @Test func munmapRoundsOutToPages() throws {
        var s = AddressSpace.fresh()
        s.map(4)
        try s.munmap(address: s.page(1) + 10, size: P)  // touches pages 1 and 2
        #expect(s.layout == ["0+1rw-", "3+1rw-"])
    }

    @Test func mprotectSplitsOneRegionInThree() throws {
        var s = AddressSpace.fresh()
        s.map(5)
        try s.mprotect(address: s.page(1), size: 2 * P, protection: .read)
        #expect(s.layout == ["0+1rw-", "1+2r--", "3+2rw-"])
        #expect(Array(s.regions.regions).map(\.offset) == [0, 1, 3])
    }

    @Test func mprotectAcrossThreeRegionsSkipsAlreadyCorrectOnes() throws {
        var s = AddressSpace.fresh()
        s.map(2); s.map(2, .read); s.map(2)
        try s.mprotect(address: s.page(1), size: 4 * P, protection: .read)
        #expect(s.layout == ["0+1rw-", "1+1r--", "2+2r--", "4+1r--", "5+1rw-"])
    }

    @Test func mprotectRequiresEveryPageMapped() throws {
        var s = AddressSpace.fresh()
        s.map(2); s.map(1, at: .fixedNoReplace(s.page(3)))
        let before = s.snapshot()
        #expect(expectError(.ENOMEM) { () throws(KernelError) in try s.mprotect(address: s.page(0), size: 4 * P, protection: .read) })
        #expect(s.snapshot() == before)
    }

    @Test func removingWriteReachesPTEAndTLB() throws {
        var s = AddressSpace.fresh()
        s.map(2)
        try s.touch(address: s.page(0), write: true, value: 5)
        #expect(s.tlb.entry(for: s.page(0) / P)?.writable == true)
        try s.mprotect(address: s.page(0), size: P, protection: .read)
        #expect(s.tlb.entry(for: s.page(0) / P) == nil, "the TLB entry was flushed")
        #expect(s.directory.ptes.entry(for: s.page(0) / P)?.writable == false)
        #expect(expectError(.EFAULT) { () throws(KernelError) in _ = try s.touch(address: s.page(0), write: true) })
        #expect(try s.touch(address: s.page(0), write: false) == 5)
    }

    @Test func protNoneHasNoPageTables() throws {
        var s = AddressSpace.fresh()
        s.map(4, .none)
        #expect(s.directory.tables.isEmpty)
        try s.mprotect(address: s.page(0), size: 2 * P, protection: .readWrite)
        #expect(s.directory.tables.count == 1)
        try s.mprotect(address: s.page(0), size: 2 * P, protection: .none)
        #expect(s.directory.tables.isEmpty, "a table no accessible region needs is freed")
    }
}

@Suite struct OffsetCoherenceTests {
    /// Write a distinct value into every page, cut the region up, and read every page back.
    @Test func valuesSurviveSplitsOfSplits() throws {
        var s = AddressSpace.fresh(.small)
        s.map(8)
        for page in 0 ..< 6 as Range<UInt64> { try s.touch(address: s.page(page), write: true, value: UInt32(100 + page)) }
        try s.mprotect(address: s.page(2), size: 4 * P, protection: .read)     // [0,2) rw, [2,6) r, [6,8) rw
        try s.munmap(address: s.page(3), size: P)                              // [2,3) r, [4,6) r
        try s.mprotect(address: s.page(5), size: P, protection: .readWrite)     // split of a split
        for page in [0, 1, 2, 4, 5] as [UInt64] {
            #expect(try s.touch(address: s.page(page), write: false) == UInt32(100 + page), "page \(page)")
        }
        #expect(expectError(.EFAULT) { () throws(KernelError) in _ = try s.touch(address: s.page(3), write: false) })
        #expect(try s.regions.region(containing: s.page(5))?.offset == 5)
    }

    @Test func theMutantLosesTheSourceOffset() throws {
        var s = AddressSpace.fresh(.small, .splitOffsetIgnoresSource)
        s.map(6)
        for page in 0 ..< 6 as Range<UInt64> { try s.touch(address: s.page(page), write: true, value: UInt32(100 + page)) }
        try s.munmap(address: s.page(1), size: P)          // [2,6) now at offset... 1 instead of 2
        #expect(try s.touch(address: s.page(2), write: false) == 102, "the PTE still holds the right frame")
        try s.mprotect(address: s.page(4), size: P, protection: .read)
        #expect(try s.regions.region(containing: s.page(4))?.offset != 4, "the seam really changes the offset")
    }
}
