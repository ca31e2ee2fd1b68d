/// A half-open range of virtual addresses `[base, base + size)`, size > 0.
/// Construction checks for wrap-around, so `end` never overflows.
public struct VirtualRange: Sendable, Hashable, Codable, CustomStringConvertible {
    public let base: UInt64
    public let size: UInt64

    /// Fails with EINVAL for an empty range and EOVERFLOW when `base + size` wraps.
    public init(base: UInt64, size: UInt64) throws(KernelError) {
        guard size > 0 else { throw .EINVAL }
        guard base.addingReportingOverflow(size).overflow == false else { throw .EOVERFLOW }
        self.base = base
        self.size = size
    }

    /// For callers that already proved the range is valid (e.g. carving an existing range).
    init(uncheckedBase base: UInt64, size: UInt64) {
        self.base = base
        self.size = size
    }

    public var end: UInt64 { base &+ size }
    public var last: UInt64 { end &- 1 }

    public func contains(_ address: UInt64) -> Bool { address >= base && address < end }
    public func contains(_ other: VirtualRange) -> Bool { other.base >= base && other.end <= end }
    public func intersects(_ other: VirtualRange) -> Bool { other.base < end && base < other.end }

    /// The common part, or nil when the ranges are disjoint.
    public func intersection(_ other: VirtualRange) -> VirtualRange? {
        let lo = max(base, other.base)
        let hi = min(end, other.end)
        return lo < hi ? VirtualRange(uncheckedBase: lo, size: hi - lo) : nil
    }

    /// The 0–2 parts of this range that lie outside `other` (SerenityOS `VirtualRange::carve`).
    public func carve(_ other: VirtualRange) -> (below: VirtualRange?, above: VirtualRange?) {
        let below = other.base > base ? VirtualRange(uncheckedBase: base, size: min(other.base, end) - base) : nil
        let above = other.end < end ? VirtualRange(uncheckedBase: max(other.end, base), size: end - max(other.end, base)) : nil
        return (below, above)
    }

    /// Rounds a byte range out to page boundaries; EINVAL on size 0 or when rounding wraps.
    public static func pageRounded(address: UInt64, size: UInt64, pageSize: UInt64) throws(KernelError) -> VirtualRange {
        guard size > 0 else { throw .EINVAL }
        let base = address & ~(pageSize - 1)
        let (rawEnd, o1) = address.addingReportingOverflow(size)
        guard !o1 else { throw .EINVAL }
        let (end, o2) = rawEnd.roundedUp(to: pageSize)
        guard !o2 else { throw .EINVAL }
        return VirtualRange(uncheckedBase: base, size: end - base)
    }

    public var description: String { "[\(base.hex), \(end.hex))" }
}

extension UInt64 {
    /// `self` rounded up to a power-of-two `alignment`, reporting wrap-around.
    public func roundedUp(to alignment: UInt64) -> (value: UInt64, overflow: Bool) {
        let (sum, o) = addingReportingOverflow(alignment - 1)
        return (sum & ~(alignment - 1), o)
    }

    public func isAligned(to alignment: UInt64) -> Bool { self & (alignment - 1) == 0 }

    public var isPowerOfTwo: Bool { self != 0 && self & (self - 1) == 0 }

    /// "0x10000".
    public var hex: String { "0x" + String(self, radix: 16) }
}
