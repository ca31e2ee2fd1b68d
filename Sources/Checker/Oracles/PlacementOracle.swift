import Model

/// Where the specification lets an mmap go, computed from the holes of the observation before
/// the step (SPEC §2): every aligned start whose `size` bytes lie in one hole is a candidate;
/// `anywhere` takes the lowest, `randomized` the one its choice names, in ascending order.
enum PlacementOracle {
    /// The aligned starts in one hole, as (first start, how many).
    static func starts(in hole: AddressSpan, size: UInt64, alignment: UInt64) -> (first: UInt64, count: UInt64) {
        let (first, wraps) = hole.lower.roundedUp(to: alignment)
        guard !wraps, first < hole.upper, hole.upper - first >= size, size > 0 else { return (0, 0) }
        return (first, (hole.upper - first - size) / alignment + 1)
    }

    /// The lowest aligned range of `size` bytes inside a hole, if any.
    static func lowestFit(size: UInt64, alignment: UInt64, holes: [AddressSpan]) -> AddressSpan? {
        for hole in holes {
            let (first, count) = starts(in: hole, size: size, alignment: alignment)
            if count > 0 { return AddressSpan(first, first + size) }
        }
        return nil
    }

    /// The highest aligned range of `size` bytes inside a hole, if any (top-down placement).
    static func highestFit(size: UInt64, alignment: UInt64, holes: [AddressSpan]) -> AddressSpan? {
        for hole in holes.reversed() {
            let (first, count) = starts(in: hole, size: size, alignment: alignment)
            if count > 0 {
                let base = first + (count - 1) * alignment
                return AddressSpan(base, base + size)
            }
        }
        return nil
    }

    /// How many candidates a randomized placement has.
    static func candidateCount(size: UInt64, alignment: UInt64, holes: [AddressSpan]) -> UInt64 {
        holes.reduce(0) { $0 &+ starts(in: $1, size: size, alignment: alignment).count }
    }

    /// The `k`-th candidate in ascending order (nil when there are not that many).
    static func candidate(_ k: UInt64, size: UInt64, alignment: UInt64, holes: [AddressSpan]) -> AddressSpan? {
        var remaining = k
        for hole in holes {
            let (first, count) = starts(in: hole, size: size, alignment: alignment)
            if remaining < count {
                let base = first + remaining * alignment
                return AddressSpan(base, base + size)
            }
            remaining -= count
        }
        return nil
    }
}
