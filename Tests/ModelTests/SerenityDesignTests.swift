@testable import Model
import Testing

/// The `serenity` design, step by step against SPEC §6.1–§6.3: each test pins one HEAD
/// behaviour, usually beside what the reference does instead, and what the fix changes.
extension AddressSpace {
    static func serenity(_ universe: Universe = .tiny, fixes: SerenityFixes = []) -> AddressSpace {
        AddressSpace(universe: universe, design: .serenity, serenityFixes: fixes)
    }

    /// Page-table indices of the `n`-th pages of the total range.
    func table(ofPage n: UInt64) -> UInt64 { page(n) / P / universe.pagesPerTable }
}

@Suite struct SerenityPlacementTests {
    // §1 allocate_range_anywhere step 4: a window is accepted iff window.size ≥ size + align.
    @Test func windowRuleSkipsAnExactFit() {
        var s = AddressSpace.serenity()
        s.map(1, at: .fixedNoReplace(s.page(1)))  // leaves the one-page hole [0, 1) below it
        #expect(s.map(1) == s.page(2), "the one-page hole is skipped; first fit goes past the region")

        var reference = AddressSpace.fresh()
        reference.map(1, at: .fixedNoReplace(reference.page(1)))
        #expect(reference.map(1) == reference.page(0))

        var fixed = AddressSpace.serenity(fixes: .exactFitWindows)
        fixed.map(1, at: .fixedNoReplace(fixed.page(1)))
        #expect(fixed.map(1) == fixed.page(0))
    }

    @Test func aRegionAtTheWindowStartOnlyMovesIt() {
        // §1 step 2: no window (and so no gap) between the bottom and a region starting there.
        var s = AddressSpace.serenity()
        #expect(s.map(1) == s.page(0))
        #expect(s.map(1) == s.page(1))
        #expect(s.map(2) == s.page(2))
    }

    @Test func tailWindowOfExactlyTheSizeIsSkippedToo() {
        var s = AddressSpace.serenity()
        s.map(3)
        s.map(3)  // the tail window [6, 8) holds exactly 2 pages
        #expect(expectError(.ENOMEM) { () throws(KernelError) in _ = try s.mmap(size: 2 * P, protection: .readWrite) })
        #expect(s.map(1) == s.page(6), "2 pages ≥ 1 + 1")
    }

    @Test func windowRuleCountsTheAlignment() {
        // A window of 2 pages holds an aligned page (page 0 is 2P-aligned), but 2 < 1 + 2.
        var s = AddressSpace.serenity()
        s.map(1, at: .fixedNoReplace(s.page(2)))
        #expect(s.map(1, alignment: 2 * P) == s.page(4))
        var fixed = AddressSpace.serenity(fixes: .exactFitWindows)
        fixed.map(1, at: .fixedNoReplace(fixed.page(2)))
        #expect(fixed.map(1, alignment: 2 * P) == fixed.page(0))
    }

    @Test func alignmentThatIsNotAPowerOfTwoGetsWhatTheMaskGives() {
        // mmap only checks for a page multiple; round_up_to_power_of_two masks with ~(3P - 1).
        var s = AddressSpace.serenity()
        let range = try? s.mmap(size: P, protection: .readWrite, alignment: 3 * P)
        #expect(range?.base == 0x10000 && 0x10000 % (3 * P) != 0)
        #expect(RegionTree.serenityRoundUp(0x12000, to: 3 * P) == 0x14000)
        #expect(RegionTree.serenityRoundUp(0x11000, to: 3 * P) == 0x13000)
        var reference = AddressSpace.fresh()
        #expect(expectError(.EINVAL) { () throws(KernelError) in _ = try reference.mmap(size: P, protection: .readWrite, alignment: 3 * P) })
    }

    @Test func maskedAlignmentReproducerMatchesSerenityOS() {
        // Checked against RegionTree.cpp compiled in user space: a PROT_NONE region at
        // [0x10000, 0x11000), then one page anywhere with alignment 0x3000 → 0x13000.
        var s = AddressSpace.serenity(.serenity)
        s.map(1, .none, at: .fixedNoReplace(0x10000))
        let range = try? s.mmap(size: P, protection: .readWrite, alignment: 0x3000)
        #expect(range?.base == 0x13000)
    }

