import Model

/// `ChangeChecks.isNeeded` for a run of tables asked in ascending order, on one chained list of
/// regions: the first region reaching a table (the regions' last tables ascend) is found by
/// bisection for the first table and then only moves forward with the tables, instead of being
/// bisected again for every table (`no-leak`'s change check asks about every table a changed
/// region lay in). A table below the previous one is bisected for again, so any order is answered
/// as `isNeeded` answers it.
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
        func lastTable(of region: ObservedRegion) -> UInt64 {
            let span = AddressSpan(region)
            return span.isEmpty ? span.lower / P / perTable : (span.upper - 1) / P / perTable
        }
        if let previous, table >= previous {
            while first < regions.count && lastTable(of: regions[first]) < table { first += 1 }
        } else {
            first = regions.partitionIndex { lastTable(of: $0) < table }
        }
        previous = table
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
