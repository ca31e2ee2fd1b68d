/// munmap at HEAD: `AddressSpace::unmap_mmap_range` (SPEC §6.2), take → unmap → split →
/// map with no rollback.
extension AddressSpace {
    mutating func serenityMunmap(address: UInt64, size: UInt64) throws(KernelError) {
        guard size > 0 else { throw .EINVAL }
        let range = try VirtualRange.pageRounded(address: address, size: size, pageSize: pageSize)
        guard serenityIsUserRange(base: range.base, size: range.size) else { throw .EFAULT }
        let start = openCheckpoint()
        defer { close(start) }
        try serenityUnmapMmapRange(range, start: start)
    }

    /// The three cases of `unmap_mmap_range` for a page-rounded user range; `start` is the state
    /// the syscall began in (what a fix that rolls back restores).
    mutating func serenityUnmapMmapRange(_ range: VirtualRange, start: Checkpoint) throws(KernelError) {
        // 1. Exact match: deallocate (the destructor unmaps and flushes, PROT_NONE aside).
        if let whole = try regions.serenityRegion(matching: range) {
            try serenityDeallocate(whole)
            return
        }
        // 2. One region contains the range: take, unmap, split into 1–2 parts, map each.
        if let source = try regions.serenityRegion(containing: range) {
            regions.remove(at: source.range.base)
            try serenityUnmap(source, flush: true)
            let parts = try serenitySplitTaken(source, around: range, start: start)
            try serenityMapParts(parts, start: start)
            return
        }
        // 3. Several regions, as find_regions_intersecting sees them; none is a no-op.
        let affected = try regions.serenityRegionsIntersecting(range, fixes: serenityFixes)
        var parts: [Region] = []
        for source in affected {
            if source.range.intersection(range)?.size == source.range.size {
                try serenityDeallocate(source)
                continue
            }
            regions.remove(at: source.range.base)
            try serenityUnmap(source, flush: true)
            parts += try serenitySplitTaken(source, around: range, start: start)
        }
        try serenityMapParts(parts, start: start)
    }

    /// Splits a source already taken out and unmapped, then lets it go: the parts hold the
    /// VMObject, so dropping the source's reference here (HEAD drops it at the end of the scope)
    /// changes nothing.
    mutating func serenitySplitTaken(_ source: Region, around range: VirtualRange, start: Checkpoint) throws(KernelError) -> [Region] {
        do throws(KernelError) {
            let parts = try serenitySplit(source, around: range)
            try release(objectOf: source)
            return parts
        } catch {
            try release(objectOf: source)
            throw serenityFailure(error, unless: .rollBackFailedSplits, restoring: start)
        }
    }

    /// Maps the split parts in order with a flush; the first failure returns ENOMEM and leaves
    /// the rest as they are (the source's TODO: "failing here leaves the caller in an undefined
    /// state").
    mutating func serenityMapParts(_ parts: [Region], start: Checkpoint) throws(KernelError) {
        for part in parts {
            do throws(KernelError) {
                try serenityMap(part, flush: true)
            } catch {
                throw serenityFailure(error, unless: .rollBackFailedSplits, restoring: start)
            }
        }
    }
}
