import Model

/// A half-open byte range `[lower, upper)` as the oracles reason about it: plain arithmetic on
/// two numbers, empty allowed, never trapping, whatever an implementation reported.
struct AddressSpan: Hashable, CustomStringConvertible {
    var lower: UInt64
    var upper: UInt64

    init(_ lower: UInt64, _ upper: UInt64) {
        self.lower = lower
        self.upper = max(lower, upper)
    }

    /// An observed region's range; one that wraps past 2^64 ends there.
    init(_ region: ObservedRegion) {
        let (end, wraps) = region.base.addingReportingOverflow(region.size)
        self.init(region.base, wraps ? .max : end)
    }

    init(_ range: VirtualRange) { self.init(range.base, range.end) }

    var size: UInt64 { upper - lower }
    var isEmpty: Bool { lower == upper }

    func contains(_ address: UInt64) -> Bool { lower <= address && address < upper }
    func contains(_ other: AddressSpan) -> Bool { lower <= other.lower && other.upper <= upper }
    func intersects(_ other: AddressSpan) -> Bool { lower < other.upper && other.lower < upper && !isEmpty && !other.isEmpty }

    /// The common part (empty when disjoint).
    func intersection(_ other: AddressSpan) -> AddressSpan {
        let lo = max(lower, other.lower), hi = min(upper, other.upper)
        return lo < hi ? AddressSpan(lo, hi) : AddressSpan(lo, lo)
    }

    var description: String { "[\(lower.hex), \(upper.hex))" }
}
