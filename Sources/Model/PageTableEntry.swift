/// A translation of one virtual page: in a page table (PTE) or cached in the TLB.
public struct PageTableEntry: Sendable, Hashable, CustomStringConvertible {
    /// Virtual page number: address / pageSize.
    public var page: UInt64
    public var frame: FrameNumber
    public var writable: Bool

    public init(page: UInt64, frame: FrameNumber, writable: Bool) {
        self.page = page
        self.frame = frame
        self.writable = writable
    }

    public var description: String { "vpn \(page.hex) → frame \(frame)\(writable ? " w" : "")" }
}

/// A sparse set of translations sorted by virtual page: the PTEs of the page tables, or the TLB.
public struct TranslationSet: Sendable, Hashable {
    public private(set) var entries: [PageTableEntry] = []

    public init() {}

    public var count: Int { entries.count }

    public func entry(for page: UInt64) -> PageTableEntry? {
        let i = entries.lowerBound { $0.page < page }
        return i < entries.count && entries[i].page == page ? entries[i] : nil
    }

    mutating func set(_ entry: PageTableEntry) {
        let i = entries.lowerBound { $0.page < entry.page }
        if i < entries.count && entries[i].page == entry.page {
            entries[i] = entry
        } else {
            entries.insert(entry, at: i)
        }
    }

    /// Removes every entry for pages in `pages`.
    mutating func remove(pages: Range<UInt64>) {
        let lo = entries.lowerBound { $0.page < pages.lowerBound }
        let hi = entries.lowerBound { $0.page < pages.upperBound }
        if lo < hi { entries.removeSubrange(lo..<hi) }
    }

    /// The entries for pages in `pages`.
    public func entries(in pages: Range<UInt64>) -> ArraySlice<PageTableEntry> {
        let lo = entries.lowerBound { $0.page < pages.lowerBound }
        let hi = entries.lowerBound { $0.page < pages.upperBound }
        return entries[lo..<hi]
    }

    mutating func removeAll() { entries.removeAll(keepingCapacity: true) }
}
