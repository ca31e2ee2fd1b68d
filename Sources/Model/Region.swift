/// A mapped range of the address space: its pages are pages `offset ..< offset + pageCount`
/// of one VMObject, which parts split from the same region share.
public struct Region: Sendable, Hashable {
    public var range: VirtualRange
    public var protection: Protection
    /// Index of the VMObject in the address space's object store (not stable across states:
    /// canonical encodings renumber it).
    public var object: VMObjectID
    /// First VMObject page this region shows, in pages.
    public var offset: UInt64

    public init(range: VirtualRange, protection: Protection, object: VMObjectID, offset: UInt64) {
        self.range = range
        self.protection = protection
        self.object = object
        self.offset = offset
    }

    /// The VMObject page behind `address` (which must lie in the region).
    public func objectPage(of address: UInt64, pageSize: UInt64) -> UInt64 {
        offset + (address - range.base) / pageSize
    }
}
