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
        // A few regions are scanned from the start: no prefix array to allocate on every step.
        guard sorted.count >= RegionIndex.scanLimit else {
            reach = []
            return
        }
        var highest: UInt64 = 0
        reach = sorted.map { region in
            highest = max(highest, AddressSpan(region).upper)
            return highest
        }
    }

    /// Below this many regions a lookup scans instead of bisecting.
    static let scanLimit = 16

    /// The positions in `sorted` that may intersect `span` (the caller tests each): found
    /// without allocating, for the explorer's hot loop.
    func candidates(_ span: AddressSpan) -> Range<Int> {
        guard !span.isEmpty else { return 0 ..< 0 }
        let low = reach.partitionIndex { $0 <= span.lower }
        let end = (low ..< sorted.count).partitionIndex { sorted[$0].base < span.upper }
        return low ..< max(low, end)
    }

    /// The regions intersecting `span`, ascending by base (the same answer as
    /// `RegionLookupOracle.intersecting`).
    func intersecting(_ span: AddressSpan) -> [ObservedRegion] {
        guard !span.isEmpty else { return [] }
        var found: [ObservedRegion] = []
        for i in candidates(span) where AddressSpan(sorted[i]).intersects(span) { found.append(sorted[i]) }
        return found
    }
}
