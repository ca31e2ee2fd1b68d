extension AddressSpace {
    /// Whether `mmap` of `range` PROT_NONE with MAP_FIXED_NOREPLACE would succeed, by running
    /// only its placement step: throws exactly what that mmap throws, with no VMObject, region
    /// or mapping made. An inaccessible mapping needs no page table or frame and a VMObject
    /// cannot fail to be made, so placement is the only step that can fail. Pending injected
    /// failures are ignored, and nothing is kept (the legacy allocator carves a copy).
    public func probeFixedPlacement(of range: VirtualRange) throws(KernelError) {
        var probe = self
        probe.faults = FaultInjection()
        switch design {
        case .reference:
            _ = try probe.placeRange(size: range.size, alignment: pageSize, placement: .fixedNoReplace(range.base), choose: { _ in 0 })
        case .serenity:
            guard serenityIsUserRange(base: range.base, size: range.size) else { throw .EFAULT }
            _ = try probe.serenityPlace(size: range.size, alignment: pageSize, placement: .fixedNoReplace(range.base), choose: { _ in 0 })
        }
    }
}
