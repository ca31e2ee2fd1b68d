/// Bisection over sorted lists (page, table and frame numbers, regions, translations, objects),
/// for the oracles that must not allocate a set per state: one search, many keys.
extension RandomAccessCollection where Index == Int {
    /// The first index whose element is not `isBelow`: the elements are partitioned, every one
    /// that is below coming first, so binary search applies.
    func partitionIndex(where isBelow: (Element) -> Bool) -> Int {
        var lo = startIndex, hi = endIndex
        while lo < hi {
            let mid = lo + (hi - lo) / 2
            if isBelow(self[mid]) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}

extension Array where Element == UInt64 {
    /// Ascending (duplicates allowed), so binary search applies.
    var isSortedAscending: Bool {
        for i in indices.dropFirst() where self[i - 1] > self[i] { return false }
        return true
    }

    /// The first index whose element is not below `value` (the array is sorted ascending).
    func firstIndex(notBelow value: UInt64) -> Int {
        partitionIndex { $0 < value }
    }

    /// Membership in a sorted array.
    func containsSorted(_ value: UInt64) -> Bool {
        let i = firstIndex(notBelow: value)
        return i < count && self[i] == value
    }
}

extension Array where Element: Comparable {
    /// The elements ascending, each once.
    func sortedWithoutDuplicates() -> [Element] {
        var unique: [Element] = []
        for element in sorted() where unique.last != element { unique.append(element) }
        return unique
    }
}
