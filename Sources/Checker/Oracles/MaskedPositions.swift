/// The positions AK's `round_up_to_power_of_two(x, A)` can produce for an A that is not a power
/// of two: 0 (from x = 0) and `u + A` for every u sharing no bit with `A − 1`
/// (`((x − 1) & ~(A − 1))` clears exactly those bits). The u are listed in order by dealing the
/// bits of their index out to the free bits of `~(A − 1)`, lowest first; counting the u below a
/// bound is a bisection over that index. A is a page multiple, so `A − 1` holds at least the
/// twelve page-offset bits and the index stays below 2^52.
struct MaskedPositions {
    let alignment: UInt64
    /// The bits a u may have.
    private var free: UInt64 { ~(alignment - 1) }

    /// How many positions lie in `lowest ... highest`.
    func count(in lowest: UInt64, _ highest: UInt64) -> UInt64 {
        guard lowest <= highest else { return 0 }
        let zero: UInt64 = lowest == 0 ? 1 : 0
        guard highest >= alignment else { return zero }
        let first = lowest > alignment ? lowest - alignment : 0
        return zero + rank(below: highest - alignment + 1) - rank(below: first)
    }

    /// The `k`-th position (from 0, ascending) in `lowest ... highest`, if there are that many.
    func position(_ k: UInt64, in lowest: UInt64, _ highest: UInt64) -> UInt64? {
        guard k < count(in: lowest, highest) else { return nil }
        if lowest == 0 && k == 0 { return 0 }
        let first = lowest > alignment ? lowest - alignment : 0
        return Self.deposit(rank(below: first) + k - (lowest == 0 ? 1 : 0), into: free) + alignment
    }

    /// How many u are below `n`: the least index whose u reaches n.
    func rank(below n: UInt64) -> UInt64 {
        var low: UInt64 = 0, high: UInt64 = 1 << UInt64(free.nonzeroBitCount)
        while low < high {
            let middle = low + (high - low) / 2
            if Self.deposit(middle, into: free) >= n { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// The `i`-th value (from 0, ascending) whose bits all lie in `mask`: bit j of i goes to the
    /// j-th lowest bit of `mask`. The bits keep their order, so larger i give larger values.
    static func deposit(_ i: UInt64, into mask: UInt64) -> UInt64 {
        var result: UInt64 = 0, bits = mask, source = i
        while bits != 0 && source != 0 {
            let lowest = bits & (~bits &+ 1)
            if source & 1 != 0 { result |= lowest }
            source >>= 1
            bits &= bits - 1
        }
        return result
    }
}
