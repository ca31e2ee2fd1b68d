/// execve's region set-up at SerenityOS HEAD: `allocate_region` per ELF segment and for the main
/// stack (serenity-notes §2). Nothing is rolled back: segments mapped before a failure stay, and a
/// segment whose map fails is freed while still in the tree (`4edae21bd13` fixed this only in
/// `allocate_region_with_vmobject`).
extension AddressSpace {
    mutating func serenityExec(segments: [ExecSegment]) throws(KernelError) -> [VirtualRange] {
        guard !segments.isEmpty else { throw .EINVAL }
        var ranges: [VirtualRange] = []
        for segment in segments {
            ranges.append(try serenityAllocateRegion(segment))
        }
        return ranges
    }

    /// `allocate_region`: an unaligned address is EINVAL; the size is rounded up; an anonymous
    /// VMObject is created and placed (anywhere if the address is null, else specifically) and
    /// mapped with no TLB flush, whatever the protection.
    mutating func serenityAllocateRegion(_ segment: ExecSegment) throws(KernelError) -> VirtualRange {
        let address = segment.address ?? 0
        guard address.isAligned(to: pageSize) else { throw .EINVAL }
        let (rounded, overflow) = segment.size.roundedUp(to: pageSize)
        guard segment.size > 0, !overflow else { throw .EINVAL }
        let range = address == 0
            ? try regions.serenityFindAnywhere(size: rounded, alignment: pageSize, fixes: serenityFixes)
            : try regions.serenityAllocateSpecific(base: address, size: rounded)
        let object = objects.create(pageCount: rounded / pageSize)
        let region = Region(range: range, protection: segment.protection, object: object, offset: 0)
        try regions.insert(region)
        retain(objectOf: region)
        do throws(KernelError) {
            try serenityMap(region, flush: false)
        } catch {
            // The region is freed (unmapped, its VMObject released) but never taken out of the tree.
            try unmap(region, flush: false)
            try release(objectOf: region)
            throw error
        }
        return range
    }
}
