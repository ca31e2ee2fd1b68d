/// The pieces an operation is made of when several CPUs share one address space: each is atomic
/// under the locks its caller holds (the address-space lock for the tree, the memory-manager lock
/// for the pools). The TLBs are per CPU here, so these pieces never touch `tlb`: the caller owns
/// one `TranslationSet` per CPU and fills or flushes it explicitly.
extension AddressSpace {
    /// Finds the range a new region would take, reading the tree only (`anywhere` or
    /// `fixedNoReplace`; the other placements are not split into steps).
    public func findHole(size: UInt64, alignment: UInt64, placement: Placement) throws(KernelError) -> VirtualRange {
        switch placement {
        case .fixedNoReplace(let address):
            guard let range = try? VirtualRange(base: address, size: size) else { throw .ENOMEM }
            try regions.checkSpecific(range, mutations: mutations)
            return range
        default:
            return try regions.findAnywhere(size: size, alignment: alignment, mutations: mutations)
        }
    }

    /// Inserts a fresh region over `range` with a new VMObject. Returns false, changing nothing,
    /// when the range is no longer free (another placement took it since it was found).
    public mutating func insertFreshRegion(_ range: VirtualRange, protection: Protection) throws(KernelError) -> Bool {
        guard regions.totalRange.contains(range), try !regions.anyRegion(intersecting: range) else { return false }
        let region = Region(range: range, protection: protection, object: objects.create(pageCount: range.size / pageSize), offset: 0)
        try regions.insert(region)
        retain(objectOf: region)
        return true
    }

    /// Maps the region inserted at `base` (ensures its page tables). On failure the region is
    /// taken out again and its VMObject released, so the mmap leaves nothing behind.
    public mutating func mapInsertedRegion(at base: UInt64) throws(KernelError) {
        guard let region = try regions.region(at: base) else { return }
        do throws(KernelError) {
            try map(region)
        } catch {
            regions.remove(at: base)
            try unmap(region, flush: false)
            try release(objectOf: region)
            throw error
        }
    }

    /// The fault path's work once the locks are held: region lookup, populate on demand, page
    /// table, PTE. Returns the entry the faulting CPU may cache.
    public mutating func resolveFault(address: UInt64, write: Bool) throws(KernelError) -> PageTableEntry {
        try transact { (space: inout AddressSpace, _: inout Bool) throws(KernelError) -> PageTableEntry in
            guard let region = try space.regions.region(containing: address), region.protection.permits(write: write),
                  space.objects.contains(region.object)
            else { throw .EFAULT }
            let vpn = address / space.pageSize
            let page = region.objectPage(of: address, pageSize: space.pageSize)
            let frame: FrameNumber
            if let existing = space.objects[region.object]?.frame(at: page) {
                frame = existing
            } else {
                guard !space.faults.consume(.frame) else { throw .ENOMEM }
                frame = try space.frames.allocate()
                try space.objects.modify(region.object) { (object) throws(KernelError) in try object.populate(page: page, with: frame) }
            }
            try space.directory.ensureTable(space.directory.table(of: vpn), faults: &space.faults)
            let entry = PageTableEntry(page: vpn, frame: frame, writable: region.protection.contains(.write))
            space.directory.ptes.set(entry)
            return entry
        }
    }

    /// The user access itself once a translation is known: reads or writes the frame.
    public mutating func accessFrame(_ frame: FrameNumber, write: Bool, value: UInt32) -> UInt32 {
        if write {
            frames.write(frame, value)
            return value
        }
        return frames.read(frame)
    }
}

extension TranslationSet {
    /// Caches `entry` (a CPU's TLB fill).
    public mutating func fill(_ entry: PageTableEntry) { set(entry) }

    /// Drops the entries of `pages` (a local flush, or the remote half of a shootdown).
    public mutating func flush(pages: Range<UInt64>) { remove(pages: pages) }
}
