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
    @usableFromInline var storage = JournaledArray<PageTableEntry>()

    public init() {}

    @inlinable public var entries: [PageTableEntry] { storage.elements }

    var journalMark: JournalMark { JournalMark(first: storage.journalLength) }
    mutating func beginJournal() { storage.beginJournal() }
    mutating func commitJournal() { storage.commitJournal() }
    mutating func rollBack(to mark: JournalMark) { storage.rollBack(toMark: mark.first) }

    @inlinable public var count: Int { storage.count }

    public func entry(for page: UInt64) -> PageTableEntry? {
        let i = storage.lowerBound { $0.page < page }
        return i < storage.count && storage[i].page == page ? storage[i] : nil
    }

    mutating func set(_ entry: PageTableEntry) {
        let i = storage.lowerBound { $0.page < entry.page }
        if i < storage.count && storage[i].page == entry.page {
            storage[i] = entry
        } else {
            storage.insert(entry, at: i)
        }
    }

    /// Removes every entry for pages in `pages`.
    mutating func remove(pages: Range<UInt64>) {
        let lo = storage.lowerBound { $0.page < pages.lowerBound }
        let hi = storage.lowerBound { $0.page < pages.upperBound }
        if lo < hi { storage.removeSubrange(lo..<hi) }
    }

    /// The entries for pages in `pages`.
    public func entries(in pages: Range<UInt64>) -> ArraySlice<PageTableEntry> {
        let lo = storage.lowerBound { $0.page < pages.lowerBound }
        let hi = storage.lowerBound { $0.page < pages.upperBound }
        return storage[lo..<hi]
    }

    mutating func removeAll() { storage.removeAll(keepingCapacity: true) }
}
