/// How often each bit mask occurred, in a small open-addressed table: counting a step's mask is
/// one probe, where counting each of its set bits was one increment per bit (the explorer counts
/// about a million steps per CPU-second, each with a dozen bits). The distinct masks are few.
struct MaskCounts: Sendable {
    /// `counts[slot] == 0` marks an empty slot; a power-of-two number of slots.
    private var masks = [UInt64](repeating: 0, count: 64)
    private var counts = [Int](repeating: 0, count: 64)
    private var occupied = 0

    mutating func add(_ mask: UInt64, count: Int = 1) {
        guard count > 0 else { return }
        let slotMask = masks.count - 1
        // Fibonacci hashing: the high bits of the product spread masks that differ in a few bits.
        var slot = Int(truncatingIfNeeded: (mask &* 0x9E37_79B9_7F4A_7C15) >> 40) & slotMask
        while counts[slot] != 0 {
            if masks[slot] == mask {
                counts[slot] += count
                return
            }
            slot = (slot + 1) & slotMask
        }
        masks[slot] = mask
        counts[slot] = count
        occupied += 1
        if occupied * 2 > masks.count { grow() }
    }

    /// Each mask with its count, in no particular order.
    func forEach(_ body: (_ mask: UInt64, _ count: Int) -> Void) {
        for slot in counts.indices where counts[slot] != 0 { body(masks[slot], counts[slot]) }
    }

    /// The total count of masks with `bit` set.
    func count(withBit bit: Int) -> Int {
        var total = 0
        forEach { mask, count in if mask & (1 << UInt64(bit)) != 0 { total += count } }
        return total
    }

    private mutating func grow() {
        let old = self
        masks = [UInt64](repeating: 0, count: old.masks.count * 2)
        counts = [Int](repeating: 0, count: old.masks.count * 2)
        occupied = 0
        old.forEach { mask, count in add(mask, count: count) }
    }
}
