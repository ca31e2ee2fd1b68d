/// The pseudo-random generator of random runs: SplitMix64 (Steele, Lea & Flood, "Fast splittable
/// pseudorandom number generators", OOPSLA 2014), written out here so that a seed means the same
/// stream on every machine and every Swift version (the standard library's generators promise
/// neither). Each output adds the golden-gamma constant to a 64-bit counter and mixes it with the
/// Stafford variant-13 finaliser; seed 0 starts 0xe220a8397b1dcdaf, 0x6e789e6aa1b965f4.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9e37_79b9_7f4a_7c15
        return Self.mix(state)
    }

    /// The finaliser alone: a bijective 64-bit hash, also used to derive one run's seed from the last.
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xbf58_476d_1ce4_e5b9
        z = (z ^ (z >> 27)) &* 0x94d0_49bb_1331_11eb
        return z ^ (z >> 31)
    }

    /// A value in `0..<bound` (bound > 0) by Lemire's multiply-shift, without the rejection step:
    /// the bias is below bound / 2^64, irrelevant here, and the stream stays one draw per value.
    public mutating func below(_ bound: UInt64) -> UInt64 {
        bound.multipliedFullWidth(by: next()).high
    }

    /// True with probability `percent`/100.
    public mutating func chance(_ percent: UInt64) -> Bool { below(100) < percent }

    /// An index into `weights`, each chosen with probability weight / total.
    public mutating func pick(weights: [UInt64]) -> Int {
        var total: UInt64 = 0
        for w in weights { total += w }
        var roll = below(total)
        for (i, w) in weights.enumerated() {
            if roll < w { return i }
            roll -= w
        }
        return weights.count - 1
    }
}
