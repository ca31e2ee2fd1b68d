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

    /// The first hole for which `isWanted` holds, walking the holes in address order without
    /// listing them; with `chained`, without the order check (`RegionLookupOracle`).
    static func firstHole(of regions: [ObservedRegion], in total: VirtualRange, chained: Bool,
                          where isWanted: (AddressSpan) -> Bool) -> AddressSpan? {
        guard chained else { return holes(of: regions, in: total).first(where: isWanted) }
        var free = total.base
        for region in regions {
            let span = AddressSpan(region)
            if span.lower > free {
                let hole = AddressSpan(free, min(span.lower, total.end))
                if !hole.isEmpty && isWanted(hole) { return hole }
            }
            free = max(free, span.upper)
            if free >= total.end { return nil }
        }
        let last = AddressSpan(free, total.end)
        return free < total.end && isWanted(last) ? last : nil
    }

    /// Whether nothing observed intersects `span`.
    static func isFree(_ span: AddressSpan, among regions: [ObservedRegion]) -> Bool {
        RegionLookupOracle.intersecting(span, in: regions).isEmpty
    }
}
