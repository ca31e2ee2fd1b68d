/// Region.map / Region.unmap: writing and clearing the MMU state behind a region.
extension AddressSpace {
    /// Ensures a page table for every page of an accessible region and writes the PTEs of its
    /// populated pages (none for an execute-only region: `Protection.hasPresentEntries`). Stops
    /// at the first page table it cannot allocate (ENOMEM), leaving the pages before it mapped,
    /// as SerenityOS's Region::map does.
    mutating func map(_ region: Region) throws(KernelError) {
        guard region.protection.isAccessible else { return }
        let pages = pages(of: region.range)
        let perTable = universe.pagesPerTable
        let object = object(of: region)
        let writable = region.protection.contains(.write)
        // Read once: a region of the 64-bit universe can span tens of thousands of tables.
        let present = region.protection.hasPresentEntries
        var table = pages.lowerBound / perTable
        while table * perTable < pages.upperBound {
            try directory.ensureTable(table, faults: &faults)
            let span = max(pages.lowerBound, table * perTable) ..< min(pages.upperBound, (table + 1) * perTable)
            if let object, present {
                for populated in object.populated(in: region.offset + (span.lowerBound - pages.lowerBound),
                                                 count: UInt64(span.count)) {
                    let vpn = pages.lowerBound + (populated.page - region.offset)
                    directory.ptes.set(PageTableEntry(page: vpn, frame: populated.frame, writable: writable))
                }
            }
            table += 1
        }
    }

    /// Maps a region created or split by an operation. The reference propagates a failure; the
    /// `ignore-map-result` mutant swallows it and reports success with a partial mapping.
    mutating func mapChecked(_ region: Region) throws(KernelError) {
        do throws(KernelError) {
            try map(region)
        } catch {
            if mutations.contains(.ignoreMapResult) { return }
            throw error
        }
    }

    /// Clears the PTEs of a region taken out of the tree, flushes their TLB entries (unless
    /// `flush` is false), and frees the page tables no region in the tree needs any more.
    mutating func unmap(_ region: Region, flush: Bool) throws(KernelError) {
        let pages = pages(of: region.range)
        directory.ptes.remove(pages: pages)
        if flush { flushTLB(pages) }
        try releaseUnneededTables(in: pages)
    }

    /// The flush munmap and mprotect perform. Mutant seam: `skip-tlb-flush` drops it.
    mutating func flushTLB(_ pages: Range<UInt64>) {
        if mutations.contains(.skipTLBFlush) { return }
        tlb.remove(pages: pages)
    }

    /// Frees every allocated page table overlapping `pages` that no accessible region needs.
    mutating func releaseUnneededTables(in pages: Range<UInt64>) throws(KernelError) {
        guard !pages.isEmpty else { return }
        let perTable = universe.pagesPerTable
        for table in directory.tables(in: pages.lowerBound / perTable ... (pages.upperBound - 1) / perTable) {
            if try !isTableNeeded(table) {
                directory.ptes.remove(pages: table * perTable ..< (table + 1) * perTable)
                try directory.freeTable(table)
            }
        }
    }

    /// Whether some accessible region has a page in `table`.
    public func isTableNeeded(_ table: UInt64) throws(KernelError) -> Bool {
        let perTable = universe.pagesPerTable
        let first = table * perTable * pageSize
        let end = (table + 1) * perTable * pageSize
        guard let span = try? VirtualRange(base: first, size: end - first) else { return false }
        // Walks the tree in place: this runs for every table an unmap touches, so no array.
        let tree = regions.tree
        var index = tree.floor(span.base) ?? tree.first
        while let i = index {
            let region = try tree.value(at: i)
            if region.range.base >= span.end { break }
            if region.protection.isAccessible && region.range.intersects(span) { return true }
            index = tree.successor(ofLive: i)
        }
        return false
    }

    /// Drops one region's reference to its VMObject; the last one destroys it and frees its frames.
    mutating func release(objectOf region: Region) throws(KernelError) {
        guard objects.contains(region.object) else { return }
        let count = try objects.modify(region.object) { object in
            object.referenceCount -= 1
            return object.referenceCount
        }
        if count < 0 {
            throw .ENOTRECOVERABLE(BrokenAssumption("the reference count of the VMObject of \(region.range) fell to \(count)"))
        }
        if count == 0 {
            let dead = try objects.destroy(region.object)
            for page in dead.populated { try frames.free(page.frame) }
        }
    }

    mutating func retain(objectOf region: Region) {
        objects.retain(region.object)
    }
}

extension VMObject {
    /// The populated pages in `[first, first + count)`.
    public func populated(in first: UInt64, count: UInt64) -> ArraySlice<PopulatedPage> {
        let lo = populated.lowerBound { $0.page < first }
        let hi = populated.lowerBound { $0.page < first + count }
        return populated[lo..<hi]
    }
}
