@testable import Checker
import Model
import Testing

/// The region lookups by bisection (`chained: true`, for lists the checker knows are ascending
/// and chained) find exactly what the scans find, and the hole walk finds the holes the listing
/// finds, on random chained lists (empty regions and regions touching included) and every span.
struct ChainedRegionLookupTests {
    static func randomChained(_ rng: inout SplitMix64, in total: VirtualRange) -> [ObservedRegion] {
        var regions: [ObservedRegion] = []
        var address = total.base
        while true {
            address += (rng.next() % 3) * 0x1000
            let size = (rng.next() % 4) * 0x1000
            guard address + size <= total.end else { break }
            regions.append(ObservedRegion(base: address, size: size, protection: .readWrite, object: rng.next() % 8, offset: 0))
            address += size
        }
        return regions
    }

    @Test func bisectionFindsWhatTheScanFinds() throws {
        let total = try VirtualRange(base: 0x10000, size: 0x20000)
        var rng = SplitMix64(seed: 5)
        var found = 0
        for _ in 0 ..< 200 {
            let regions = Self.randomChained(&rng, in: total)
            #expect(ObservationShape.chained(regions, 0 ..< regions.count))
            for _ in 0 ..< 20 {
                let lower = total.base - 0x2000 + (rng.next() % 0x24) * 0x1000, size = (rng.next() % 6) * 0x1000
                let span = AddressSpan(lower, lower + size)
                #expect(RegionLookupOracle.intersecting(span, in: regions, chained: true) == RegionLookupOracle.intersecting(span, in: regions))
                #expect(RegionLookupOracle.firstIntersecting(span, in: regions, chained: true) == RegionLookupOracle.firstIntersecting(span, in: regions))
                #expect(RegionLookupOracle.starting(at: lower, in: regions, chained: true) == RegionLookupOracle.starting(at: lower, in: regions))
                #expect(RegionLookupOracle.containing(lower, in: regions, chained: true) == RegionLookupOracle.containing(lower, in: regions))
                if RegionLookupOracle.firstIntersecting(span, in: regions) != nil { found += 1 }
            }
            let holes = HoleOracle.holes(of: regions, in: total)
            var walked: [AddressSpan] = []
            _ = HoleOracle.firstHole(of: regions, in: total, chained: true) { walked.append($0); return false }
            #expect(walked == holes)
            if let wanted = holes.last {
                #expect(HoleOracle.firstHole(of: regions, in: total, chained: true) { $0 == wanted } == wanted)
            }
        }
        // Not vacuous: many spans hit a region.
        #expect(found > 1000)
    }
}
