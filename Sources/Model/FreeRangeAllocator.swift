/// The legacy VirtualRangeAllocator (2019–2022, removed in cbf52d474c9): a sorted list of free
/// ranges kept beside the region tree, as SPEC §6.4 describes. Only the `dual-authority`
/// mutant uses it. Faithful to its flaws: guard pages, a deallocate that never checks the range
/// was allocated (so a double free leaves overlapping free entries), and a kmalloc per node.
public struct FreeRangeAllocator: Sendable, Hashable {
    public let totalRange: VirtualRange
    public let pageSize: UInt64
    /// Free ranges by base; duplicates and overlaps can appear after a double free.
    public private(set) var free: [VirtualRange]
    init(totalRange: VirtualRange, pageSize: UInt64) {
        self.totalRange = totalRange
        self.pageSize = pageSize
        self.free = [totalRange]
    }

    /// First fit with a guard page on each side: the free range must hold size + 2 pages +
    /// alignment, and the result starts one page in, rounded up.
    mutating func allocateAnywhere(size: UInt64, alignment: UInt64, heap: inout KernelHeap) throws(KernelError) -> VirtualRange {
        let (effective, o1) = size.addingReportingOverflow(2 * pageSize)
        let (needed, o2) = effective.addingReportingOverflow(alignment)
        guard !o1, !o2 else { throw .EOVERFLOW }
        for (i, candidate) in free.enumerated() where candidate.size >= needed {
            let base = (candidate.base + pageSize).roundedUp(to: alignment).value
            let range = VirtualRange(uncheckedBase: base, size: size)
            carve(at: i, range, heap: &heap)
            return range
        }
        throw .ENOMEM
    }

    /// The free range with the largest base at or below `range.base` must contain the request.
    mutating func allocateSpecific(_ range: VirtualRange, heap: inout KernelHeap) throws(KernelError) {
        guard totalRange.contains(range) else { throw .ENOMEM }
        guard let index = free.lastIndex(where: { $0.base <= range.base }), free[index].contains(range) else {
            throw .EEXIST
        }
        carve(at: index, range, heap: &heap)
    }

    /// How many candidates a randomized placement has: the aligned positions inside one free
    /// range, counted without listing them (the 64-bit range has billions).
    func randomizedCandidateCount(size: UInt64, alignment: UInt64) -> UInt64 {
        free.reduce(0) { $0 + candidateCount(in: $1, size: size, alignment: alignment) }
    }

    /// Candidate `index` (0-based), in free-list order, each free range's positions ascending.
    func randomizedCandidate(_ index: UInt64, size: UInt64, alignment: UInt64) throws(KernelError) -> VirtualRange {
        var remaining = index
        for entry in free {
            let count = candidateCount(in: entry, size: size, alignment: alignment)
            if remaining < count {
                return VirtualRange(uncheckedBase: entry.base.roundedUp(to: alignment).value + remaining * alignment, size: size)
            }
            remaining -= count
        }
        throw .ENOTRECOVERABLE(BrokenAssumption("randomized candidate \(index) of \(randomizedCandidateCount(size: size, alignment: alignment))"))
    }

    /// Aligned `a` with `entry.base <= a < entry.end` and `entry.end - a >= size`.
    private func candidateCount(in entry: VirtualRange, size: UInt64, alignment: UInt64) -> UInt64 {
        let first = entry.base.roundedUp(to: alignment)
        guard !first.overflow, first.value < entry.end, entry.end - first.value >= size else { return 0 }
        let last = size == 0 ? entry.end - 1 : entry.end - size
        return (last - first.value) / alignment + 1
    }

    /// Returns `range` to the free list, merging with a free neighbour. Like the original it only
    /// checks that the range is inside the total range, never that it was allocated.
    mutating func deallocate(_ range: VirtualRange, heap: inout KernelHeap) {
        guard totalRange.contains(range) else { return }
        if let left = free.firstIndex(where: { $0.end == range.base }) {
            var merged = VirtualRange(uncheckedBase: free[left].base, size: range.end - free[left].base)
            if left + 1 < free.count, free[left + 1].base == range.end {
                merged = VirtualRange(uncheckedBase: merged.base, size: free[left + 1].end - merged.base)
                free.remove(at: left + 1)
            }
            free[left] = merged
            return
        }
        if let right = free.firstIndex(where: { $0.base == range.end }) {
            free[right] = VirtualRange(uncheckedBase: range.base, size: free[right].end - range.base)
            return
        }
        let i = free.lowerBound { $0.base < range.base }
        free.insert(range, at: i)
        heap.allocate()
    }

    /// Replaces free entry `i` by its parts outside `range`.
    private mutating func carve(at i: Int, _ range: VirtualRange, heap: inout KernelHeap) {
        let parts = free[i].carve(range)
        free.remove(at: i)
        var at = i
        for part in [parts.below, parts.above].compactMap({ $0 }) {
            free.insert(part, at: at)
            heap.allocate()
            at += 1
        }
    }
}
