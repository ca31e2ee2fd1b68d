/// A compact canonical encoding of the whole state, for hashing and storing explored states.
///
/// Two states that behave the same encode the same: addresses are written as page numbers
/// relative to the total range, and VMObject and frame identities (slot and frame numbers, which
/// depend on history) are replaced by numbers given in order of first appearance while walking the
/// regions in address order. Counters that only grow (heap allocations) are left out.
public struct Snapshot: Sendable, Hashable {
    public var bytes: [UInt8]
    public init(bytes: [UInt8]) { self.bytes = bytes }
}

/// Reusable buffers for encoding, so the explorer's hot loop allocates nothing per state.
public struct SnapshotScratch: Sendable {
    var objectIDs: [Int32] = []
    var objectOrder: [Int32] = []
    var frameIDs: [Int32] = []
    var framesNumbered: Int32 = 0
    public init() {}
}

extension AddressSpace {
    /// `includeFaults: false` leaves out the pending injected failures, to compare what an
    /// operation changed in the address space itself.
    public func snapshot(includeFaults: Bool = true) -> Snapshot {
        var bytes: [UInt8] = []
        var scratch = SnapshotScratch()
        encode(into: &bytes, scratch: &scratch, includeFaults: includeFaults)
        return Snapshot(bytes: bytes)
    }

    /// Appends the canonical encoding to `out`. A state that fits a small stack buffer (every
    /// state of the universes exhaustive search uses) is written there without `Array.append`'s
    /// per-byte capacity and uniqueness checks, then appended at once; a larger one is written
    /// to `out` directly. Both write the same bytes.
    public func encode(into out: inout [UInt8], scratch: inout SnapshotScratch, includeFaults: Bool = true) {
        let fitted = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: BufferSink.stackCapacity) { buffer -> Bool in
            var sink = BufferSink(buffer)
            write(into: &sink, scratch: &scratch, includeFaults: includeFaults)
            guard sink.count <= buffer.count else { return false }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: buffer[..<sink.count]))
            return true
        }
        if !fitted { encodeAppending(into: &out, scratch: &scratch, includeFaults: includeFaults) }
    }

    /// `encode(into:)` through `Array.append` whatever the size (the path a large state takes).
    func encodeAppending(into out: inout [UInt8], scratch: inout SnapshotScratch, includeFaults: Bool = true) {
        var sink = ArraySink(bytes: out)
        out = []
        write(into: &sink, scratch: &scratch, includeFaults: includeFaults)
        out = sink.bytes
    }

    /// Writes the canonical encoding to `out`.
    private func write<Sink: ByteSink>(into out: inout Sink, scratch: inout SnapshotScratch, includeFaults: Bool) {
        let firstPage = universe.base / pageSize
        // Only the first `count` entries of each table are read; resetting them in place costs no
        // allocation and no generic range replacement.
        scratch.objectIDs.reset(count: objects.slots.count)
        scratch.objectOrder.removeAll(keepingCapacity: true)
        scratch.frameIDs.reset(count: frames.used.count)
        scratch.framesNumbered = 0

        // Regions, with objects numbered by first appearance (0 = a dangling, dead object).
        out.varint(UInt64(regions.count))
        var previousEnd = firstPage
        for region in regions.regions {
            let pages = pages(of: region.range)
            out.varint(pages.lowerBound &- previousEnd)
            out.varint(UInt64(pages.count))
            out.byte(region.protection.rawValue)
            var id: Int32 = 0
            if objects.contains(region.object) {
                let slot = Int(region.object.raw)
                if scratch.objectIDs[slot] < 0 {
                    scratch.objectOrder.append(region.object.raw)
                    scratch.objectIDs[slot] = Int32(scratch.objectOrder.count)
                }
                id = scratch.objectIDs[slot]
            }
            out.varint(UInt64(id))
            out.varint(region.offset)
            previousEnd = pages.upperBound
        }
        // Live objects no region references (leaks) follow in slot order.
        let referenced = scratch.objectOrder.count
        for (slot, object) in objects.slots.enumerated() where object != nil && scratch.objectIDs[slot] < 0 {
            scratch.objectOrder.append(Int32(slot))
        }
        out.varint(UInt64(scratch.objectOrder.count - referenced))
        for position in scratch.objectOrder.indices {
            let object = objects.slots[Int(scratch.objectOrder[position])]!
            out.varint(object.pageCount)
            out.varint(UInt64(UInt32(bitPattern: object.referenceCount)))
            out.varint(UInt64(object.populated.count))
            for page in object.populated {
                out.varint(page.page)
                encodeFrame(page.frame, into: &out, scratch: &scratch)
            }
        }
        // Frames in use that no object owns (leaks): their count and data.
        var leaked = 0
        let used = frames.used
        for i in used.indices where scratch.frameIDs[i] < 0 { leaked += 1 }
        out.varint(UInt64(leaked))
        for i in used.indices where scratch.frameIDs[i] < 0 { out.varint(UInt64(used[i].contents)) }

        // MMU: page tables, PTEs, TLB.
        let firstTable = firstPage / universe.pagesPerTable
        out.varint(UInt64(directory.tables.count))
        for table in directory.tables { out.varint(table &- firstTable) }
        func encodeTranslations(_ set: TranslationSet) {
            out.varint(UInt64(set.count))
            for entry in set.entries {
                out.varint(entry.page &- firstPage)
                encodeFrame(entry.frame, into: &out, scratch: &scratch)
                out.byte(entry.writable ? 1 : 0)
            }
        }
        // Called twice rather than looping over an array literal, which allocated per state.
        encodeTranslations(directory.ptes)
        encodeTranslations(tlb)
        if includeFaults {
            // The low bit says whether grace counts follow, so the common case costs two bytes.
            let hasGrace = faults.frameGrace > 0 || faults.pageTableGrace > 0
            out.varint(UInt64(faults.pendingFrameFailures) << 1 | (hasGrace ? 1 : 0))
            out.varint(UInt64(faults.pendingPageTableFailures))
            if hasGrace {
                out.varint(UInt64(faults.frameGrace))
                out.varint(UInt64(faults.pageTableGrace))
            }
        }
        if let legacy = legacyAllocator {
            out.varint(UInt64(legacy.free.count))
            for range in legacy.free {
                out.varint(range.base / pageSize &- firstPage)
                out.varint(range.size / pageSize)
            }
        }
    }

    /// A frame as its canonical number (1-based, by first appearance) plus, the first time, its
    /// data; 0 for a frame no longer in use (a stale reference reads as zero).
    private func encodeFrame<Sink: ByteSink>(_ frame: FrameNumber, into out: inout Sink, scratch: inout SnapshotScratch) {
        guard let i = frames.index(of: frame) else {
            out.byte(0)
            return
        }
        if scratch.frameIDs[i] < 0 {
            scratch.framesNumbered += 1
            scratch.frameIDs[i] = scratch.framesNumbered
            out.varint(UInt64(scratch.frameIDs[i]))
            out.varint(UInt64(frames.used[i].contents))
        } else {
            out.varint(UInt64(scratch.frameIDs[i]))
        }
    }
}