    // §1 allocate_range_specific: keyed on the last byte, ENOMEM on a collision, never EEXIST.
    @Test func specificPlacementCollisionIsENOMEM() {
        var s = AddressSpace.serenity()
        s.map(2, at: .fixedNoReplace(s.page(2)))  // [2, 4)
        for first in [1, 3] as [UInt64] {
            #expect(expectError(.ENOMEM) { () throws(KernelError) in _ = try s.mmap(size: 2 * P, protection: .readWrite, placement: .fixedNoReplace(s.page(first))) })
        }
        #expect(s.map(2, at: .fixedNoReplace(s.page(4))) == s.page(4))
        #expect(s.map(1, at: .fixedNoReplace(s.page(1))) == s.page(1))

        var reference = AddressSpace.fresh()
        reference.map(2, at: .fixedNoReplace(reference.page(2)))
        #expect(expectError(.EEXIST) { () throws(KernelError) in _ = try reference.mmap(size: 2 * P, protection: .readWrite, placement: .fixedNoReplace(reference.page(1))) })
    }

    @Test func specificPlacementBounds() {
        var s = AddressSpace.serenity()
        // Below the total range is still a user range (no lower bound): the placement says ENOMEM.
        #expect(expectError(.ENOMEM) { () throws(KernelError) in _ = try s.mmap(size: 2 * P, protection: .readWrite, placement: .fixedNoReplace(s.universe.base - P)) })
        // Past the ceiling (the total range's end) sys$mmap says EFAULT before placing.
        #expect(expectError(.EFAULT) { () throws(KernelError) in _ = try s.mmap(size: 2 * P, protection: .readWrite, placement: .fixedNoReplace(s.universe.end - P)) })
        #expect(expectError(.EFAULT) { () throws(KernelError) in _ = try s.mmap(size: P, protection: .readWrite, placement: .fixed(UInt64.max & ~(P - 1))) })
        #expect(expectError(.EINVAL) { () throws(KernelError) in _ = try s.mmap(size: P, protection: .readWrite, placement: .fixedNoReplace(s.page(1) + 8)) })
        #expect(expectError(.EINVAL) { () throws(KernelError) in _ = try s.regions.serenityAllocateSpecific(base: s.page(0), size: 0) })
        #expect(s.regions.isEmpty)
    }

    @Test func nullFixedAddressMeansAnywhere() {
        var s = AddressSpace.serenity()
        s.map(1)
        #expect(s.map(1, at: .fixedNoReplace(0)) == s.page(1))
        #expect(s.map(1, at: .fixed(0)) == s.page(2))
        var fixed = AddressSpace.serenity(fixes: .fixedNullIsAnAddress)
        #expect(expectError(.ENOMEM) { () throws(KernelError) in _ = try fixed.mmap(size: P, protection: .readWrite, placement: .fixedNoReplace(0)) })
    }

    // §1 allocate_range_randomized, abstracted to its distinct outcomes.
    @Test func randomizedOutcomesAreTheAcceptedPositionsThenTheFallback() {
        var s = AddressSpace.serenity()
        s.map(1, at: .fixedNoReplace(s.page(1)))  // holes [0, 1) and [2, 8)
        var offered: [UInt64] = []
        var a = s
        let first = try? a.mmap(size: P, protection: .readWrite, placement: .randomized, choose: { offered.append($0); return 0 })
        #expect(offered == [8], "7 accepted positions (page 0, pages 2…7) and the fallback")
        #expect(first?.base == s.page(0))
        var b = s
        #expect((try? b.mmap(size: P, protection: .readWrite, placement: .randomized, choose: { _ in 6 }))?.base == s.page(7))
        // The fallback is first fit with the window rule: it skips the exact one-page hole.
        var c = s
        #expect((try? c.mmap(size: P, protection: .readWrite, placement: .randomized, choose: { $0 - 1 }))?.base == s.page(2))
    }

