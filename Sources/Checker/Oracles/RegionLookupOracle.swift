import Model

/// Which observed regions lie where, by scanning every region: interval intersection, with no
/// tree, no floor lookup, no order assumed.
enum RegionLookupOracle {
    /// The regions intersecting `span`, ascending by base.
    static func intersecting(_ span: AddressSpan, in regions: [ObservedRegion]) -> [ObservedRegion] {
        inAddressOrder(regions.filter { AddressSpan($0).intersects(span) })
    }

    /// The regions ascending by base (implementations report them so; sorted only if not).
    static func inAddressOrder(_ regions: [ObservedRegion]) -> [ObservedRegion] {
        for i in regions.indices.dropFirst() where regions[i - 1].base > regions[i].base {
            return regions.sorted { $0.base < $1.base }
        }
        return regions
    }

    /// The first region (lowest base) intersecting `span`.
    static func firstIntersecting(_ span: AddressSpan, in regions: [ObservedRegion]) -> ObservedRegion? {
        var found: ObservedRegion?
        for region in regions where AddressSpan(region).intersects(span) {
            if found == nil || region.base < found!.base { found = region }
        }
        return found
    }

    /// The region that starts exactly at `base`.
    static func starting(at base: UInt64, in regions: [ObservedRegion]) -> ObservedRegion? {
        regions.first { $0.base == base }
    }

    /// The region holding `address`.
    static func containing(_ address: UInt64, in regions: [ObservedRegion]) -> ObservedRegion? {
        regions.first { AddressSpan($0).contains(address) }
    }
}
