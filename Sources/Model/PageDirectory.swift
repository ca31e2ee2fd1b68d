/// The MMU side of an address space: which page tables exist (from a finite pool) and the PTEs
/// they hold. A PTE can only live in an allocated table.
public struct PageDirectory: Sendable, Hashable {
    public let pagesPerTable: UInt64
    public let tableCapacity: Int
    /// Indices (virtual page / pagesPerTable) of allocated page tables, ascending.
    public private(set) var tables: [UInt64] = []
    public internal(set) var ptes = TranslationSet()

    public init(pagesPerTable: UInt64, tableCapacity: Int) {
        self.pagesPerTable = pagesPerTable
        self.tableCapacity = tableCapacity
    }

    public func table(of page: UInt64) -> UInt64 { page / pagesPerTable }

    public func hasTable(_ table: UInt64) -> Bool {
        let i = tables.lowerBound { $0 < table }
        return i < tables.count && tables[i] == table
    }

    /// Allocates `table` if it does not exist yet; ENOMEM when the pool is exhausted.
    mutating func ensureTable(_ table: UInt64, faults: inout FaultInjection) throws(KernelError) {
        let i = tables.lowerBound { $0 < table }
        if i < tables.count && tables[i] == table { return }
        guard tables.count < tableCapacity, !faults.consume(.pageTable) else { throw .ENOMEM }
        tables.insert(table, at: i)
    }

    /// Frees `table`, which must hold no PTE.
    mutating func freeTable(_ table: UInt64) throws(KernelError) {
        let i = tables.lowerBound { $0 < table }
        guard i < tables.count && tables[i] == table else { return }
        guard ptes.entries(in: table * pagesPerTable ..< (table + 1) * pagesPerTable).isEmpty else {
            throw .ENOTRECOVERABLE(BrokenAssumption("freeing page table \(table), which still holds PTEs"))
        }
        tables.remove(at: i)
    }

    /// The allocated tables whose index lies in `range`.
    public func tables(in range: ClosedRange<UInt64>) -> ArraySlice<UInt64> {
        let lo = tables.lowerBound { $0 < range.lowerBound }
        let hi = tables.lowerBound { $0 <= range.upperBound }
        return tables[lo..<hi]
    }

    mutating func removeAll() {
        tables.removeAll(keepingCapacity: true)
        ptes.removeAll()
    }
}
