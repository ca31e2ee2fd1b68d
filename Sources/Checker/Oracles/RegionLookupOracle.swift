import Model

/// Which observed regions lie where, by scanning every region: interval intersection, with no
/// tree, no floor lookup, no order assumed. With `chained` (the checker established that the
/// list is ascending and no region reaches past the next one's base: `ObservationShape`), by
/// bisection instead, which finds exactly what the scan finds: ends then ascend too, so the
/// regions intersecting a span are one run, starting at the first that ends above it.
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

    /// The position of the first region of a chained list that ends above `address`.
    static func firstEnding(above address: UInt64, in regions: [ObservedRegion]) -> Int {
        regions.partitionIndex { AddressSpan($0).upper <= address }
    }

    /// `intersecting`, by bisection when `chained`.
    @inline(__always)
    static func intersecting(_ span: AddressSpan, in regions: [ObservedRegion], chained: Bool) -> [ObservedRegion] {
        guard chained else { return intersecting(span, in: regions) }
        var found: [ObservedRegion] = []
        var i = firstEnding(above: span.lower, in: regions)
        while i < regions.count && regions[i].base < span.upper {
            if AddressSpan(regions[i]).intersects(span) { found.append(regions[i]) }
            i += 1
        }
        return found
    }

    /// `firstIntersecting`, by bisection when `chained`.
    @inline(__always)
    static func firstIntersecting(_ span: AddressSpan, in regions: [ObservedRegion], chained: Bool) -> ObservedRegion? {
        guard chained else { return firstIntersecting(span, in: regions) }
        var i = firstEnding(above: span.lower, in: regions)
        while i < regions.count && regions[i].base < span.upper {
            if AddressSpan(regions[i]).intersects(span) { return regions[i] }
            i += 1
        }
        return nil
    }

    /// `starting(at:)`, by bisection when `chained`.
    @inline(__always)
    static func starting(at base: UInt64, in regions: [ObservedRegion], chained: Bool) -> ObservedRegion? {
        guard chained else { return starting(at: base, in: regions) }
        let i = regions.partitionIndex { $0.base < base }
        return i < regions.count && regions[i].base == base ? regions[i] : nil
    }

    /// `containing`, by bisection when `chained`.
    @inline(__always)
    static func containing(_ address: UInt64, in regions: [ObservedRegion], chained: Bool) -> ObservedRegion? {
        guard chained else { return containing(address, in: regions) }
        let i = firstEnding(above: address, in: regions)
        return i < regions.count && AddressSpan(regions[i]).contains(address) ? regions[i] : nil
    }
}
