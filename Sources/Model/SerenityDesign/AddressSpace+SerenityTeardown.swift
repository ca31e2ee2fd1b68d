/// Process death at HEAD: `remove_all_regions` on the finalizer thread, then the address space
/// and its page directory go away (SPEC §6.2, 2323cdd9141).
extension AddressSpace {
    mutating func serenityTeardown() throws(KernelError) {
        try serenityRemoveAllRegions()
        serenityDestroyAddressSpace()
    }

    /// Unmaps every region — PROT_NONE ones included — with **no** TLB flush, then deletes them
    /// all (each drops its VMObject, which frees the frames). The stale TLB entries stay until the
    /// page directory dies.
    mutating func serenityRemoveAllRegions() throws(KernelError) {
        let all = Array(regions.regions)
        for region in all { try serenityUnmap(region, flush: false) }
        regions.removeAll()
        for region in all { try release(objectOf: region) }
    }

    /// The PageDirectory destructor frees the remaining page tables; switching away from the dead
    /// directory leaves no TLB entry of it. The space starts again empty, as after exec.
    mutating func serenityDestroyAddressSpace() {
        directory.removeAll()
        tlb.removeAll()
        objects.removeAll()
        frames.removeAll()
    }
}
