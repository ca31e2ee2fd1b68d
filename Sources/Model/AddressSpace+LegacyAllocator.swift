/// The `dual-authority` design: placement reserves from the free-range allocator, not the tree,
/// and the two are kept in step by hand — with the two desync paths SerenityOS had.
extension AddressSpace {
    mutating func placeWithLegacyAllocator(size: UInt64, alignment: UInt64, placement: Placement,
                                           choose: (UInt64) -> UInt64) throws(KernelError) -> VirtualRange {
        guard var allocator = legacyAllocator else { throw .ENOTRECOVERABLE(BrokenAssumption("legacy placement without a legacy allocator")) }
        heap.placementBegin()
        defer {
            heap.placementEnd()
            legacyAllocator = allocator
        }
        let range: VirtualRange
        switch placement {
        case .anywhere:
            range = try allocator.allocateAnywhere(size: size, alignment: alignment, heap: &heap)
        case .randomized, .topDown:
            let count = allocator.randomizedCandidateCount(size: size, alignment: alignment)
            guard count > 0 else { throw .ENOMEM }
            // Top-down is the highest candidate; the candidates ascend.
            let k = placement == .topDown ? count - 1 : min(choose(count), count - 1)
            range = try allocator.randomizedCandidate(k, size: size, alignment: alignment)
            try allocator.allocateSpecific(range, heap: &heap)
        case .hint(let address):
            if address.isAligned(to: alignment), let r = try? VirtualRange(base: address, size: size),
               (try? allocator.allocateSpecific(r, heap: &heap)) != nil {
                range = r
            } else {
                range = try allocator.allocateAnywhere(size: size, alignment: alignment, heap: &heap)
            }
        case .fixedNoReplace(let address), .fixed(let address):
            guard let r = try? VirtualRange(base: address, size: size) else { throw .ENOMEM }
            if case .fixed = placement {
                legacyAllocator = allocator
                try unmapRange(r)
                allocator = legacyAllocator!
            }
            try allocator.allocateSpecific(r, heap: &heap)
            range = r
        }
        // The tree is keyed by base; a second region at the same base cannot be inserted.
        if try regions.region(at: range.base) != nil { throw .EEXIST }
        // Desync (i): from here on a failure of the mmap leaks the reservation — the caller's
        // transaction keeps the allocator's state.
        return range
    }
}
