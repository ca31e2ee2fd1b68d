/// Closed ranges merged into disjoint ascending ones, for membership by bisection.
struct DisjointSpans {
    private(set) var spans: [ClosedRange<UInt64>] = []

    init(_ ranges: [ClosedRange<UInt64>]) {
        for range in ranges.sorted(by: { $0.lowerBound < $1.lowerBound }) {
            if let last = spans.last, last.upperBound == .max || range.lowerBound <= last.upperBound + 1 {
                spans[spans.count - 1] = last.lowerBound ... max(last.upperBound, range.upperBound)
            } else {
                spans.append(range)
            }
        }
    }

    func contains(_ value: UInt64) -> Bool {
        // The last span starting at or below value.
        let past = spans.partitionIndex { $0.lowerBound <= value }
        return past > 0 && spans[past - 1].contains(value)
    }
}
