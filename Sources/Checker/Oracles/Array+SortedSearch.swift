/// Bisection over sorted page, table and frame numbers, for the oracles that must not allocate a
/// set per state.
extension Array where Element == UInt64 {
    /// Ascending (duplicates allowed), so binary search applies.
    var isSortedAscending: Bool {
        for i in indices.dropFirst() where self[i - 1] > self[i] { return false }
        return true
    }

    /// The first index whose element is not below `value` (the array is sorted ascending).
    func firstIndex(notBelow value: UInt64) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if self[mid] < value { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    /// Membership in a sorted array.
    func containsSorted(_ value: UInt64) -> Bool {
        let i = firstIndex(notBelow: value)
        return i < count && self[i] == value
    }
}
