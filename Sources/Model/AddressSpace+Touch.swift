/// A user access, the way the hardware and the fault handler see it: TLB, then the page tables,
/// then the kernel's fault path (region lookup, populate on demand).
extension AddressSpace {
    /// Reads (returns the page's data word) or writes `value`. EFAULT when the region tree does not
    /// permit the access; ENOMEM when populating the page needs a frame or page table that cannot
    /// be had. A stale TLB entry or PTE is honoured, exactly as the MMU would.
    @discardableResult
    public mutating func touch(address: UInt64, write: Bool, value: UInt32 = 0) throws(KernelError) -> UInt32 {
        let vpn = address / pageSize
        if let cached = tlb.entry(for: vpn), cached.writable || !write {
            return accessFrame(cached.frame, write: write, value: value)
        }
        if let pte = directory.ptes.entry(for: vpn), pte.writable || !write {
            tlb.set(pte)
            return accessFrame(pte.frame, write: write, value: value)
        }
        // The fault path (atomic: on error nothing changed), then this CPU's TLB caches the entry.
        let entry = try resolveFault(address: address, write: write)
        tlb.set(entry)
        return accessFrame(entry.frame, write: write, value: value)
    }
}
