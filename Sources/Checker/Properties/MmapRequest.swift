import Model

/// An mmap step's arguments as the placement properties need them: rounded size, alignment,
/// placement. nil for other operations and for arguments the model must reject with EINVAL.
struct MmapRequest {
    let size: UInt64
    let alignment: UInt64
    let protection: Protection
    let placement: Operation.PlacementKind
    let address: UInt64?

    init?(_ operation: Operation, pageSize: UInt64) {
        guard case let .mmap(size, protection, placement, address, alignment, _) = operation else { return nil }
        let align = alignment ?? pageSize
        let (rounded, overflow) = size.roundedUp(to: pageSize)
        guard size > 0, !overflow, align >= pageSize, align.isPowerOfTwo,
              !rounded.addingReportingOverflow(align).overflow else { return nil }
        if let address, !address.isAligned(to: pageSize) { return nil }
        self.size = rounded
        self.alignment = align
        self.protection = protection
        self.placement = placement
        self.address = address
    }

    /// The exact range of a fixed placement, if it does not wrap.
    var fixedRange: VirtualRange? {
        guard let address else { return nil }
        return try? VirtualRange(base: address, size: size)
    }
}

/// Whether mapping some accessible range could fail for want of a page table: a failure is
/// injected or the pool is exhausted.
func pageTablesMayFailAnywhere(protection: Protection, in space: AddressSpace) -> Bool {
    guard protection.isAccessible else { return false }
    return space.faults.pendingPageTableFailures > 0 || space.directory.tables.count >= space.universe.pageTables
}

/// Whether an ENOMEM that is not a placement failure is explained by the pools: mapping `range`
/// needs page tables, and either a failure is injected or fewer tables are free than it needs.
/// Used so that a legitimate out-of-memory is never reported as a missed hole.
func pageTablesMayFail(mapping range: VirtualRange, protection: Protection, in space: AddressSpace) -> Bool {
    guard protection.isAccessible else { return false }
    let perTable = space.universe.pagesPerTable
    let first = range.base / space.pageSize / perTable
    let last = (range.end / space.pageSize - 1) / perTable
    let missing = (last - first + 1) - UInt64(space.directory.tables(in: first...last).count)
    guard missing > 0 else { return false }
    let free = space.universe.pageTables - space.directory.tables.count
    return space.faults.pendingPageTableFailures > 0 || missing > UInt64(max(free, 0))
}
