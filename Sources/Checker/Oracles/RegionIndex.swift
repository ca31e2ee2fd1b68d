/// The observed regions sorted by base, with the highest end of every prefix, so that the
/// regions intersecting a span are found by bisection instead of a scan of all of them: what a
/// property that asks once per region needs to stay linear in the number of regions. Regions
/// that overlap (which `no-overlap` reports) are still all found: the prefix maximum reaches
/// back to a long region that started early.
struct RegionIndex {
    /// Ascending by base, as `RegionLookupOracle.inAddressOrder` orders them.
    let sorted: [ObservedRegion]
    /// `reach[i]`: the highest end among `sorted[0 ... i]`.
    private let reach: [UInt64]

    init(_ regions: [ObservedRegion]) {
        sorted = RegionLookupOracle.inAddressOrder(regions)
        var highest: UInt64 = 0
        reach = sorted.map { region in
            highest = max(highest, AddressSpan(region).upper)
            return highest
        }
    }

    /// The regions intersecting `span`, ascending by base (the same answer as
    /// `RegionLookupOracle.intersecting`).
    func intersecting(_ span: AddressSpan) -> [ObservedRegion] {
        guard !span.isEmpty else { return [] }
        // The first region whose prefix reaches past span.lower: none before it can intersect.
        var low = 0, high = sorted.count
        while low < high {
            let middle = (low + high) / 2
            if reach[middle] > span.lower { high = middle } else { low = middle + 1 }
        }
        var found: [ObservedRegion] = []
        var i = low
        while i < sorted.count, sorted[i].base < span.upper {
            if AddressSpan(sorted[i]).intersects(span) { found.append(sorted[i]) }
            i += 1
        }
        return found
    }
}