extension Array where Element == Int32 {
    /// The first `count` entries set to -1 ("not numbered yet"), growing the array if needed;
    /// entries past `count` are left as they are (never read).
    mutating func reset(count: Int) {
        if self.count < count { append(contentsOf: repeatElement(-1, count: count - self.count)) }
        for i in 0 ..< count { self[i] = -1 }
    }
}

/// Where an encoding's bytes go.
protocol ByteSink {
    mutating func byte(_ byte: UInt8)
}

extension ByteSink {
    /// LEB128: seven bits a byte, low bits first; small page counts take one byte.
    @inline(__always)
    mutating func varint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            byte(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        byte(UInt8(v))
    }
}

/// Bytes into a fixed buffer; past its end they are only counted (the caller then starts again
/// on a larger sink), so no write can leave the buffer.
struct BufferSink: ByteSink {
    /// Larger than any state of `tiny` or `small` at the depths explored.
    static let stackCapacity = 1024
    private let buffer: UnsafeMutableBufferPointer<UInt8>
    private(set) var count = 0

    init(_ buffer: UnsafeMutableBufferPointer<UInt8>) { self.buffer = buffer }

    @inline(__always)
    mutating func byte(_ byte: UInt8) {
        if count < buffer.count { buffer[count] = byte }
        count += 1
    }
}

/// Bytes appended to an array.
struct ArraySink: ByteSink {
    var bytes: [UInt8]

    @inline(__always)
    mutating func byte(_ byte: UInt8) { bytes.append(byte) }
}