    @Test(arguments: [UInt64(1), 2, 3])
    func randomizedCandidatesOfAMaskedAlignmentAreTheMasksValues(pages: UInt64) throws {
        // The closed form the model uses against brute force over every draw's page and offset.
        var s = AddressSpace.serenity(.small)
        s.map(2, at: .fixedNoReplace(s.page(3)))
        s.map(1, at: .fixedNoReplace(s.page(9)))
        let size = pages * P
        for alignment in [3 * P, 5 * P, 6 * P, 7 * P, 12 * P] {
            var expected: Set<UInt64> = []
            for q in 0 ..< s.universe.end / P {
                for x in [q * P, q * P + 1] {
                    // AK's round_up_to_power_of_two, written out here: the oracle is not the model's.
                    let c = ((x &- 1) & ~(alignment - 1)) &+ alignment
                    if let r = try? VirtualRange(base: c, size: size), s.universe.totalRange.contains(r),
                       try !s.regions.anyRegion(intersecting: r) {
                        expected.insert(c)
                    }
                }
            }
            let count = s.regions.serenityRandomizedOutcomeCount(size: size, alignment: alignment) - 1
            let listed = (0 ..< count).compactMap { s.regions.serenityAcceptedCandidate($0, size: size, alignment: alignment)?.base }
            #expect(listed == expected.sorted(), "alignment \(alignment.hex), size \(size.hex)")
        }
    }

    @Test func maskedPositionCountsMatchEnumeration() {
        for mask: UInt64 in [0xfff, 0x2fff, 0x4fff, 0x5fff, 0xbfff, 0x1_2fff] {
            var listed: [UInt64] = []
            for v in stride(from: UInt64(0), through: 0x40000, by: 0x1000) where v & mask == 0 { listed.append(v) }
            for (first, last) in [(UInt64(0), UInt64(0x40000)), (0x3000, 0x1f000), (0x11000, 0x11000), (0x7000, 0x2ffff)] {
                let inside = listed.filter { $0 >= first && $0 <= last }
                #expect(RegionTree.maskedPositions(avoiding: mask, in: first, last) == UInt64(inside.count))
                for (k, v) in inside.enumerated() {
                    #expect(RegionTree.maskedPosition(UInt64(k), avoiding: mask, in: first, last) == v)
                }
            }
        }
        // Near the top of the 64-bit range nothing overflows.
        #expect(RegionTree.positions(avoiding: 0xfff, upTo: .max) == 1 << 52)
    }
}

@Suite struct SerenityFindRegionsIntersectingTests {
    @Test func emptyWhenTheRangeStartsBelowTheFirstRegion() throws {
        var s = AddressSpace.serenity()
        s.map(2, at: .fixedNoReplace(s.page(1)))  // [1, 3)
        let range = try! VirtualRange(base: s.page(0), size: 2 * P)
        #expect(try s.regions.serenityRegionsIntersecting(range).isEmpty)
        #expect(try s.regions.serenityRegionsIntersecting(range, fixes: .intersectingFromFirstRegion).map(\.range.base) == [s.page(1)])
        // So munmap of it is a successful no-op, and mprotect of it is case (d): EINVAL.
        let before = s.snapshot()
        #expect(throws: Never.self) { try s.munmap(address: s.page(0), size: 2 * P) }
        #expect(s.snapshot() == before)
        #expect(expectError(.EINVAL) { () throws(KernelError) in try s.mprotect(address: s.page(0), size: 2 * P, protection: .read) })
    }

    @Test func stopsWhenThePartsOutsideAddUpToTheRangeSize() throws {
        var s = AddressSpace.serenity()
        s.map(3)
        s.map(1)  // A = [0, 3), B = [3, 4)
        let range = try! VirtualRange(base: s.page(2), size: 2 * P)
        // A sticks out by 2 pages = range.size: the walk stops before B.
        #expect(try s.regions.serenityRegionsIntersecting(range).map(\.range.base) == [s.page(0)])
        #expect(try s.regions.serenityRegionsIntersecting(range, fixes: .intersectingCountsCoveredBytes).map(\.range.base) == [s.page(0), s.page(3)])
        var m = s
        #expect(throws: Never.self) { try m.munmap(address: s.page(2), size: 2 * P) }
        #expect(m.layout == ["0+2rw-", "3+1rw-"], "B survives a munmap that reported success")
        // mprotect (c) sums the intersections of what it was given, misses B's page: ENOMEM.
        var p = s
        #expect(expectError(.ENOMEM) { () throws(KernelError) in try p.mprotect(address: s.page(2), size: 2 * P, protection: .read) })
        #expect(p.snapshot() == s.snapshot())
    }

