/// `sys$mmap` for a private anonymous mapping at HEAD (SPEC §6.2, syscall layer), then
/// `allocate_region_with_vmobject`. Not atomic: MAP_FIXED unmaps first and nothing restores it.
extension AddressSpace {
    mutating func serenityMmap(size: UInt64, protection: Protection, placement: Placement, alignment: UInt64?,
                               choose: (_ outcomeCount: UInt64) -> UInt64) throws(KernelError) -> VirtualRange {
        // alignment 0 means P; it must be a page multiple (a power of two is never checked).
        let alignment = alignment.flatMap { $0 == 0 ? nil : $0 } ?? pageSize
        let (rounded, roundOverflow) = size.roundedUp(to: pageSize)
        guard alignment.isAligned(to: pageSize), size > 0, !roundOverflow else { throw .EINVAL }
        if let address = placement.fixedAddress {
            guard serenityIsUserRange(base: address, size: rounded) else { throw .EFAULT }
            guard address.isAligned(to: pageSize) else { throw .EINVAL }
        }
        // validate_mmap_prot: anonymous memory is never executable (no MS_AXALLOWED here), and W^X.
        guard !protection.contains(.execute) else { throw .EINVAL }

        let start = openCheckpoint()
        defer { close(start) }
        var isFixed = false
        if case .fixed(let address) = placement {
            isFixed = true
            // MAP_FIXED: unmap_mmap_range over the range first, as munmap would.
            try serenityUnmapMmapRange(VirtualRange(uncheckedBase: address, size: rounded), start: start)
        }
        let range: VirtualRange
        do throws(KernelError) {
            range = try serenityPlace(size: rounded, alignment: alignment, placement: placement, choose: choose)
        } catch {
            throw isFixed ? serenityFailure(error, unless: .atomicFixedMmap, restoring: start) : error
        }
        let object = objects.create(pageCount: rounded / pageSize)
        let region = Region(range: range, protection: protection, object: object, offset: 0)
        try regions.insert(region)
        retain(objectOf: region)
        // PROT_NONE: only attach the page directory, no page-table work (c6adefcfc04).
        guard protection.isAccessible else { return range }
        do throws(KernelError) {
            try serenityMap(region, flush: false)
        } catch {
            // The scope guard (4edae21bd13) takes the region out of the tree; ~Region unmaps it.
            try serenityDeallocate(region)
            throw isFixed ? serenityFailure(error, unless: .atomicFixedMmap, restoring: start) : error
        }
        return range
    }

    /// `allocate_region_with_vmobject`'s placement: a null requested address means "anywhere"
    /// (randomized if MAP_RANDOMIZED) — so MAP_FIXED or MAP_FIXED_NOREPLACE at address 0 is
    /// placed anywhere — and any other address is placed specifically. The alignment only
    /// matters for the anywhere paths.
    mutating func serenityPlace(size: UInt64, alignment: UInt64, placement: Placement,
                                choose: (UInt64) -> UInt64) throws(KernelError) -> VirtualRange {
        switch placement {
        case .anywhere, .hint:
            // A non-fixed address is only a hint, and sys$mmap ignores it (serenity-notes §2).
            return try regions.serenityFindAnywhere(size: size, alignment: alignment, fixes: serenityFixes)
        case .topDown:
            // SerenityOS has no top-down placement: there is no flag that asks for one.
            throw .EINVAL
        case .randomized:
            let count = regions.serenityRandomizedOutcomeCount(size: size, alignment: alignment)
            return try regions.serenityRandomized(size: size, alignment: alignment, choice: min(choose(count), count - 1),
                                                  fixes: serenityFixes)
        case .fixed(let address), .fixedNoReplace(let address):
            return try serenityPlaceFixed(address: address, size: size, alignment: alignment)
        }
    }

    /// The fixed placements' step: it only reads the tree, so the placement probe runs it on
    /// the space itself instead of on a copy.
    func serenityPlaceFixed(address: UInt64, size: UInt64, alignment: UInt64) throws(KernelError) -> VirtualRange {
        if address == 0 && !serenityFixes.contains(.fixedNullIsAnAddress) {
            return try regions.serenityFindAnywhere(size: size, alignment: alignment, fixes: serenityFixes)
        }
        return try regions.serenityAllocateSpecific(base: address, size: size)
    }
}
