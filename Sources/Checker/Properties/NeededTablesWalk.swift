import Model

/// Whether some accessible region of one chained list lies in a table, for tables asked in
/// ascending order: the first region reaching a table (the regions' last tables ascend) is found by
/// bisection for the first table and then only moves forward with the tables, instead of being
/// bisected again for every table (`no-leak`'s change check asks about every table a changed
/// region lay in). A table below the previous one is bisected for again, so any order is answered.
/// `ChangeChecks.isNeeded` asks one table (`isNeeded(_:by:universe:)`), with the same bisection and scan.
struct NeededTablesWalk<List: RandomAccessCollection> where List.Element == ObservedRegion, List.Index == Int {
    private let regions: List
    private let pagesPerTable: UInt64
    private let pageSize: UInt64
    /// The first region whose last table is not below `previous`.
    private var first = 0
    private var previous: UInt64?

    init(_ regions: List, universe: Universe) {
        self.regions = regions
        pagesPerTable = universe.pagesPerTable
        pageSize = universe.pageSize
    }

    /// Whether some accessible region lies in `table`.
    mutating func isNeeded(_ table: UInt64) -> Bool {
        let perTable = pagesPerTable, P = pageSize
        if let previous, table >= previous {
            while first < regions.count && Self.lastTable(of: regions[first], perTable, P) < table { first += 1 }
        } else {
            first = Self.firstReaching(table, in: regions, perTable, P)
        }
        previous = table
        return Self.someAccessible(in: table, from: first, of: regions, perTable, P)
    }

    /// One table's question without a walk (nothing to keep for the next): one bisection.
    @inline(__always)
    static func isNeeded(_ table: UInt64, by regions: List, universe: Universe) -> Bool {
        let perTable = universe.pagesPerTable, P = universe.pageSize
        return someAccessible(in: table, from: firstReaching(table, in: regions, perTable, P), of: regions, perTable, P)
    }

    @inline(__always)
    private static func lastTable(of region: ObservedRegion, _ perTable: UInt64, _ P: UInt64) -> UInt64 {
        let span = AddressSpan(region)
        return span.isEmpty ? span.lower / P / perTable : (span.upper - 1) / P / perTable
    }

    /// The first region whose last table is not below `table` (chained: the last tables ascend).
    @inline(__always)
    private static func firstReaching(_ table: UInt64, in regions: List, _ perTable: UInt64, _ P: UInt64) -> Int {
        regions.partitionIndex { lastTable(of: $0, perTable, P) < table }
    }

    /// Whether an accessible region from `first` on, up to the first starting past `table`, lies in it.
    @inline(__always)
    private static func someAccessible(in table: UInt64, from first: Int, of regions: List, _ perTable: UInt64, _ P: UInt64) -> Bool {
        var i = first
        while i < regions.count, regions[i].base / P / perTable <= table {
            let region = regions[i]
            if let tables = TranslationOracle.tables(of: region, pagesPerTable: perTable, pageSize: P), tables.contains(table),
               region.protection.isAccessible { return true }
            i += 1
        }
        return false
    }
}
