extension AddressSpace {
    /// Whether `mmap` of `range` PROT_NONE with MAP_FIXED_NOREPLACE would succeed, by running
    /// only its placement step: throws exactly what that mmap throws, with no VMObject, region
    /// or mapping made. An inaccessible mapping needs no page table or frame and a VMObject
    /// cannot fail to be made, so placement is the only step that can fail. Pending injected
    /// failures are ignored, and nothing is kept.
    public func probeFixedPlacement(of range: VirtualRange) throws(KernelError) {
        switch design {
        case .reference:
            // The legacy allocator carves its free ranges (and may call the heap, where injected
            // failures wait): on a copy. The tree's placement only reads: on the space itself,
            // since copying the space for each of `no-leak`'s holes was most of the probe's cost.
            guard legacyAllocator == nil else {
                var probe = self
                probe.faults = FaultInjection()
                _ = try probe.placeRange(size: range.size, alignment: pageSize, placement: .fixedNoReplace(range.base), choose: { _ in 0 })
                return
            }
            _ = try placeFixedNoReplace(address: range.base, size: range.size)
        case .serenity:
            guard serenityIsUserRange(base: range.base, size: range.size) else { throw .EFAULT }
            _ = try serenityPlaceFixed(address: range.base, size: range.size, alignment: pageSize)
        }
    }
}