    @Test func walksPastRegionsThatDoNotIntersect() throws {
        var s = AddressSpace.serenity()
        s.map(1)
        s.map(1, at: .fixedNoReplace(s.page(2)))
        s.map(1, at: .fixedNoReplace(s.page(4)))
        let range = try! VirtualRange(base: s.page(0), size: 3 * P)
        #expect(try s.regions.serenityRegionsIntersecting(range).map(\.range.base) == [s.page(0), s.page(2)])
    }
}

@Suite struct SerenityMunmapMprotectTests {
    // TestMunMap munmap_zero_page: is_user_range has no lower bound, nothing intersects, returns 0.
    @Test(arguments: [Universe.serenity, .tiny])
    func munmapOfTheZeroPageSucceeds(universe: Universe) {
        var s = AddressSpace.serenity(universe)
        s.map(1)
        let before = s.snapshot()
        #expect(throws: Never.self) { try s.munmap(address: 0, size: 0xF) }
        #expect(s.snapshot() == before)
        // The reference agrees since SPEC §2 changed: outside the total range nothing is unmapped.
        var reference = AddressSpace.fresh(universe)
        #expect(throws: Never.self) { try reference.munmap(address: 0, size: 0xF) }
    }

    @Test func nonUserRangesAreEFAULT() {
        var s = AddressSpace.serenity()
        s.map(1)
        #expect(expectError(.EFAULT) { () throws(KernelError) in try s.munmap(address: s.universe.end - P, size: 2 * P) })
        #expect(expectError(.EFAULT) { () throws(KernelError) in try s.mprotect(address: s.universe.end, size: P, protection: .read) })
        #expect(expectError(.EINVAL) { () throws(KernelError) in try s.munmap(address: s.page(0), size: 0) })
        #expect(expectError(.EINVAL) { () throws(KernelError) in try s.munmap(address: UInt64.max - 5, size: 10) })
        #expect(s.layout == ["0+1rw-"])
    }

    @Test func anonymousExecutableIsEINVAL() {
        var s = AddressSpace.serenity()
        #expect(expectError(.EINVAL) { () throws(KernelError) in _ = try s.mmap(size: P, protection: [.read, .execute]) })
        s.map(2)
        #expect(expectError(.EINVAL) { () throws(KernelError) in try s.mprotect(address: s.page(0), size: 2 * P, protection: [.read, .execute]) })
        #expect(expectError(.EINVAL) { () throws(KernelError) in try s.mprotect(address: s.page(0), size: P, protection: [.read, .write, .execute]) })
        #expect(s.layout == ["0+2rw-"])
    }

    @Test func splitKeepsOffsetsAndData() throws {
        // TestAnonymousMmap: 3 pages written, the middle one unmapped, the outer ones keep their data.
        var s = AddressSpace.serenity()
        s.map(3)
        for n in 0 ..< 3 as Range<UInt64> { _ = try? s.touch(address: s.page(n), write: true, value: UInt32(10 + n)) }
        #expect(throws: Never.self) { try s.munmap(address: s.page(1), size: P) }
        #expect(s.layout == ["0+1rw-", "2+1rw-"])
        #expect((try? s.touch(address: s.page(0), write: false)) == 10)
        #expect((try? s.touch(address: s.page(2), write: false)) == 12)
        #expect(try s.regions.region(at: s.page(2))?.offset == 2)
    }

    @Test func mprotectCasesKeepTheMiddleOffset() throws {
        var s = AddressSpace.serenity(.small)
        s.map(4)
        // (b): one region contains the range: outer parts and a middle with the new protection.
        #expect(throws: Never.self) { try s.mprotect(address: s.page(1), size: 2 * P, protection: .read) }
        #expect(s.layout == ["0+1rw-", "1+2r--", "3+1rw-"])
        #expect(try s.regions.region(at: s.page(1))?.offset == 1)
        // (c): several regions, the partial ones split (one part each), the whole one remapped.
        #expect(throws: Never.self) { try s.mprotect(address: s.page(0), size: 3 * P, protection: .none) }
        #expect(s.layout == ["0+1---", "1+2---", "3+1rw-"])
        // (a): exact match with the same protection returns 0 without touching anything.
        let before = s.snapshot()
        #expect(throws: Never.self) { try s.mprotect(address: s.page(3), size: P, protection: .readWrite) }
        #expect(s.snapshot() == before)
    }

