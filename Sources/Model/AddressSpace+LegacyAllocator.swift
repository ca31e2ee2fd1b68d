/// The `dual-authority` design: placement reserves from the free-range allocator, not the tree,
/// and the two are kept in step by hand — with the two desync paths SerenityOS had.
extension AddressSpace {
    mutating func placeWithLegacyAllocator(size: UInt64, alignment: UInt64, placement: Placement,
                                           choose: (UInt64) -> UInt64) throws(KernelError) -> VirtualRange {
        guard var allocator = legacyAllocator else { preconditionFailure("no legacy allocator") }
        let before = allocator.heapAllocations
        defer {
            placementHeapAllocations += allocator.heapAllocations - before
            legacyAllocator = allocator
        }
        let range: VirtualRange
        switch placement {
        case .anywhere:
            range = try allocator.allocateAnywhere(size: size, alignment: alignment)
        case .randomized:
            let count = allocator.randomizedCandidateCount(size: size, alignment: alignment)
            guard count > 0 else { throw .ENOMEM }
            range = allocator.randomizedCandidate(min(choose(count), count - 1), size: size, alignment: alignment)
            try allocator.allocateSpecific(range)
        case .fixedNoReplace(let address), .fixed(let address):
            guard let r = try? VirtualRange(base: address, size: size) else { throw .ENOMEM }
            if case .fixed = placement {
                legacyAllocator = allocator
                try legacyUnmapRange(r)
                allocator = legacyAllocator!
            }
            try allocator.allocateSpecific(r)
            range = r
        }
        // The tree is keyed by base; a second region at the same base cannot be inserted.
        if regions.region(at: range.base) != nil { throw .EEXIST }
        // Desync (i): from here on a failure of the mmap leaks the reservation — the caller's
        // transaction keeps the allocator's state.
        return range
    }

    /// The legacy munmap: single-region ranges give back just the removed piece; a multi-region
    /// range deallocates each fully covered region in ~Region, then the whole range again by hand
    /// (desync (ii): covered ranges and the holes between them are freed twice); a range that hits
    /// nothing is still freed (desync (iii)).
    mutating func legacyUnmapRange(_ range: VirtualRange) throws(KernelError) -> UnmapOutcome {
        guard var allocator = legacyAllocator else { preconditionFailure("no legacy allocator") }
        defer { legacyAllocator = allocator }
        let affected = regions.regions(intersecting: range)
        var outcome = UnmapOutcome()
        outcome.multiRegion = !(affected.count == 1 && affected[0].range.contains(range))
        for source in affected {
            regions.remove(at: source.range.base)
            unmap(source, flush: true)
            if range.contains(source.range) {
                allocator.deallocate(source.range)  // ~Region gives its range back
            }
            let parts = source.range.carve(range)
            for part in [parts.below, parts.above].compactMap({ $0 }) {
                outcome.splitAny = true
                let piece = splitPart(of: source, range: part, protection: source.protection)
                regions.insert(piece)
                retain(objectOf: piece)
                try mapChecked(piece)
            }
            release(objectOf: source)
        }
        // Every path ends with a manual deallocate of the whole range, whatever it hit.
        allocator.deallocate(range)
        return outcome
    }
}
