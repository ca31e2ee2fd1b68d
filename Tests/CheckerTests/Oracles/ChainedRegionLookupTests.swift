@testable import Checker
import Model
import Testing

/// The region lookups by bisection (`chained: true`, for lists the checker knows are ascending
/// and chained) find exactly what the scans find, on random chained lists (empty regions and
/// regions touching included) and many spans.
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
        }
        // Not vacuous: many spans hit a region.
        #expect(found > 1000)
    }
}

/// The holes found again only around a changed window are the holes listed afresh.
struct HolesAroundAWindowTests {
    @Test func theSameAsListedAfresh() throws {
        let total = try VirtualRange(base: 0x10000, size: 0x20000)
        var rng = SplitMix64(seed: 9)
        var changed = 0
        for _ in 0 ..< 300 {
            let before = ChainedRegionLookupTests.randomChained(&rng, in: total)
            // Replace a random run of regions by a fresh chained run over the same addresses.
            let lower = before.isEmpty ? 0 : Int(rng.next() % UInt64(before.count + 1))
            let upper = lower + (before.count == lower ? 0 : Int(rng.next() % UInt64(min(4, before.count - lower) + 1)))
            let from = lower > 0 ? before[lower - 1].end : total.base, to = upper < before.count ? before[upper].base : total.end
            var run: [ObservedRegion] = []
            var address = from
            while address < to, rng.next() % 4 != 0 {
                address += (rng.next() % 2) * 0x1000
                let size = (rng.next() % 3) * 0x1000
                guard address + size <= to else { break }
                run.append(ObservedRegion(base: address, size: size, protection: .read, object: 1, offset: 0))
                address += size
            }
            let after = Array(before[..<lower]) + run + Array(before[upper...])
            let window = ObservationDelta(from: Observation(capabilities: .model, regions: before), to: Observation(capabilities: .model, regions: after)).regions
            let parentHoles = HoleOracle.holes(of: before, in: total)
            let derived = HoleOracle.holes(of: after, in: total, changedIn: window, parentHoles: parentHoles)
            #expect(derived == HoleOracle.holes(of: after, in: total), "window \(window)")
            // A window wider than the diff's (as one taken from the writes may be) gives the same.
            let below = min(window.lower, Int(rng.next() % 3)), above = min(before.count - window.beforeUpper, Int(rng.next() % 3))
            let wider = ChangedWindow(lower: window.lower - below, beforeUpper: window.beforeUpper + above, afterUpper: window.afterUpper + above)
            #expect(HoleOracle.holes(of: after, in: total, changedIn: wider, parentHoles: parentHoles) == HoleOracle.holes(of: after, in: total))
            if !window.isEmpty { changed += 1 }
        }
        #expect(changed > 100)
    }
}

/// Coverage's "the step cuts a region" bisects when the step's checker established the regions
/// before it chained, and answers exactly what its scan answers.
struct CutsARegionBisectionTests {
    @Test func bisectionAnswersWhatTheScanAnswers() throws {
        let universe = Universe.small
        let total = universe.totalRange
        var rng = SplitMix64(seed: 11)
        var cuts = 0, misses = 0
        for _ in 0 ..< 200 {
            var regions = ChainedRegionLookupTests.randomChained(&rng, in: total).filter { $0.size > 0 }
            for i in regions.indices where rng.next() % 2 == 0 { regions[i].protection = .read }
            let state = ObservedState(observation: Observation(capabilities: .model, regions: regions), universe: universe, design: .reference)
            for _ in 0 ..< 20 {
                // Unaligned addresses and sizes too: the range is page-rounded as the kernel rounds it.
                let address = total.base - 0x2000 + rng.next() % 0x14000, size = 1 + rng.next() % 0x5000
                let operation: Operation = rng.next() % 2 == 0
                    ? .munmap(address: address, size: size) : .mprotect(address: address, size: size, protection: .read)
                var t = Transition(before: state, operation: operation, result: .ok(nil), after: state)
                let scanned = NonVacuity.cutsARegion(t)
                t.beforeRegionsChained = true
                #expect(NonVacuity.cutsARegion(t) == scanned, "\(operation) on \(regions)")
                if scanned { cuts += 1 } else { misses += 1 }
            }
        }
        // Not vacuous: both answers are common.
        #expect(cuts > 500 && misses > 500, "cuts \(cuts), misses \(misses)")
    }
}
