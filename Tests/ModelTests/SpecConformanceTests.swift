@testable import Model
import Testing

/// SPEC §2 rules that once differed in the model: execute-only pages, munmap outside the total
/// range, mprotect of size 0.
@Suite struct SpecConformanceTests {
    /// A read needs R or W: a populated page made `--x` faults on read and has no present PTE,
    /// while it keeps its page table (it is still accessible for execution). Reference only: the
    /// serenity design rejects an executable anonymous protection (EINVAL), as HEAD does.
    @Test func executeOnlyReadFaults() throws {
        var s = AddressSpace(universe: .tiny)
        let base = try s.mmap(size: 2 * P, protection: .readWrite, placement: .anywhere).base
        #expect(base == 0x10000)
        #expect(try s.touch(address: base, write: true, value: 7) == 7)
        try s.mprotect(address: base, size: P, protection: .execute)
        #expect(s.directory.ptes.entry(for: base / P) == nil)
        #expect(s.tlb.entry(for: base / P) == nil)
        #expect(s.directory.hasTable(s.directory.table(of: base / P)))
        #expect(expectError(.EFAULT) { () throws(KernelError) in _ = try s.touch(address: base, write: false) })
        #expect(expectError(.EFAULT) { () throws(KernelError) in _ = try s.touch(address: base, write: true, value: 1) })
        // Readable again: the data is still there.
        try s.mprotect(address: base, size: P, protection: .read)
        #expect(try s.touch(address: base, write: false) == 7)
    }

    @Test func munmapOutsideTheTotalRangeUnmapsNothing() throws {
        var s = AddressSpace.fresh(.tiny)
        s.map(1)
        let before = s.layout
        try s.munmap(address: 0, size: 0xF)
        try s.munmap(address: s.universe.base + s.universe.pages * P, size: 4 * P)
        #expect(s.layout == before)
        // Partly outside: acts on what lies inside.
        try s.munmap(address: s.universe.base - P, size: 2 * P)
        #expect(s.layout.isEmpty)
        #expect(expectError(.EINVAL) { () throws(KernelError) in try s.munmap(address: s.page(0), size: 0) })
        #expect(expectError(.EINVAL) { () throws(KernelError) in try s.munmap(address: UInt64.max - P + 1, size: 2 * P) })
    }

    @Test func mprotectOfSizeZeroSucceedsAndChangesNothing() throws {
        var s = AddressSpace.fresh(.tiny)
        s.map(1)
        let before = s.layout
        try s.mprotect(address: s.page(0), size: 0, protection: .read)
        try s.mprotect(address: 0, size: 0, protection: .read)
        #expect(s.layout == before)
    }
}
