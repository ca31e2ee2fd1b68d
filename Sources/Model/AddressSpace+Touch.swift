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
            return access(frame: cached.frame, write: write, value: value)
        }
        if let pte = directory.ptes.entry(for: vpn), pte.writable || !write {
            tlb.set(pte)
            return access(frame: pte.frame, write: write, value: value)
        }
        return try transact { (space: inout AddressSpace, _: inout Bool) throws(KernelError) -> UInt32 in
            guard let region = space.regions.region(containing: address), region.protection.permits(write: write),
                  space.objects.contains(region.object)
            else { throw .EFAULT }
            let page = region.objectPage(of: address, pageSize: space.pageSize)
            let frame: FrameNumber
            if let existing = space.objects[region.object].frame(at: page) {
                frame = existing
            } else {
                guard !space.faults.consume(.frame) else { throw .ENOMEM }
                frame = try space.frames.allocate()
                space.objects[region.object].populate(page: page, with: frame)
            }
            try space.directory.ensureTable(space.directory.table(of: vpn), faults: &space.faults)
            let entry = PageTableEntry(page: vpn, frame: frame, writable: region.protection.contains(.write))
            space.directory.ptes.set(entry)
            space.tlb.set(entry)
            return space.access(frame: frame, write: write, value: value)
        }
    }

    private mutating func access(frame: FrameNumber, write: Bool, value: UInt32) -> UInt32 {
        if write {
            frames.write(frame, value)
            return value
        }
        return frames.read(frame)
    }
}
