/// munmap: remove every region page in a range, splitting regions partly covered (SPEC §2).
extension AddressSpace {
    public mutating func munmap(address: UInt64, size: UInt64) throws(KernelError) {
        if design == .serenity { return try serenityMunmap(address: address, size: size) }
        // Only size 0 and a wrap past 2^64 are EINVAL; outside the total range there is simply
        // nothing to unmap (Linux, and SerenityOS's TestMunMap: munmap(0, 0xF) → 0).
        let range = try VirtualRange.pageRounded(address: address, size: size, pageSize: pageSize)
        try transact { (space: inout AddressSpace, keepOnFailure: inout Bool) throws(KernelError) in
            let split = try space.unmapRange(range)
            if split.multiRegion && split.splitAny && space.mutations.contains(.invertedAppendCheck) {
                // Mutant seam: the Bool "append succeeded" was read as failure, after all the work.
                keepOnFailure = true
                throw .ENOMEM
            }
        }
    }

    /// What an unmap did, for the mutant seams that depend on the path taken.
    struct UnmapOutcome {
        var multiRegion = false
        var splitAny = false
    }

    /// Take → unmap → split → map each part, for every region intersecting `range`.
    ///
    /// Under `dual-authority` the legacy free-range allocator is given ranges back as the legacy
    /// munmap did: a region the range covers wholly in ~Region, then the whole range again by
    /// hand (desync (ii): covered ranges and the holes between them are freed twice); a range
    /// that hits nothing is still freed (desync (iii)).
    @discardableResult
    mutating func unmapRange(_ range: VirtualRange) throws(KernelError) -> UnmapOutcome {
        let affected = try regions.regions(intersecting: range)
        var outcome = UnmapOutcome()
        outcome.multiRegion = !(affected.count == 1 && affected[0].range.contains(range))
        for source in affected {
            regions.remove(at: source.range.base)
            try unmap(source, flush: true)
            if range.contains(source.range) { legacyAllocator?.deallocate(source.range, heap: &heap) }
            let parts = source.range.carve(range)
            for part in [parts.below, parts.above].compactMap({ $0 }) {
                outcome.splitAny = true
                let piece = splitPart(of: source, range: part, protection: source.protection)
                try regions.insert(piece)
                retain(objectOf: piece)
                try mapChecked(piece)
            }
            try release(objectOf: source)
        }
        legacyAllocator?.deallocate(range, heap: &heap)
        return outcome
    }

    /// A part cut from `source`: same VMObject, offset = source offset + distance.
    func splitPart(of source: Region, range: VirtualRange, protection: Protection) -> Region {
        let distance = (range.base - source.range.base) / pageSize
        // Mutant seam: the offset computed from the part's position only.
        let offset = mutations.contains(.splitOffsetIgnoresSource) ? distance : source.offset + distance
        return Region(range: range, protection: protection, object: source.object, offset: offset)
    }
}
