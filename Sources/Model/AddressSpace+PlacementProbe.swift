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

extension AddressSpace {
    /// Whether `probeFixedPlacement` answers every range on this space exactly as on `other`,
    /// known without probing: the probe reads only the universe, the design, its mutations and
    /// fixes, and the region tree, and this tree is an unchanged copy of `other`'s (the same node
    /// storage, `RegionTree.isUnchangedCopy(of:)`). Never when either has the legacy allocator,
    /// which the probe reads too and which can hold a reservation in a hole of an unchanged tree.
    public func probesAnswerAsOn(_ other: AddressSpace) -> Bool {
        legacyAllocator == nil && other.legacyAllocator == nil && design == other.design && mutations == other.mutations
            && serenityFixes == other.serenityFixes && universe == other.universe && regions.isUnchangedCopy(of: other.regions)
    }
}
