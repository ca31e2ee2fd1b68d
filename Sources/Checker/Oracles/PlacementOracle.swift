import Model

/// Where the specification lets an mmap go, computed from the holes of the observation before
/// the step (SPEC §2): every aligned start whose `size` bytes lie in one hole is a candidate;
/// `anywhere` takes the lowest, `randomized` the one its choice names, in ascending order.
/// "Aligned" is the design's rounding (`AlignmentRounding`): multiples for a power of two, the
/// positions AK's mask produces for other page multiples under `serenity`.
enum PlacementOracle {
    /// How many aligned starts one hole has for `size` bytes.
    static func startCount(in hole: AddressSpan, size: UInt64, alignment: UInt64, rounding: AlignmentRounding = .powerOfTwo) -> UInt64 {
        guard let (lowest, highest) = fittingBases(in: hole, size: size) else { return 0 }
        if alignment.isPowerOfTwo {
            guard let first = rounding.roundUp(lowest, to: alignment), first <= highest else { return 0 }
            return (highest - first) / alignment + 1
        }
        return MaskedPositions(alignment: alignment).count(in: lowest, highest)
    }

    /// The `k`-th aligned start of one hole, ascending (k below `startCount`).
    static func start(_ k: UInt64, in hole: AddressSpan, size: UInt64, alignment: UInt64, rounding: AlignmentRounding = .powerOfTwo) -> UInt64? {
        guard let (lowest, highest) = fittingBases(in: hole, size: size) else { return nil }
        if alignment.isPowerOfTwo {
            guard let first = rounding.roundUp(lowest, to: alignment), first <= highest,
                  k <= (highest - first) / alignment else { return nil }
            return first + k * alignment
        }
        return MaskedPositions(alignment: alignment).position(k, in: lowest, highest)
    }

    /// The bases at which `size` bytes fit in `hole`, as a closed interval.
    private static func fittingBases(in hole: AddressSpan, size: UInt64) -> (UInt64, UInt64)? {
        guard size > 0, hole.upper >= hole.lower, hole.upper - hole.lower >= size else { return nil }
        return (hole.lower, hole.upper - size)
    }

    /// The lowest fit as anywhere places it: the first hole whose base, rounded up, leaves room
    /// for `size` bytes. For a power of two that is the lowest aligned start of all. AK's mask
    /// is not monotone in that sense: SerenityOS rounds each window's base
    /// (`allocate_range_anywhere`), and a later aligned start of the same hole may fit where the
    /// rounded base does not; that is the design's documented rule, judged as such.
    static func lowestFit(size: UInt64, alignment: UInt64, holes: [AddressSpan], rounding: AlignmentRounding = .powerOfTwo) -> AddressSpan? {
        for hole in holes {
            guard let (_, highest) = fittingBases(in: hole, size: size),
                  let base = rounding.roundUp(hole.lower, to: alignment), base <= highest else { continue }
            return AddressSpan(base, base + size)
        }
        return nil
    }

    /// The highest aligned range of `size` bytes inside a hole, if any (top-down placement).
    static func highestFit(size: UInt64, alignment: UInt64, holes: [AddressSpan], rounding: AlignmentRounding = .powerOfTwo) -> AddressSpan? {
        for hole in holes.reversed() {
            let count = startCount(in: hole, size: size, alignment: alignment, rounding: rounding)
            if count > 0, let base = start(count - 1, in: hole, size: size, alignment: alignment, rounding: rounding) {
                return AddressSpan(base, base + size)
            }
        }
        return nil
    }

    /// How many candidates a randomized placement has.
    static func candidateCount(size: UInt64, alignment: UInt64, holes: [AddressSpan], rounding: AlignmentRounding = .powerOfTwo) -> UInt64 {
        holes.reduce(0) { $0 &+ startCount(in: $1, size: size, alignment: alignment, rounding: rounding) }
    }

    /// The `k`-th candidate in ascending order (nil when there are not that many).
    static func candidate(_ k: UInt64, size: UInt64, alignment: UInt64, holes: [AddressSpan], rounding: AlignmentRounding = .powerOfTwo) -> AddressSpan? {
        var remaining = k
        for hole in holes {
            let count = startCount(in: hole, size: size, alignment: alignment, rounding: rounding)
            if remaining < count {
                guard let base = start(remaining, in: hole, size: size, alignment: alignment, rounding: rounding) else { return nil }
                return AddressSpan(base, base + size)
            }
            remaining -= count
        }
        return nil
    }
}
