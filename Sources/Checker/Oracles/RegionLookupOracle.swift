import Model

/// Which observed regions lie where, by scanning every region: interval intersection, with no
/// tree, no floor lookup, no order assumed. With `chained` (the checker established that the
/// list is ascending and no region reaches past the next one's base: `ObservationShape`), by
/// bisection instead, which finds exactly what the scan finds: ends then ascend too, so the
/// regions intersecting a span are one run, starting at the first that ends above it. The scans
/// read an observation's list as an array (`ObservedList.elements`), the bisections read it as it is.
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
    static func firstEnding<List: RandomAccessCollection>(above address: UInt64, in regions: List) -> Int
        where List.Element == ObservedRegion, List.Index == Int {
        regions.partitionIndex { AddressSpan($0).upper <= address }
    }

    /// `intersecting`, by bisection when `chained`.
    @inline(__always)
    static func intersecting(_ span: AddressSpan, in regions: [ObservedRegion], chained: Bool) -> [ObservedRegion] {
        chained ? intersecting(span, inChained: regions) : intersecting(span, in: regions)
    }

    /// `firstIntersecting`, by bisection when `chained`.
    @inline(__always)
    static func firstIntersecting(_ span: AddressSpan, in regions: [ObservedRegion], chained: Bool) -> ObservedRegion? {
        chained ? firstIntersecting(span, inChained: regions) : firstIntersecting(span, in: regions)
    }

    /// `starting(at:)`, by bisection when `chained`.
    @inline(__always)
    static func starting(at base: UInt64, in regions: [ObservedRegion], chained: Bool) -> ObservedRegion? {
        chained ? starting(at: base, inChained: regions) : starting(at: base, in: regions)
    }

    /// `containing`, by bisection when `chained`.
    @inline(__always)
    static func containing(_ address: UInt64, in regions: [ObservedRegion], chained: Bool) -> ObservedRegion? {
        chained ? containing(address, inChained: regions) : containing(address, in: regions)
    }

    // An observation's list: as an array while it is flat (its layout tested once, not in the
    // loops); chunked, by bisection of the list, or a scan of its elements joined.

    @inline(__always)
    static func intersecting(_ span: AddressSpan, in regions: ObservedList<ObservedRegion>, chained: Bool) -> [ObservedRegion] {
        regions.read { intersecting(span, in: $0, chained: chained) } chunked: { chunkedIntersecting(span, in: $0, chained: chained) }
    }

    @inline(__always)
    static func firstIntersecting(_ span: AddressSpan, in regions: ObservedList<ObservedRegion>, chained: Bool) -> ObservedRegion? {
        regions.read { firstIntersecting(span, in: $0, chained: chained) } chunked: { chunkedFirstIntersecting(span, in: $0, chained: chained) }
    }

    @inline(__always)
    static func starting(at base: UInt64, in regions: ObservedList<ObservedRegion>, chained: Bool) -> ObservedRegion? {
        regions.read { starting(at: base, in: $0, chained: chained) } chunked: { chunkedStarting(at: base, in: $0, chained: chained) }
    }

    @inline(__always)
    static func containing(_ address: UInt64, in regions: ObservedList<ObservedRegion>, chained: Bool) -> ObservedRegion? {
        regions.read { containing(address, in: $0, chained: chained) } chunked: { chunkedContaining(address, in: $0, chained: chained) }
    }

    /// The first non-nil answer of `body` on the regions intersecting `span`, ascending by base
    /// (`intersecting`), by bisection when `chained`: the regions are visited where they lie
    /// instead of listed (a property walking the regions each piece of a split meets made a list
    /// per piece).
    @inline(__always)
    static func firstAnswer<Answer>(intersecting span: AddressSpan, in regions: ObservedList<ObservedRegion>, chained: Bool,
                                    _ body: (ObservedRegion) -> Answer?) -> Answer? {
        regions.read { array in
            chained ? firstAnswer(intersecting: span, inChained: array, body) : firstAnswer(among: intersecting(span, in: array), body)
        } chunked: { firstAnswer(among: chunkedIntersecting(span, in: $0, chained: chained), body) }
    }

    @inline(__always)
    private static func firstAnswer<Answer>(among found: [ObservedRegion], _ body: (ObservedRegion) -> Answer?) -> Answer? {
        for region in found { if let answer = body(region) { return answer } }
        return nil
    }

    // Out of line, so that the flat path is all a caller inlines.

    @inline(never)
    private static func chunkedIntersecting(_ span: AddressSpan, in regions: ObservedList<ObservedRegion>, chained: Bool) -> [ObservedRegion] {
        chained ? intersecting(span, inChained: regions) : intersecting(span, in: regions.elements)
    }

    @inline(never)
    private static func chunkedFirstIntersecting(_ span: AddressSpan, in regions: ObservedList<ObservedRegion>, chained: Bool) -> ObservedRegion? {
        chained ? firstIntersecting(span, inChained: regions) : firstIntersecting(span, in: regions.elements)
    }

    @inline(never)
    private static func chunkedStarting(at base: UInt64, in regions: ObservedList<ObservedRegion>, chained: Bool) -> ObservedRegion? {
        chained ? starting(at: base, inChained: regions) : starting(at: base, in: regions.elements)
    }

    @inline(never)
    private static func chunkedContaining(_ address: UInt64, in regions: ObservedList<ObservedRegion>, chained: Bool) -> ObservedRegion? {
        chained ? containing(address, inChained: regions) : containing(address, in: regions.elements)
    }

    // The bisections of a chained list.

    /// The one walk of a chained list over `span`: the regions intersecting it, ascending, until
    /// `body` answers (the list and first-region lookups below are this walk).
    @inline(__always)
    private static func firstAnswer<List: RandomAccessCollection, Answer>(intersecting span: AddressSpan, inChained regions: List,
                                                                         _ body: (ObservedRegion) -> Answer?) -> Answer?
        where List.Element == ObservedRegion, List.Index == Int {
        var i = firstEnding(above: span.lower, in: regions)
        while i < regions.count && regions[i].base < span.upper {
            if AddressSpan(regions[i]).intersects(span), let answer = body(regions[i]) { return answer }
            i += 1
        }
        return nil
    }

    @inline(__always)
    private static func intersecting<List: RandomAccessCollection>(_ span: AddressSpan, inChained regions: List) -> [ObservedRegion]
        where List.Element == ObservedRegion, List.Index == Int {
        var found: [ObservedRegion] = []
        let _: Never? = firstAnswer(intersecting: span, inChained: regions) { region in
            found.append(region)
            return nil
        }
        return found
    }

    @inline(__always)
    private static func firstIntersecting<List: RandomAccessCollection>(_ span: AddressSpan, inChained regions: List) -> ObservedRegion?
        where List.Element == ObservedRegion, List.Index == Int {
        firstAnswer(intersecting: span, inChained: regions) { $0 }
    }

    @inline(__always)
    private static func starting<List: RandomAccessCollection>(at base: UInt64, inChained regions: List) -> ObservedRegion?
        where List.Element == ObservedRegion, List.Index == Int {
        let i = regions.partitionIndex { $0.base < base }
        return i < regions.count && regions[i].base == base ? regions[i] : nil
    }

    @inline(__always)
    private static func containing<List: RandomAccessCollection>(_ address: UInt64, inChained regions: List) -> ObservedRegion?
        where List.Element == ObservedRegion, List.Index == Int {
        let i = firstEnding(above: address, in: regions)
        return i < regions.count && AddressSpan(regions[i]).contains(address) ? regions[i] : nil
    }
}
