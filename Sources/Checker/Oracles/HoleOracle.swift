import Model

/// The holes of an observation: the maximal free spans of the total range, found by walking
/// the observed regions in address order. The specification's one notion of "free".
enum HoleOracle {
    static func holes(of regions: [ObservedRegion], in total: VirtualRange) -> [AddressSpan] {
        var holes: [AddressSpan] = []
        var free = total.base  // everything below is used or outside
        // Empty spans are never listed (appended only when not empty: no second array per call).
        for region in RegionLookupOracle.inAddressOrder(regions) {
            let span = AddressSpan(region)
            if span.lower > free {
                let hole = AddressSpan(free, min(span.lower, total.end))
                if !hole.isEmpty { holes.append(hole) }
            }
            free = max(free, span.upper)
            if free >= total.end { break }
        }
        if free < total.end { holes.append(AddressSpan(free, total.end)) }
        return holes
    }

    /// The holes of a chained list `regions` that differs from the chained list whose holes are
    /// `parentHoles` only in `window` (`ObservationDelta`): the parent's holes below the window's
    /// lower neighbour and above its upper one are kept, the ones between are walked again. The
    /// same list `holes(of:in:)` makes, found in time proportional to the window and the holes.
    static func holes<List: RandomAccessCollection>(of regions: List, in total: VirtualRange, changedIn window: ChangedWindow,
                                                    parentHoles: [AddressSpan]) -> [AddressSpan]
        where List.Element == ObservedRegion, List.Index == Int {
        // No window: the parent's regions, element for element, so the parent's holes.
        if window.isEmpty { return parentHoles }
        // Chained regions' ends ascend, so the walk's free address after region i is its end.
        var free = window.lower > 0 ? max(total.base, AddressSpan(regions[window.lower - 1]).upper) : total.base
        let kept = parentHoles.partitionIndex { $0.lower < free }
        let last = min(window.afterUpper, regions.count - 1)
        // Room for every hole the list can end with (the kept ones, one per region walked, the
        // last one, the parent's tail), so that it is allocated once: it grew two or three times.
        var holes: [AddressSpan] = []
        holes.reserveCapacity(parentHoles.count + max(0, last - window.lower + 1) + 1)
        holes += parentHoles[..<kept]
        if window.lower <= last {
            for region in regions[window.lower ... last] {
                let span = AddressSpan(region)
                if span.lower > free {
                    let hole = AddressSpan(free, min(span.lower, total.end))
                    if !hole.isEmpty { holes.append(hole) }
                }
                free = max(free, span.upper)
                if free >= total.end { return holes }
            }
        }
        if window.afterUpper >= regions.count {
            if free < total.end { holes.append(AddressSpan(free, total.end)) }
            return holes
        }
        // The walk from here on is the parent's.
        holes += parentHoles[parentHoles.partitionIndex { $0.lower < free }...]
        return holes
    }

    /// Whether nothing observed intersects `span`.
    static func isFree(_ span: AddressSpan, among regions: [ObservedRegion]) -> Bool {
        RegionLookupOracle.intersecting(span, in: regions).isEmpty
    }
}
