/// The three kernel locks an operation can take. The reference's order is heap → address space →
/// memory manager: mmap allocates its VMObject from the heap before it locks the address space,
/// and the fault path keeps the heap lock it took for its bookkeeping while it locks the space.
public enum KernelLock: Int, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    /// The address-space lock: the region tree and the page tables behind it.
    case addressSpace
    /// The memory-manager lock: physical frames and page-table pages.
    case memoryManager
    /// The kernel heap lock (kmalloc/kfree).
    case heap

    public var description: String {
        switch self {
        case .addressSpace: "AS"
        case .memoryManager: "MM"
        case .heap: "heap"
        }
    }
}
