import Model

/// The page tables, PTEs and TLB entries the specification requires of an observed layout
/// (SPEC §1–2): every page of an accessible region lies in an allocated table; a page has a
/// PTE exactly when its region is accessible and its object page is populated, pointing at
/// that frame and writable exactly when the region is; a TLB entry equals the PTE.
enum TranslationOracle {
    /// The tables covering `region` (its first and last page's table).
    static func tables(of region: ObservedRegion, universe: Universe) -> ClosedRange<UInt64>? {
        let span = AddressSpan(region)
        guard !span.isEmpty else { return nil }
        let perTable = universe.pagesPerTable, P = universe.pageSize
        return (span.lower / P / perTable) ... ((span.upper - 1) / P / perTable)
    }

    /// The PTEs the observation's regions and objects call for, sorted by page.
    static func expectedEntries(of observation: Observation, pageSize P: UInt64) -> [ObservedTranslation] {
        var objects: [UInt64: ObservedObject] = [:]
        for object in observation.objects { objects[object.id] = object }
        var expected: [ObservedTranslation] = []
        for region in observation.regions where region.protection.isAccessible {
            guard let object = objects[region.object] else { continue }
            let pages = region.size / P
            for populated in object.populated where populated.page >= region.offset && populated.page - region.offset < pages {
                expected.append(ObservedTranslation(page: region.base / P + (populated.page - region.offset), frame: populated.frame,
                                                    writable: region.protection.contains(.write)))
            }
        }
        return expected.sorted { $0.page < $1.page }
    }

    /// The entry for `page` among translations sorted by page.
    static func entry(for page: UInt64, in sorted: [ObservedTranslation]) -> ObservedTranslation? {
        var lo = 0, hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid].page < page { lo = mid + 1 } else { hi = mid }
        }
        return lo < sorted.count && sorted[lo].page == page ? sorted[lo] : nil
    }
}
