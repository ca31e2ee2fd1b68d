import Model

/// An mmap step's arguments as the placement properties need them: rounded size, alignment,
/// placement, and how the design rounds to the alignment. nil for other operations and for
/// arguments the design rejects with EINVAL (an alignment that is not a power of two, in the
/// reference; SPEC §2).
struct MmapRequest {
    let size: UInt64
    let alignment: UInt64
    let protection: Protection
    let placement: Operation.PlacementKind
    let address: UInt64?
    let rounding: AlignmentRounding

    init?(_ operation: Operation, pageSize: UInt64, rounding: AlignmentRounding = .powerOfTwo) {
        guard case let .mmap(size, protection, placement, address, alignment, _) = operation else { return nil }
        let align = alignment ?? pageSize
        let (rounded, overflow) = size.roundedUp(to: pageSize)
        guard size > 0, !overflow, align >= pageSize, align.isAligned(to: pageSize), rounding.accepts(align),
              !rounded.addingReportingOverflow(align).overflow else { return nil }
        // A hint is not a demand: an unaligned one is just not taken.
        if let address, placement != .hint, !address.isAligned(to: pageSize) { return nil }
        self.size = rounded
        self.alignment = align
        self.protection = protection
        self.placement = placement
        self.address = address
        self.rounding = rounding
    }

    /// Whether the range must be exactly at `address` (MAP_FIXED or MAP_FIXED_NOREPLACE).
    var isFixed: Bool { placement == .fixed || placement == .fixedNoReplace }

    /// The exact range of a fixed placement, if it does not wrap.
    var fixedRange: VirtualRange? {
        guard let address else { return nil }
        return try? VirtualRange(base: address, size: size)
    }
}

/// Whether mapping some accessible range could fail for want of a page table: a failure is
/// injected or the pool is exhausted.
func pageTablesMayFailAnywhere(protection: Protection, in observation: Observation, universe: Universe) -> Bool {
    guard protection.isAccessible else { return false }
    return observation.pendingPageTableFailures > 0 || observation.pageTables.count >= universe.pageTables
}

/// Whether an ENOMEM that is not a placement failure is explained by the pools: mapping `range`
/// needs page tables, and either a failure is injected or fewer tables are free than it needs.
/// Used so that a legitimate out-of-memory is never reported as a missed hole.
func pageTablesMayFail(mapping range: AddressSpan, protection: Protection, in observation: Observation, universe: Universe) -> Bool {
    guard protection.isAccessible, !range.isEmpty else { return false }
    let perTable = universe.pagesPerTable
    let first = range.lower / universe.pageSize / perTable
    let last = (range.upper / universe.pageSize - 1) / perTable
    let present = observation.pageTables.count { first <= $0 && $0 <= last }
    let missing = (last - first + 1) - UInt64(present)
    guard missing > 0 else { return false }
    let free = universe.pageTables - observation.pageTables.count
    return observation.pendingPageTableFailures > 0 || missing > UInt64(max(free, 0))
}
