@testable import Model
import Testing

@Suite struct SnapshotTests {
    @Test func identitiesDoNotLeak() throws {
        // The same layout reached along two histories that number objects and frames differently.
        var a = AddressSpace.fresh()
        a.map(1); a.map(1)
        try a.touch(address: a.page(0), write: true, value: 1)
        try a.touch(address: a.page(1), write: true, value: 2)

        var b = AddressSpace.fresh()
        b.map(3)
        try b.munmap(address: b.page(0), size: 3 * P)   // burns an object slot
        b.map(1, at: .fixedNoReplace(b.page(1)))
        b.map(1, at: .fixedNoReplace(b.page(0)))
        try b.touch(address: b.page(1), write: true, value: 2)  // frame 0 now backs page 1
        try b.touch(address: b.page(0), write: true, value: 1)
        #expect(try a.regions.region(at: a.page(0))?.object != b.regions.region(at: b.page(0))?.object)
        #expect(a.snapshot() == b.snapshot())
    }

    @Test func differentStatesEncodeDifferently() throws {
        var a = AddressSpace.fresh()
        a.map(2)
        var b = a
        try b.touch(address: b.page(0), write: false)
        var c = a
        try c.touch(address: c.page(0), write: true, value: 7)
        var d = a
        try d.mprotect(address: d.page(1), size: P, protection: .read)
        var e = a
        e.injectFailure(.frame)
        let all = [a, b, c, d, e].map { $0.snapshot() }
        #expect(Set(all).count == all.count)
        #expect(a.snapshot(includeFaults: false) == e.snapshot(includeFaults: false))
    }

    @Test func tinyStatesAreCompact() {
        var s = AddressSpace.fresh()
        s.map(2); s.map(3, .read); s.map(1, .none)
        // 3 regions × 5 bytes, 3 objects × 3, tables, PTE/TLB counts, faults: 35 bytes.
        #expect(s.snapshot().bytes.count <= 40, "got \(s.snapshot().bytes.count) bytes")
    }

    @Test func stackBufferAndArrayPathsWriteTheSameBytes() throws {
        // States on both sides of the stack buffer's capacity: a few regions, and enough of them
        // (with touched pages and PTEs) that the encoding overflows it and takes the array path.
        var small = AddressSpace.fresh()
        small.map(2); small.map(1, .read)
        try small.touch(address: small.page(0), write: true, value: 9)
        var large = AddressSpace.fresh(.serenity)
        for i in 0 ..< 300 {
            let base = large.map(UInt64(i % 3 + 1), i % 2 == 0 ? .readWrite : .read)
            if i % 5 == 0 { try large.touch(address: base, write: i % 2 == 0, value: UInt32(i)) }
        }
        for space in [small, large] {
            for includeFaults in [false, true] {
                // `encode` appends: start after some bytes already there.
                var viaStack: [UInt8] = [1, 2, 3], viaArray: [UInt8] = [1, 2, 3]
                var scratch = SnapshotScratch()
                space.encode(into: &viaStack, scratch: &scratch, includeFaults: includeFaults)
                space.encodeAppending(into: &viaArray, scratch: &scratch, includeFaults: includeFaults)
                #expect(viaStack == viaArray)
            }
        }
        var bytes: [UInt8] = []
        var scratch = SnapshotScratch()
        large.encode(into: &bytes, scratch: &scratch)
        #expect(bytes.count > BufferSink.stackCapacity, "the large state must overflow the stack buffer")
    }

    @Test func copiesAreIndependent() throws {
        var a = AddressSpace.fresh()
        a.map(2)
        let frozen = a
        try a.munmap(address: a.page(0), size: P)
        try a.touch(address: a.page(1), write: true, value: 3)
        #expect(frozen.layout == ["0+2rw-"])
        #expect(frozen.frames.usedCount == 0)
    }
}

@Suite struct UniverseTests {
    @Test func presetsAreValid() throws {
        for u in Universe.presets { try u.validate() }
        #expect(Universe.preset(named: "tiny")?.pages == 8)
    }
}
