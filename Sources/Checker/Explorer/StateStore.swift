import Foundation

/// An exact set of byte strings (canonical state encodings), numbered in insertion order.
///
/// All encodings live back to back in one arena (`bytes`), state `i` ending at `ends[i]`; an
/// open-addressing table (linear probing, power-of-two size, at most 3/4 full) holds
/// `index + 1` of each string (0 = empty slot). No fingerprints: a probe compares the bytes, so
/// two different states are never merged.
struct StateStore: Sendable {
    private(set) var bytes: [UInt8] = []
    private(set) var ends: [UInt32] = []
    private var table: [UInt32]
    private var mask: Int

    init(capacity: Int = 1024) {
        var size = 16
        while size * 3 / 4 < capacity { size <<= 1 }
        table = [UInt32](repeating: 0, count: size)
        mask = size - 1
    }

    var count: Int { ends.count }

    /// Bytes held: the arena, the end offsets and the table (allocated size).
    var storedBytes: Int { bytes.count + ends.count * 4 + table.count * 4 }

    /// Bytes allocated, spare capacity included (what a memory limit must count).
    var allocatedBytes: Int { bytes.capacity + ends.capacity * 4 + table.count * 4 }

    func start(of index: Int) -> Int { index == 0 ? 0 : Int(ends[index - 1]) }

    /// The stored bytes of entry `index`.
    func encoding(_ index: Int) -> ArraySlice<UInt8> { bytes[start(of: index) ..< Int(ends[index])] }

    /// The index of `key`, if stored.
    func find(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> Int? {
        probe(key, hash: hash).index
    }

    /// Inserts `key` unless it is there; returns its index and whether it was new.
    @discardableResult
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (index: Int, inserted: Bool) {
        if (count + 1) * 4 > table.count * 3 { grow() }
        let (slot, found) = probe(key, hash: hash)
        if let found { return (found, false) }
        precondition(bytes.count + key.count <= Int(UInt32.max), "the state arena is limited to 4 GiB")
        bytes.append(contentsOf: key)
        ends.append(UInt32(bytes.count))
        table[slot] = UInt32(count)
        return (count - 1, true)
    }

    /// Linear probing from the hash's slot: the slot holding `key` and its index, or the empty
    /// slot where it would go.
    private func probe(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> (slot: Int, index: Int?) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        return bytes.withUnsafeBufferPointer { arena in
            while true {
                let entry = table[slot]
                if entry == 0 { return (slot, nil) }
                let index = Int(entry - 1)
                if equal(arena, index, key) { return (slot, index) }
                slot = (slot + 1) & mask
            }
        }
    }

    private func equal(_ arena: UnsafeBufferPointer<UInt8>, _ index: Int, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let s = start(of: index)
        let e = Int(ends[index])
        guard e - s == key.count else { return false }
        return key.count == 0 || memcmp(arena.baseAddress! + s, key.baseAddress!, key.count) == 0
    }

    private mutating func grow() {
        let size = table.count * 2
        var newTable = [UInt32](repeating: 0, count: size)
        let newMask = size - 1
        bytes.withUnsafeBufferPointer { arena in
            for index in 0 ..< count {
                let s = start(of: index)
                let key = UnsafeBufferPointer(rebasing: arena[s ..< Int(ends[index])])
                var slot = Int(truncatingIfNeeded: StateStore.hash(key)) & newMask
                while newTable[slot] != 0 { slot = (slot + 1) & newMask }
                newTable[slot] = UInt32(index + 1)
            }
        }
        table = newTable
        mask = newMask
    }

    /// Empties the set but keeps its storage (the per-chunk set is reused).
    mutating func removeAll() {
        bytes.removeAll(keepingCapacity: true)
        ends.removeAll(keepingCapacity: true)
        for i in table.indices { table[i] = 0 }
    }

    /// A fast, fixed (unseeded, so runs are repeatable) 64-bit hash of a byte string: eight
    /// bytes at a time through a multiply–xorshift mix.
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(key.count)
        guard let base = key.baseAddress else { return mix(h) }
        var i = 0
        let n = key.count
        while i + 8 <= n {
            let word = UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self)
            h = mix(h ^ word) &* 0x9E37_79B9_7F4A_7C15
            i += 8
        }
        if i < n {
            var tail: UInt64 = 0
            var shift: UInt64 = 0
            while i < n {
                tail |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
            h = mix(h ^ tail) &* 0x9E37_79B9_7F4A_7C15
        }
        return mix(h)
    }

    @inline(__always)
    static func mix(_ x: UInt64) -> UInt64 {
        var z = x
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
