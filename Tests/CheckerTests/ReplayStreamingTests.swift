@testable import Checker
import Model
import Testing

/// `replay` is linear in the trace: each step is handed on as it runs and nothing of the state
/// stays behind in a streamed replay (the structural side of the measured table in the README;
/// no wall-clock time is asserted). Plus the example trace of a masked alignment.
@Suite struct ReplayStreamingTests {
    /// `scripts/long-trace.py`'s shape: fills of 1…16 pages back to back, then their frees.
    static func fillsThenFrees(_ fills: Int) -> Trace {
        let P: UInt64 = 4096
        var steps: [Trace.Step] = [], ranges: [(UInt64, UInt64)] = []
        var address: UInt64 = 0x10000
        for i in 0 ..< fills {
            let size = UInt64(i % 16 + 1) * P
            steps.append(Trace.Step(.mmap(size, .readWrite), expected: .okValue(address)))
            ranges.append((address, size))
            address += size
        }
        for (base, size) in ranges { steps.append(Trace.Step(.munmap(address: base, size: size), expected: .ok)) }
        return Trace(universe: .serenity, design: .serenity, serenityFixes: .all, steps: steps)
    }

    @Test func aStreamedReplayHandsEachStepOnAndKeepsNoState() {
        let trace = Self.fillsThenFrees(60)
        var seen: [Int] = []
        var drawn = 0
        let report = Replayer.run(trace, source: "memory", pictures: .streamed) { outcome in
            seen.append(outcome.index)
            if !outcome.picture.isEmpty && outcome.observation != nil { drawn += 1 }
        }
        #expect(seen == Array(1 ... trace.steps.count), "every step once, in order, as it ran")
        #expect(drawn == trace.steps.count, "each step's picture is drawn for the stream")
        #expect(report.statesKept == 0)
        #expect(report.steps.allSatisfy { $0.identities == ObjectIdentities() })
        #expect(report.clean && report.expectationsChecked == trace.steps.count, "\(report.summary)")
    }

    @Test func withoutPicturesNothingIsDrawn() {
        let trace = Self.fillsThenFrees(20)
        var drawn = 0
        let report = Replayer.run(trace, source: "memory", pictures: .none) { if !$0.picture.isEmpty || $0.observation != nil { drawn += 1 } }
        #expect(drawn == 0 && report.statesKept == 0 && report.clean)
    }

    /// Only a report that shows the steps afterwards (HTML) keeps them.
    @Test func keptPicturesAreKeptPerStep() {
        let trace = Self.fillsThenFrees(10)
        let report = Replayer.run(trace, source: "memory", pictures: .kept)
        #expect(report.statesKept == trace.steps.count)
    }

    /// The indexed intersection lookup answers as the scan does, overlapping regions included.
    @Test func regionIndexAgreesWithTheScan() {
        func region(_ base: UInt64, _ pages: UInt64) -> ObservedRegion {
            ObservedRegion(base: base, size: pages * 0x1000, protection: .readWrite, object: base, offset: 0)
        }
        let layouts: [[ObservedRegion]] = [
            [], [region(0x10000, 1)], [region(0x10000, 2), region(0x13000, 1), region(0x16000, 4)],
            [region(0x10000, 8), region(0x12000, 1), region(0x19000, 1)],  // overlapping: a long region first
            [region(0x16000, 1), region(0x10000, 3)],                      // reported out of order
        ]
        for regions in layouts {
            let index = RegionIndex(regions)
            for lower in stride(from: UInt64(0xf000), through: 0x1b000, by: 0x1000) {
                for pages in [0, 1, 2, 5] as [UInt64] {
                    let span = AddressSpan(lower, lower + pages * 0x1000)
                    #expect(index.intersecting(span) == RegionLookupOracle.intersecting(span, in: regions), "\(span) in \(regions)")
                }
            }
        }
    }

    /// The merged table spans no-leak looks tables up in answer as a scan of every span does.
    @Test func disjointSpansAgreeWithTheScan() {
        let sets: [[ClosedRange<UInt64>]] = [[], [3 ... 3], [5 ... 9, 0 ... 2, 3 ... 4, 12 ... 12, 7 ... 8], [10 ... UInt64.max, 2 ... 11], [4 ... 6, 1 ... 1]]
        for ranges in sets {
            let merged = DisjointSpans(ranges)
            for value in [0, 1, 2, 3, 4, 5, 6, 7, 9, 10, 11, 12, 13, UInt64.max] as [UInt64] {
                #expect(merged.contains(value) == ranges.contains { $0.contains(value) }, "\(value) in \(ranges)")
            }
            #expect(zip(merged.spans, merged.spans.dropFirst()).allSatisfy { $0.upperBound < $1.lowerBound }, "disjoint, ascending")
        }
    }

    @Test func theMaskedAlignmentExampleReplaysClean() throws {
        let trace = try ExecTraceTests.load("Examples/traces/masked-alignment-serenity.json")
        let report = Replayer.run(trace, source: "masked-alignment-serenity.json")
        #expect(report.clean && report.expectationsChecked == 4, "\(report.text)")
    }
}
