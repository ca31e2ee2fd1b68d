/// `Region::map`, `Region::unmap`, `release_pte`, `remap` and `~Region` at HEAD
/// (`Kernel/Memory/Region.cpp`, SPEC §6.3), on the model's page directory and TLB.
///
/// Not modelled: whether a region's page directory is attached. A region placed by a split whose
/// mapping was never reached (an earlier part's map failed) is treated as attached; the
/// difference only shows after a step that has already broken `honest-result`.
extension AddressSpace {
    /// `Region::map(pd, flush)`: for each page in order, `ensure_pte` (which stops the loop at the
    /// first page table it cannot allocate), then a present PTE for a populated page of an
    /// accessible region and a cleared PTE otherwise — so an inaccessible region still gets page
    /// tables. Flushes the pages it mapped if asked. On failure the partial mapping stays and the
    /// error is ENOMEM.
    mutating func serenityMap(_ region: Region, flush: Bool) throws(KernelError) {
        let pages = pages(of: region.range)
        if !region.protection.isAccessible && serenityFixes.contains(.inaccessibleMapReleasesTables) {
            // The fix: an inaccessible page needs no PTE, so release instead of ensuring.
            try serenityReleasePTEs(pages)
            if flush { tlb.remove(pages: pages) }
            return
        }
        let perTable = universe.pagesPerTable
        let object = object(of: region)
        let writable = region.protection.contains(.write)
        var mappedEnd = pages.lowerBound
        var failure: KernelError?
        var table = pages.lowerBound / perTable
        while table * perTable < pages.upperBound {
            do throws(KernelError) {
                try directory.ensureTable(table, faults: &faults)
            } catch {
                failure = error
                break
            }
            let span = max(pages.lowerBound, table * perTable) ..< min(pages.upperBound, (table + 1) * perTable)
            directory.ptes.remove(pages: span)
            if region.protection.hasPresentEntries, let object {
                for populated in object.populated(in: region.offset + (span.lowerBound - pages.lowerBound), count: UInt64(span.count)) {
                    let vpn = pages.lowerBound + (populated.page - region.offset)
                    directory.ptes.set(PageTableEntry(page: vpn, frame: populated.frame, writable: writable))
                }
            }
            mappedEnd = span.upperBound
            table += 1
        }
        if flush && mappedEnd > pages.lowerBound { tlb.remove(pages: pages.lowerBound ..< mappedEnd) }
        if let failure { throw failure }
    }

    /// `Region::unmap(flush)`: `release_pte` on every page, then the flush (then detach).
    mutating func serenityUnmap(_ region: Region, flush: Bool) throws(KernelError) {
        let pages = pages(of: region.range)
        try serenityReleasePTEs(pages)
        if flush { tlb.remove(pages: pages) }
    }

    /// `release_pte` over a run of pages: each PTE is cleared, and at the run's last page or a
    /// table's last slot the table is freed if all its entries are clear. Every table the run
    /// overlaps reaches one of those two points, so each gets the all-clear test — which knows
    /// nothing of regions: a table that only covers unpopulated pages of a still-mapped region is
    /// all clear too. `SerenityFixes.keepTablesOfMappedRegions` keeps such a table.
    mutating func serenityReleasePTEs(_ pages: Range<UInt64>) throws(KernelError) {
        guard !pages.isEmpty else { return }
        directory.ptes.remove(pages: pages)
        let perTable = universe.pagesPerTable
        for table in Array(directory.tables(in: pages.lowerBound / perTable ... (pages.upperBound - 1) / perTable)) {
            guard directory.ptes.entries(in: table * perTable ..< (table + 1) * perTable).isEmpty else { continue }
            if serenityFixes.contains(.keepTablesOfMappedRegions), try isTableNeeded(table) { continue }
            try directory.freeTable(table)
        }
    }

    /// `~Region` of a region already taken out of the tree: a PROT_NONE region is assumed never
    /// mapped and skips the unmap (c6adefcfc04, still at HEAD); any other is unmapped with a
    /// flush. Then its VMObject reference goes.
    mutating func serenityDestroy(_ region: Region) throws(KernelError) {
        if region.protection.isAccessible { try serenityUnmap(region, flush: true) }
        try release(objectOf: region)
    }

    /// `take_region` followed by the end of the owning pointer's scope: deallocate_region.
    mutating func serenityDeallocate(_ region: Region) throws(KernelError) {
        regions.remove(at: region.range.base)
        try serenityDestroy(region)
    }

    /// `try_allocate_split_region`: a new region on the source's VMObject at
    /// `offset = source.offset + distance`, placed with `place_specifically` (not mapped yet).
    mutating func serenityPlaceSplitRegion(of source: Region, range: VirtualRange, protection: Protection) throws(KernelError) -> Region {
        let placed = try regions.serenityAllocateSpecific(base: range.base, size: range.size)
        let part = Region(range: placed, protection: protection, object: source.object,
                          offset: source.offset + (range.base - source.range.base) / pageSize)
        try regions.insert(part)
        retain(objectOf: part)
        return part
    }

    /// `try_split_region_around_range`: the 1–2 parts of the source outside `range`, each placed.
    mutating func serenitySplit(_ source: Region, around range: VirtualRange) throws(KernelError) -> [Region] {
        let parts = source.range.carve(range)
        // SerenityOS VERIFYs this (a kernel panic): a finding about the code, not a checker trap.
        guard parts.below != nil || parts.above != nil else {
            throw .ENOTRECOVERABLE(BrokenAssumption("VERIFY: splitting \(source.range) around \(range) must leave a part"))
        }
        var placed: [Region] = []
        for part in [parts.below, parts.above].compactMap({ $0 }) {
            placed.append(try serenityPlaceSplitRegion(of: source, range: part, protection: source.protection))
        }
        return placed
    }

    /// A failure at a step HEAD does not roll back. With `fix` on, the state the syscall started
    /// from comes back first (injected failures that were consumed stay consumed).
    mutating func serenityFailure(_ error: KernelError, unless fix: SerenityFixes, restoring start: Checkpoint) -> KernelError {
        if serenityFixes.contains(fix) { restore(start) }
        return error
    }

    /// `is_user_range`: the first and the last byte are user addresses (below the ceiling, which
    /// is the total range's end) — with no lower bound — and the range does not wrap.
    func serenityIsUserRange(base: UInt64, size: UInt64) -> Bool {
        guard size > 0, !base.addingReportingOverflow(size).overflow else { return false }
        let ceiling = regions.totalRange.end
        return base < ceiling && base + size - 1 < ceiling
    }
}
