@testable import Checker
import Testing

@Suite struct StateStoreTests {
    @Test func storesEveryDistinctStringExactlyOnce() {
        var store = StateStore(capacity: 4)
        var generator = SplitMix64(seed: 7)
        var seen: [[UInt8]: Int] = [:]
        for _ in 0 ..< 20_000 {
            // Short strings over a tiny alphabet: many duplicates and many shared prefixes.
            let key = (0 ..< Int(generator.next() % 6)).map { _ in UInt8(generator.next() % 3) }
            let (index, inserted) = key.withUnsafeBufferPointer { store.insert($0, hash: StateStore.hash($0)) }
            if let known = seen[key] {
                #expect(!inserted && index == known)
            } else {
                #expect(inserted && index == seen.count)
                seen[key] = index
            }
        }
        #expect(store.count == seen.count)
        for (key, index) in seen {
            #expect(Array(store.encoding(index)) == key)
            #expect(key.withUnsafeBufferPointer { store.find($0, hash: StateStore.hash($0)) } == index)
        }
    }

    @Test func equalHashesNeverMergeDifferentStrings() {
        // Every key under one hash value: only the byte comparison tells them apart.
        var store = StateStore()
        for i in 0 ..< 300 {
            let key = [UInt8(i & 0xff), UInt8(i >> 8)]
            #expect(key.withUnsafeBufferPointer { store.insert($0, hash: 42).inserted })
        }
        #expect(store.count == 300)
        #expect([UInt8(5), 0].withUnsafeBufferPointer { store.find($0, hash: 42) } == 5)
        #expect([UInt8(5), 9].withUnsafeBufferPointer { store.find($0, hash: 42) } == nil)
    }
}
