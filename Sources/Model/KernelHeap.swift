/// The kernel heap (kmalloc) as the address space's code meets it: the service an external
/// implementation gets through the C contract's hooks (`heap_allocate`, `placement_begin`,
/// `placement_end` in Adapter/include/regioncheck_allocator.h), given to the address space at
/// creation. The code under test only calls it — allocates, and brackets its hole search; the
/// tally is the checker's (the `allocation-free` property reads it through the observation) and
/// nothing in the model reads it back.
public struct KernelHeap: Sendable, Hashable {
    /// Heap allocations made while a placement was bracketed, as the C checker's pools count them.
    public private(set) var allocationsDuringPlacement = 0
    private var placementDepth = 0

    public init() {}

    /// A kmalloc (the model never frees through it: kfree is not judged).
    mutating func allocate() {
        if placementDepth > 0 { allocationsDuringPlacement += 1 }
    }

    /// The hole search begins (`placement_begin`).
    mutating func placementBegin() { placementDepth += 1 }

    /// The hole search ends (`placement_end`).
    mutating func placementEnd() { placementDepth = max(0, placementDepth - 1) }
}
