@testable import Model
import Testing

/// The legacy allocator counts its randomized candidates in closed form (the 64-bit range has
/// billions); the count and the k-th candidate must be exactly what listing them gives.
@Suite struct FreeRangeAllocatorTests {
    /// Every candidate, listed the slow way: each free range in order, aligned positions ascending.
    static func listed(_ allocator: FreeRangeAllocator, size: UInt64, alignment: UInt64) -> [VirtualRange] {
        var result: [VirtualRange] = []
        for entry in allocator.free {
            var a = entry.base.roundedUp(to: alignment).value
            while a >= entry.base, a < entry.end, entry.end - a >= size {
                result.append(VirtualRange(uncheckedBase: a, size: size))
                a += alignment
            }
        }
        return result
    }

    @Test func countAndIndexMatchTheListing() throws {
        let p: UInt64 = 0x1000
        var allocator = FreeRangeAllocator(totalRange: try VirtualRange(base: 0x10000, size: 40 * p), pageSize: p)
        var heap = KernelHeap()
        _ = try allocator.allocateAnywhere(size: 3 * p, alignment: p, heap: &heap)
        try allocator.allocateSpecific(try VirtualRange(base: 0x10000 + 17 * p, size: 5 * p), heap: &heap)
        #expect(allocator.free.count >= 2, "several free ranges, one of them not aligned to every alignment")
        for size in [p, 2 * p, 7 * p, 30 * p] {
            for alignment in [p, 2 * p, 4 * p, 16 * p] {
                let expected = Self.listed(allocator, size: size, alignment: alignment)
                #expect(allocator.randomizedCandidateCount(size: size, alignment: alignment) == UInt64(expected.count))
                for (k, range) in expected.enumerated() {
                    #expect(try allocator.randomizedCandidate(UInt64(k), size: size, alignment: alignment) == range)
                }
            }
        }
    }
}
