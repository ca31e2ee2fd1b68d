/// `sys$mprotect` at HEAD (SPEC §6.2): four cases, no rollback, and a `remap()` whose
/// failure is a `TODO()`.
extension AddressSpace {
    mutating func serenityMprotect(address: UInt64, size: UInt64, protection: Protection) throws(KernelError) {
        let range = try VirtualRange.pageRounded(address: address, size: size, pageSize: pageSize)
        guard serenityIsUserRange(base: range.base, size: range.size) else { throw .EFAULT }
        let start = openCheckpoint()
        defer { close(start) }
        // validate_mmap_prot on an anonymous region: never executable (so W^X never arises).
        let protectionValid = !protection.contains(.execute)

        // (a) Exact match: set the flags and remap.
        if let whole = try regions.serenityRegion(matching: range) {
            guard protectionValid else { throw .EINVAL }
            if whole.protection == protection { return }
            try serenitySetProtectionAndRemap(whole, protection, start: start)
            return
        }
        // (b) One region contains the range: take, unmap, split out the outer parts, a middle
        // region with the new protection; map the outer parts, then the middle.
        if let source = try regions.serenityRegion(containing: range) {
            guard protectionValid else { throw .EINVAL }
            if source.protection == protection { return }
            try serenityReprotectPart(source, range, protection, start: start)
            return
        }
        // (c) Several regions: all checked, their intersections must add up to the range.
        let affected = try regions.serenityRegionsIntersecting(range, fixes: serenityFixes)
        guard !affected.isEmpty else {
            // (d) Nothing intersects (as find_regions_intersecting sees it).
            throw .EINVAL
        }
        var found: UInt64 = 0
        for region in affected {
            guard protectionValid else { throw .EINVAL }
            guard let part = region.range.intersection(range) else { throw Self.lookupBroken(region, range) }
            found += part.size
        }
        guard found == range.size else { throw .ENOMEM }
        for source in affected {
            if source.protection == protection { continue }
            guard let covered = range.intersection(source.range) else { throw Self.lookupBroken(source, range) }
            if covered == source.range {
                try serenitySetProtectionAndRemap(source, protection, start: start)
                continue
            }
            try serenityReprotectPart(source, covered, protection, start: start)
        }
    }

    /// Sets a region's flags in place and calls `remap()`: map with a flush on its own page
    /// directory. At HEAD a failure there is a `TODO()` — a kernel panic. The model stops at that
    /// point: it keeps the new flags and the partial mapping and reports ENOMEM, so the
    /// properties judge the state the panic leaves.
    mutating func serenitySetProtectionAndRemap(_ region: Region, _ protection: Protection, start: Checkpoint) throws(KernelError) {
        var updated = region
        updated.protection = protection
        try regions.replace(at: region.range.base, with: updated)
        do throws(KernelError) {
            try serenityMap(updated, flush: true)
        } catch {
            throw serenityFailure(error, unless: .remapFailureRollsBack, restoring: start)
        }
    }

    /// Cases (b) and the partial regions of (c): take the source, unmap it, place the parts
    /// outside `covered` (in (c) exactly one, VERIFY'd) and a region for `covered` with the new
    /// protection at offset `source.offset + distance`, then map the parts and the new region.
    mutating func serenityReprotectPart(_ source: Region, _ covered: VirtualRange, _ protection: Protection,
                                        start: Checkpoint) throws(KernelError) {
        regions.remove(at: source.range.base)
        try serenityUnmap(source, flush: true)
        let outer: [Region]
        let middle: Region
        do throws(KernelError) {
            outer = try serenitySplit(source, around: covered)
            middle = try serenityPlaceSplitRegion(of: source, range: covered, protection: protection)
            try release(objectOf: source)
        } catch {
            try release(objectOf: source)
            throw serenityFailure(error, unless: .rollBackFailedSplits, restoring: start)
        }
        try serenityMapParts(outer + [middle], start: start)
    }
}
