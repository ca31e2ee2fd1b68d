@testable import Model
import Testing

/// The model's heap allocations go through the heap it is given; the tally is read from outside.
@Suite struct KernelHeapTests {
    @Test func theReferencePlacesWithoutAllocating() throws {
        var s = AddressSpace(universe: .tiny)
        _ = try s.mmap(size: 0x1000, protection: .readWrite, placement: .anywhere)
        try s.munmap(address: s.universe.base, size: 0x1000)
        #expect(s.heap.allocationsDuringPlacement == 0)
    }

    @Test func theLegacyAllocatorAllocatesItsNodesInsidePlacement() throws {
        var s = AddressSpace(universe: .tiny, mutations: [.dualAuthority])
        _ = try s.mmap(size: 0x1000, protection: .readWrite, placement: .anywhere)
        let placed = s.heap.allocationsDuringPlacement
        #expect(placed > 0, "carving a free range allocates its parts")
        try s.munmap(address: s.universe.base + 0x1000, size: 0x1000)
        #expect(s.heap.allocationsDuringPlacement == placed, "munmap's deallocations are not placement")
    }

    @Test func onlyBracketedAllocationsCount() {
        var heap = KernelHeap()
        heap.allocate()
        heap.placementBegin()
        heap.allocate()
        heap.allocate()
        heap.placementEnd()
        heap.allocate()
        #expect(heap.allocationsDuringPlacement == 2)
    }
}
