@testable import Checker
import Testing

@Suite struct MaskCountsTests {
    /// Many distinct masks (past several growths of the table) counted in two different orders
    /// give the same count per mask and per bit as a plain tally.
    @Test func countsMatchATallyInAnyOrder() {
        var masks: [UInt64] = []
        var state: UInt64 = 0x1234_5678
        for _ in 0 ..< 5_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            masks.append((state >> 33) & 0x3FF)  // at most 1,024 distinct masks, 0 among them
        }
        var forward = MaskCounts(), backward = MaskCounts()
        for mask in masks { forward.add(mask) }
        for mask in masks.reversed() { backward.add(mask) }
        var tally: [UInt64: Int] = [:]
        for mask in masks { tally[mask, default: 0] += 1 }
        for table in [forward, backward] {
            var seen: [UInt64: Int] = [:]
            table.forEach { mask, count in seen[mask, default: 0] += count }
            #expect(seen == tally)
            for bit in 0 ..< 12 {
                #expect(table.count(withBit: bit) == masks.count { $0 & (1 << UInt64(bit)) != 0 })
            }
        }
    }

    /// Merging adds counts: a mask added with a count is the same as added that many times.
    @Test func addingWithACountIsRepeatedAdding() {
        var once = MaskCounts(), repeated = MaskCounts()
        once.add(0b1011, count: 3)
        for _ in 0 ..< 3 { repeated.add(0b1011) }
        once.add(0, count: 0)
        #expect(once.count(withBit: 0) == 3 && repeated.count(withBit: 0) == 3)
        #expect(once.count(withBit: 2) == 0)
        var entries = 0
        once.forEach { _, _ in entries += 1 }
        #expect(entries == 1, "a zero count adds nothing")
    }
}
