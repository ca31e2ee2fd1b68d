/// Process exit: the whole address space goes away, then starts again empty (as after exec).
extension AddressSpace {
    /// Unmaps every region without TLB flushes (the page directory dies with the space, so a
    /// flush per region is wasted work: 2323cdd9141), frees every VMObject, frame and page table,
    /// and starts again with a clean TLB.
    /// ENOTRECOVERABLE only when the code broke one of the model's assumptions.
    public mutating func teardown() throws(KernelError) {
        if design == .serenity { return try serenityTeardown() }
        for region in regions.regions {
            directory.ptes.remove(pages: pages(of: region.range))
        }
        regions.removeAll()
        objects.removeAll()
        frames.removeAll()
        directory.removeAll()
        tlb.removeAll()
        if legacyAllocator != nil {
            legacyAllocator = FreeRangeAllocator(totalRange: universe.totalRange, pageSize: universe.pageSize)
        }
    }
}
