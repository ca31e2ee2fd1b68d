import Model

/// Which resources an observed state needs (SPEC §2): a VMObject exactly while regions refer
/// to it, as many references as referring regions, each frame of a live object's populated
/// pages and no other, each page table some accessible region's pages lie in.
enum ResourceOracle {
    /// The first resource held without being needed (or needed but not held), explained.
    static func firstLeak(in observation: Observation, universe: Universe) -> String? {
        // Sorted arrays and binary search rather than sets and dictionaries: this runs on every
        // new state the explorer finds, and the answers (and their order) are the same.
        let objects = observation.objects.elements
        var ids = objects.map(\.id)
        if !ids.isSortedAscending { ids.sort() }
        var referencing = [Int64](repeating: 0, count: ids.count)
        for region in observation.regions.elements {
            let i = ids.firstIndex(notBelow: region.object)
            guard i < ids.count, ids[i] == region.object else {
                return "region \(AddressSpan(region)) refers to a destroyed VMObject (a dangling region)"
            }
            referencing[i] += 1
        }
        var owned: [UInt64] = []
        for object in objects {
            let refs = referencing[ids.firstIndex(notBelow: object.id)]
            if refs == 0 { return "a VMObject of \(object.pageCount) pages is alive but no region refers to it" }
            if object.referenceCount != refs {
                return "a VMObject's reference count is \(object.referenceCount) but \(refs) regions refer to it"
            }
            for page in object.populated { owned.append(page.frame) }
        }
        owned.sort()
        for i in owned.indices.dropFirst() where owned[i] == owned[i - 1] {
            return "frame \(owned[i]) backs \(owned.count { $0 == owned[i] }) VMObject pages"
        }
        var inUse = observation.framesInUse.map(\.frame)
        if !inUse.isSortedAscending { inUse.sort() }
        if let free = owned.first(where: { !inUse.containsSorted($0) }) { return "frame \(free) backs a VMObject page but is free in the pool" }
        if let stray = inUse.first(where: { !owned.containsSorted($0) }) {
            return "frame \(stray) is in use but no live VMObject owns it"
        }
        if let table = firstUnneededTable(in: observation, universe: universe) {
            return "page table \(table) (pages \((table * universe.pagesPerTable * universe.pageSize).hex)…) is allocated but no accessible region needs it"
        }
        return nil
    }

    /// The first allocated table no accessible region lies in. A few regions (the explorer's) are
    /// asked directly, with nothing to allocate on every new state; many (a long trace), through
    /// their merged spans, so a table is found by bisection, not against every region.
    static func firstUnneededTable(in observation: Observation, universe: Universe) -> UInt64? {
        let regions = observation.regions.elements
        if regions.count < RegionIndex.scanLimit {
            return observation.pageTables.first { table in
                !regions.contains { $0.protection.isAccessible && TranslationOracle.tables(of: $0, universe: universe)?.contains(table) == true }
            }
        }
        let needed = neededTables(of: regions, universe: universe)
        return observation.pageTables.first { !needed.contains($0) }
    }

    /// The tables accessible regions lie in, merged into disjoint ascending spans: a table is
    /// looked up by bisection, not against every region (the tables and the regions both grow
    /// with a long trace).
    static func neededTables(of regions: [ObservedRegion], universe: Universe) -> DisjointSpans {
        DisjointSpans(regions.filter { $0.protection.isAccessible }.compactMap { TranslationOracle.tables(of: $0, universe: universe) })
    }
}