    // §3 Region::map: ensure_pte stops at the first table it cannot allocate, the partial mapping stays.
    @Test func splitMapFailureLeavesThePartialMapping() {
        var s = AddressSpace.serenity(.small)  // 4 pages per table
        s.map(6)  // pages 0…5 over tables t0 (pages 0–3) and t1 (4–7)
        _ = try? s.touch(address: s.page(0), write: true, value: 1)
        _ = try? s.touch(address: s.page(5), write: true, value: 2)
        let before = s
        s.faults.schedule(.pageTable, after: 1)  // the second table allocation fails
        // Take, unmap (both tables freed, all clear), split into [0, 2) and [5, 6); mapping
        // [0, 2) allocates t0 again, mapping [5, 6) fails on t1.
        #expect(expectError(.ENOMEM) { () throws(KernelError) in try s.munmap(address: s.page(2), size: 3 * P) })
        #expect(s.layout == ["0+2rw-", "5+1rw-"], "the unmap happened although ENOMEM was returned")
        #expect(s.directory.tables == [s.table(ofPage: 0)])
        #expect(s.directory.ptes.entry(for: s.page(0) / P) != nil)
        #expect(s.directory.ptes.entry(for: s.page(5) / P) == nil, "populated, but its page table is gone")

        var fixed = AddressSpace(universe: .small, design: .serenity, serenityFixes: .rollBackFailedSplits)
        fixed.map(6)
        _ = try? fixed.touch(address: fixed.page(0), write: true, value: 1)
        _ = try? fixed.touch(address: fixed.page(5), write: true, value: 2)
        let fixedBefore = fixed.snapshot(includeFaults: false)
        fixed.faults.schedule(.pageTable, after: 1)
        #expect(expectError(.ENOMEM) { () throws(KernelError) in try fixed.munmap(address: fixed.page(2), size: 3 * P) })
        #expect(fixed.snapshot(includeFaults: false) == fixedBefore)
        #expect(before.layout == ["0+6rw-"])
    }

    @Test func mmapMapFailureTakesTheRegionOut() {
        // allocate_region_with_vmobject's scope guard (4edae21bd13): out of the tree, then ~Region unmaps.
        var s = AddressSpace.serenity(.small)
        s.faults.schedule(.pageTable, after: 1)
        #expect(expectError(.ENOMEM) { () throws(KernelError) in _ = try s.mmap(size: 6 * P, protection: .readWrite) })
        #expect(s.regions.isEmpty && s.directory.tables.isEmpty && s.objects.live.isEmpty)
    }

    @Test func remapFailureKeepsTheNewFlagsAndNoTables() {
        // mprotect (a) of a PROT_NONE region: remap() needs tables; at HEAD the failure is a TODO().
        var s = AddressSpace.serenity()
        s.map(2, .none)
        s.injectFailure(.pageTable)
        #expect(expectError(.ENOMEM) { () throws(KernelError) in try s.mprotect(address: s.page(0), size: 2 * P, protection: .readWrite) })
        #expect(s.layout == ["0+2rw-"] && s.directory.tables.isEmpty)
        var fixed = AddressSpace.serenity(fixes: .remapFailureRollsBack)
        fixed.map(2, .none)
        fixed.injectFailure(.pageTable)
        #expect(expectError(.ENOMEM) { () throws(KernelError) in try fixed.mprotect(address: fixed.page(0), size: 2 * P, protection: .readWrite) })
        #expect(fixed.layout == ["0+2---"])
    }

    @Test func mapFixedUnmapsFirstAndNothingRestoresIt() {
        var s = AddressSpace.serenity()
        s.map(1)
        _ = try? s.touch(address: s.page(0), write: true, value: 7)
        s.injectFailure(.pageTable)
        // The exact-match unmap destroys the old region (and frees its table); mapping the new one fails.
        #expect(expectError(.ENOMEM) { () throws(KernelError) in _ = try s.mmap(size: P, protection: .readWrite, placement: .fixed(s.page(0))) })
        #expect(s.regions.isEmpty && s.frames.usedCount == 0)

        var fixed = AddressSpace.serenity(fixes: .atomicFixedMmap)
        fixed.map(1)
        _ = try? fixed.touch(address: fixed.page(0), write: true, value: 7)
        fixed.injectFailure(.pageTable)
        #expect(expectError(.ENOMEM) { () throws(KernelError) in _ = try fixed.mmap(size: P, protection: .readWrite, placement: .fixed(fixed.page(0))) })
        #expect((try? fixed.touch(address: fixed.page(0), write: false)) == 7)
    }
}

