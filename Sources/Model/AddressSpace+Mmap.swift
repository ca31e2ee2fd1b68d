/// mmap: validate, place, create the VMObject, insert the region, map it (SPEC §2).
extension AddressSpace {
    /// Maps `size` bytes (rounded up to pages) of fresh anonymous memory and returns its range.
    /// `choose` picks a candidate index in `0..<count` for `.randomized` placement: the explorer
    /// enumerates every index, random runs draw it from their seeded generator.
    @discardableResult
    public mutating func mmap(
        size: UInt64, protection: Protection, placement: Placement = .anywhere, alignment: UInt64? = nil,
        choose: (_ candidateCount: UInt64) -> UInt64 = { _ in 0 }
    ) throws(KernelError) -> VirtualRange {
        if design == .serenity {
            return try serenityMmap(size: size, protection: protection, placement: placement, alignment: alignment, choose: choose)
        }
        let alignment = alignment ?? pageSize
        let (rounded, roundOverflow) = size.roundedUp(to: pageSize)
        guard size > 0, !roundOverflow,
              alignment >= pageSize, alignment.isPowerOfTwo,
              !rounded.addingReportingOverflow(alignment).overflow
        else { throw .EINVAL }
        if let address = placement.fixedAddress, !address.isAligned(to: pageSize) { throw .EINVAL }

        return try transact { (space: inout AddressSpace, keepOnFailure: inout Bool) throws(KernelError) -> VirtualRange in
            let range = try space.placeRange(size: rounded, alignment: alignment, placement: placement, choose: choose)
            let object = space.objects.create(pageCount: range.size / space.pageSize)
            let region = Region(range: range, protection: protection, object: object, offset: 0)
            try space.regions.insert(region)
            space.retain(objectOf: region)
            do throws(KernelError) {
                try space.mapChecked(region)
            } catch {
                if space.mutations.contains(.danglingRegionOnMapFailure) {
                    // Mutant seam: the Region is destroyed (unmapped, its VMObject released)
                    // but never taken out of the tree, and the error still reaches the caller.
                    try space.unmap(region, flush: false)
                    try space.release(objectOf: region)
                    keepOnFailure = true
                } else if space.legacyAllocator != nil {
                    // Desync (i) of the dual-authority design: the region is taken out and freed,
                    // but the free-range allocator keeps the reservation, so the range leaks.
                    space.regions.remove(at: region.range.base)
                    try space.unmap(region, flush: false)
                    try space.release(objectOf: region)
                    keepOnFailure = true
                }
                throw error
            }
            return range
        }
    }

    /// Finds the range for a new region and, for MAP_FIXED, clears what is there.
    mutating func placeRange(size: UInt64, alignment: UInt64, placement: Placement,
                             choose: (UInt64) -> UInt64) throws(KernelError) -> VirtualRange {
        if legacyAllocator != nil {
            return try placeWithLegacyAllocator(size: size, alignment: alignment, placement: placement, choose: choose)
        }
        switch placement {
        case .anywhere:
            return try regions.findAnywhere(size: size, alignment: alignment, mutations: mutations)
        case .topDown:
            return try regions.findTopDown(size: size, alignment: alignment)
        case .hint(let address):
            // Linux's rule: the hint is used only if the whole range is free; otherwise anywhere.
            if address.isAligned(to: alignment), let range = try? VirtualRange(base: address, size: size),
               (try? regions.checkSpecific(range)) != nil {
                return range
            }
            return try regions.findAnywhere(size: size, alignment: alignment, mutations: mutations)
        case .randomized:
            let count = regions.randomizedCandidateCount(size: size, alignment: alignment)
            guard count > 0 else { throw .ENOMEM }
            let k = min(choose(count), count - 1)
            guard let range = regions.randomizedCandidate(k, size: size, alignment: alignment) else { throw .ENOMEM }
            return range
        case .fixedNoReplace(let address):
            return try placeFixedNoReplace(address: address, size: size)
        case .fixed(let address):
            guard let range = try? VirtualRange(base: address, size: size), regions.totalRange.contains(range) else {
                throw .ENOMEM
            }
            // MAP_FIXED replaces: unmap first (inside the same transaction, so a later failure
            // restores the old mappings), then the range must be free.
            try unmapRange(range)
            try regions.checkSpecific(range, mutations: mutations)
            return range
        }
    }

    /// MAP_FIXED_NOREPLACE's placement without the legacy allocator: it only reads the tree, so
    /// the placement probe runs it on the space itself instead of on a copy.
    func placeFixedNoReplace(address: UInt64, size: UInt64) throws(KernelError) -> VirtualRange {
        guard let range = try? VirtualRange(base: address, size: size) else { throw .ENOMEM }
        try regions.checkSpecific(range, mutations: mutations)
        return range
    }
}
