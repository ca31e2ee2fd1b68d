import Model

extension AddressSpace {
    /// The layout of the address space — the sorted list of (base, size, protection) of its
    /// regions — as bytes (page numbers relative to the total range).
    func encodeLayout(into out: inout [UInt8]) {
        let firstPage = universe.base / pageSize
        for region in regions.regions {
            appendVarint(region.range.base / pageSize &- firstPage, to: &out)
            appendVarint(region.range.size / pageSize, to: &out)
            out.append(region.protection.rawValue)
        }
    }
}

@inline(__always)
func appendVarint(_ value: UInt64, to out: inout [UInt8]) {
    var v = value
    while v >= 0x80 {
        out.append(UInt8(v & 0x7f) | 0x80)
        v >>= 7
    }
    out.append(UInt8(v))
}

extension AddressSpace {
    /// Stores the initial state as state 0.
    func encodeRoot(into store: inout StateStore, layouts: inout StateStore) {
        var bytes: [UInt8] = []
        var scratch = SnapshotScratch()
        encode(into: &bytes, scratch: &scratch, includeFaults: false)
        bytes.withUnsafeBufferPointer { _ = store.insert($0, hash: StateStore.hash($0)) }
        var layout: [UInt8] = []
        encodeLayout(into: &layout)
        layout.withUnsafeBufferPointer { _ = layouts.insert($0, hash: StateStore.hash($0)) }
    }
}