@Suite struct SerenityPageTableTests {
    @Test func protNoneMmapDoesNoPageTableWork() {
        var s = AddressSpace.serenity()
        s.map(2, .none)
        #expect(s.directory.tables.isEmpty)
        s.map(2)
        #expect(s.directory.tables == [s.table(ofPage: 2)])
    }

    @Test func protNoneRegionsKeepTheTablesMapGaveThem() {
        var s = AddressSpace.serenity()
        s.map(2)
        // (a) exact: set the flags, remap — map() still ensures the table and clears the PTEs.
        #expect(throws: Never.self) { try s.mprotect(address: s.page(0), size: 2 * P, protection: .none) }
        #expect(s.directory.tables == [s.table(ofPage: 0)])
        // ~Region skips the unmap of a PROT_NONE region: the table outlives it.
        #expect(throws: Never.self) { try s.munmap(address: s.page(0), size: 2 * P) }
        #expect(s.regions.isEmpty && s.directory.tables == [s.table(ofPage: 0)])

        var fixed = AddressSpace.serenity(fixes: [.inaccessibleMapReleasesTables, .keepTablesOfMappedRegions])
        fixed.map(2)
        #expect(throws: Never.self) { try fixed.mprotect(address: fixed.page(0), size: 2 * P, protection: .none) }
        #expect(fixed.directory.tables.isEmpty)
    }

    @Test func releasePTEFreesAnAllClearTableUnderAMappedRegion() {
        var s = AddressSpace.serenity()
        s.map(1)
        s.map(1)  // [0, 1) and [1, 2) share table t0; nothing populated, so all its PTEs are clear
        #expect(throws: Never.self) { try s.munmap(address: s.page(0), size: P) }
        #expect(s.layout == ["1+1rw-"] && s.directory.tables.isEmpty, "t0 freed under the mapped [1, 2)")
        // A populated neighbour keeps it (its PTE is not clear).
        var populated = AddressSpace.serenity()
        populated.map(1)
        populated.map(1)
        _ = try? populated.touch(address: populated.page(1), write: true, value: 3)
        #expect(throws: Never.self) { try populated.munmap(address: populated.page(0), size: P) }
        #expect(populated.directory.tables == [populated.table(ofPage: 0)])

        var fixed = AddressSpace.serenity(fixes: .keepTablesOfMappedRegions)
        fixed.map(1)
        fixed.map(1)
        #expect(throws: Never.self) { try fixed.munmap(address: fixed.page(0), size: P) }
        #expect(fixed.directory.tables == [fixed.table(ofPage: 0)])
    }

    // remove_all_regions (2323cdd9141): unmap every region with no TLB flush, then delete them.
    @Test func teardownUnmapsWithoutFlushes() throws {
        var s = AddressSpace.serenity()
        s.map(2)
        s.map(1, .none)
        _ = try? s.touch(address: s.page(0), write: true, value: 5)
        #expect(s.tlb.count == 1 && s.directory.ptes.count == 1)

        var dying = s
        try dying.serenityRemoveAllRegions()
        #expect(dying.regions.isEmpty && dying.directory.ptes.count == 0 && dying.frames.usedCount == 0)
        #expect(dying.tlb.count == 1, "no flush: the stale translation is still cached")

        var munmapped = s
        #expect(throws: Never.self) { try munmapped.munmap(address: s.page(0), size: 2 * P) }
        #expect(munmapped.tlb.count == 0, "munmap's ~Region flushes")

        try s.teardown()
        #expect(s.regions.isEmpty && s.directory.tables.isEmpty && s.tlb.count == 0 && s.frames.usedCount == 0)
        #expect(s.map(1) == s.page(0))
    }

    @Test func designAndFixesAreFixedAtConstruction() {
        let s = AddressSpace.serenity(fixes: .all)
        #expect(s.design == .serenity && s.serenityFixes == .all && s.mutations.isEmpty)
        #expect(AddressSpace(universe: .tiny).design == .reference)
        #expect(SerenityFixes.catalogue.count == 9 && Set(SerenityFixes.catalogue.map(\.name)).count == 9)
        #expect(SerenityFixes.named("exact-fit-windows") == .exactFitWindows)
    }
}
