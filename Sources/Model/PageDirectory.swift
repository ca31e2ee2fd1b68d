/// The MMU side of an address space: which page tables exist (from a finite pool) and the PTEs
/// they hold. A PTE can only live in an allocated table.
public struct PageDirectory: Sendable, Hashable {
    public let pagesPerTable: UInt64
    public let tableCapacity: Int
    @usableFromInline var tableStorage = JournaledArray<UInt64>()
    public internal(set) var ptes = TranslationSet()

    public init(pagesPerTable: UInt64, tableCapacity: Int) {
        self.pagesPerTable = pagesPerTable
        self.tableCapacity = tableCapacity
    }

    /// Indices (virtual page / pagesPerTable) of allocated page tables, ascending.
    @inlinable public var tables: [UInt64] { tableStorage.elements }

    var journalMark: JournalMark { JournalMark(first: tableStorage.journalLength, second: ptes.journalMark.first) }

    mutating func beginJournal() {
        tableStorage.beginJournal()
        ptes.beginJournal()
    }

    mutating func commitJournal() {
        tableStorage.commitJournal()
        ptes.commitJournal()
    }

    mutating func rollBack(to mark: JournalMark) {
        tableStorage.rollBack(toMark: mark.first)
        ptes.rollBack(to: JournalMark(first: mark.second))
    }

    public func table(of page: UInt64) -> UInt64 { page / pagesPerTable }

    public func hasTable(_ table: UInt64) -> Bool {
        let i = tableStorage.lowerBound { $0 < table }
        return i < tableStorage.count && tableStorage[i] == table
    }

    /// Allocates `table` if it does not exist yet; ENOMEM when the pool is exhausted.
    mutating func ensureTable(_ table: UInt64, faults: inout FaultInjection) throws(KernelError) {
        let i = tableStorage.lowerBound { $0 < table }
        if i < tableStorage.count && tableStorage[i] == table { return }
        guard tableStorage.count < tableCapacity, !faults.consume(.pageTable) else { throw .ENOMEM }
        tableStorage.insert(table, at: i)
    }

    /// Frees `table`, which must hold no PTE.
    mutating func freeTable(_ table: UInt64) throws(KernelError) {
        let i = tableStorage.lowerBound { $0 < table }
        guard i < tableStorage.count && tableStorage[i] == table else { return }
        guard ptes.entries(in: table * pagesPerTable ..< (table + 1) * pagesPerTable).isEmpty else {
            throw .ENOTRECOVERABLE(BrokenAssumption("freeing page table \(table), which still holds PTEs"))
        }
        tableStorage.remove(at: i)
    }

    /// The allocated tableStorage whose index lies in `range`.
    public func tables(in range: ClosedRange<UInt64>) -> ArraySlice<UInt64> {
        let lo = tableStorage.lowerBound { $0 < range.lowerBound }
        let hi = tableStorage.lowerBound { $0 <= range.upperBound }
        return tableStorage[lo..<hi]
    }

    mutating func removeAll() {
        tableStorage.removeAll(keepingCapacity: true)
        ptes.removeAll()
    }
}
