import Model

/// The page tables, PTEs and TLB entries the specification requires of an observed layout
/// (SPEC §1–2): every page of an accessible region lies in an allocated table; a page has a
/// PTE exactly when its region is readable (R or W) and its object page is populated, pointing at
/// that frame and writable exactly when the region is; a TLB entry equals the PTE.
enum TranslationOracle {
    /// The tables covering `region` (its first and last page's table).
    static func tables(of region: ObservedRegion, universe: Universe) -> ClosedRange<UInt64>? {
        tables(of: region, pagesPerTable: universe.pagesPerTable, pageSize: universe.pageSize)
    }

    /// The same, given the universe's table and page sizes.
    @inline(__always)
    static func tables(of region: ObservedRegion, pagesPerTable perTable: UInt64, pageSize P: UInt64) -> ClosedRange<UInt64>? {
        let span = AddressSpan(region)
        guard !span.isEmpty else { return nil }
        return (span.lower / P / perTable) ... ((span.upper - 1) / P / perTable)
    }

    /// The first table of `span` missing from `tables` (ascending, distinct), or nil. Counting,
    /// not walking: a region of the 64-bit universe can span a hundred thousand tables. The
    /// tables present in the span are a contiguous slice; if it is shorter than the span, the
    /// first gap is where a slice element stops equalling span.lower + its position.
    static func firstMissingTable(in span: ClosedRange<UInt64>, of tables: [UInt64]) -> UInt64? {
        let start = tables.firstIndex(notBelow: span.lowerBound)
        let end = span.upperBound == .max ? tables.count : tables.firstIndex(notBelow: span.upperBound + 1)
        if UInt64(end - start) == span.upperBound - span.lowerBound + 1 { return nil }
        let gap = (start ..< end).partitionIndex { tables[$0] == span.lowerBound + UInt64($0 - start) }
        return span.lowerBound + UInt64(gap - start)
    }

    /// The PTEs the observation's regions and objects call for, sorted by page.
    static func expectedEntries(of observation: Observation, pageSize P: UInt64) -> [ObservedTranslation] {
        // Objects found by binary search over their ids (a stable sort, and the last of equal
        // ids, as a dictionary filled in order keeps; ids are unique in any sane observation).
        let objects = observation.objects.elements
        var order = Array(objects.indices)
        if !objects.map(\.id).isSortedAscending { order.sort { (objects[$0].id, $0) < (objects[$1].id, $1) } }
        func object(_ id: UInt64) -> ObservedObject? {
            let past = order.partitionIndex { objects[$0].id <= id }
            return past > 0 && objects[order[past - 1]].id == id ? objects[order[past - 1]] : nil
        }
        var expected: [ObservedTranslation] = []
        for region in observation.regions.elements where hasPresentEntries(region.protection) {
            guard let object = object(region.object) else { continue }
            let pages = region.size / P
            for populated in object.populated where populated.page >= region.offset && populated.page - region.offset < pages {
                expected.append(ObservedTranslation(page: region.base / P + (populated.page - region.offset), frame: populated.frame,
                                                    writable: region.protection.contains(.write)))
            }
        }
        return expected.isSortedByPage ? expected : expected.sorted { $0.page < $1.page }
    }

    /// A page gets a present PTE only when a read of it is allowed (R or W, SPEC §2 `touch`): an
    /// execute-only page has none, so a read of it faults.
    static func hasPresentEntries(_ protection: Protection) -> Bool {
        protection.contains(.read) || protection.contains(.write)
    }

    /// The entry for `page` among translations sorted by page.
    static func entry(for page: UInt64, in sorted: [ObservedTranslation]) -> ObservedTranslation? {
        let i = sorted.partitionIndex { $0.page < page }
        return i < sorted.count && sorted[i].page == page ? sorted[i] : nil
    }
}

extension Array where Element == ObservedTranslation {
    var isSortedByPage: Bool {
        for i in indices.dropFirst() where self[i - 1].page > self[i].page { return false }
        return true
    }
}
