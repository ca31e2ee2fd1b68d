/// One indivisible step of an operation: between two of them another CPU may run. What an
/// operation is made of is its `OperationProgram`; the explorer interleaves the threads' steps.
public enum AtomicStep: Sendable, Hashable, CustomStringConvertible {
    case acquire(KernelLock)
    case release(KernelLock)
    /// kmalloc under the heap lock (a VMObject, a free-range node, fault bookkeeping).
    case kmalloc
    /// Find the hole a new region will take (reads the tree).
    case findHole
    /// Insert the region found into the tree, with its fresh VMObject.
    case insertRegion
    /// Ensure the new region's page tables (and PTEs).
    case mapRegion
    /// munmap's work on the tree and page tables: remove, split, clear PTEs, free tables.
    case unmapRegions
    /// mprotect's work on the tree and page tables.
    case protectRegions
    /// Flush the operated pages from this CPU's TLB.
    case flushLocalTLB
    /// Send the TLB shootdown IPI to every other CPU.
    case sendShootdown
    /// Every other CPU has flushed the operated pages (the IPIs are acknowledged).
    case completeShootdown
    /// The user access as the MMU does it: this CPU's TLB, then the page table; a miss or a
    /// forbidden access enters the fault path.
    case hardwareAccess
    /// The fault path's work under its locks: region lookup, populate, page table, PTE, TLB fill.
    case resolveFault
    /// Back to user space with the operation's result.
    case returnToUser

    public var description: String {
        switch self {
        case .acquire(let lock): "lock \(lock)"
        case .release(let lock): "unlock \(lock)"
        case .kmalloc: "kmalloc"
        case .findHole: "find hole"
        case .insertRegion: "insert region"
        case .mapRegion: "map region"
        case .unmapRegions: "unmap regions"
        case .protectRegions: "protect regions"
        case .flushLocalTLB: "flush local TLB"
        case .sendShootdown: "send shootdown"
        case .completeShootdown: "shootdown done"
        case .hardwareAccess: "MMU access"
        case .resolveFault: "resolve fault"
        case .returnToUser: "return"
        }
    }
}
