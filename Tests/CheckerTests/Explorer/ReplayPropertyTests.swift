import Checker
import Foundation
import Model
import Testing

@Suite struct ReplayPropertyTests {
    @Test func replayChecksPropertiesOnEveryStep() throws {
        // skip-tlb-flush: a written page is unmapped but the TLB still translates it.
        let trace = Trace(universe: .tiny, mutations: .skipTLBFlush, violates: "tlb-coherence", steps: [
            Trace.Step(.mmap(4096, .readWrite)),
            Trace.Step(.touch(address: 0x10000, write: true, value: 7)),
            Trace.Step(.munmap(address: 0x10000, size: 4096)),
        ])
        let report = Replayer.run(trace, source: "memory")
        #expect(report.steps[0].violations.isEmpty)
        #expect(report.steps[2].violations.contains { $0.property == "tlb-coherence" })
        #expect(report.reproduction?.index == 3)
        #expect(!report.clean)
        #expect(report.passed, "no expectations, so none mismatched")
        #expect(report.summary.contains("tlb-coherence reproduced at step 3"))
        #expect(report.summary.hasPrefix("reproduced: "), "a reproduced counterexample is not reported as FAILED")
        #expect(report.namedSummary.hasPrefix("memory: reproduced: "))
    }

    @Test func theSameStepsOnTheReferenceDoNotReproduce() {
        let trace = Trace(universe: .tiny, violates: "tlb-coherence", steps: [
            Trace.Step(.mmap(4096, .readWrite)),
            Trace.Step(.touch(address: 0x10000, write: true, value: 7)),
            Trace.Step(.munmap(address: 0x10000, size: 4096)),
        ])
        let report = Replayer.run(trace, source: "memory")
        #expect(report.reproduction == nil)
        #expect(report.clean)
        #expect(report.summary.contains("tlb-coherence NOT reproduced"))
        #expect(report.summary.hasPrefix("ok: "))
    }

    @Test func theSelectedPropertiesAreTheOnesChecked() throws {
        let trace = Trace(universe: .tiny, mutations: .skipTLBFlush, steps: [
            Trace.Step(.mmap(4096, .readWrite)),
            Trace.Step(.touch(address: 0x10000, write: true, value: 7)),
            Trace.Step(.munmap(address: 0x10000, size: 4096)),
        ])
        let report = Replayer.run(trace, source: "memory", properties: try PropertySet(selection: "no-overlap,in-bounds"))
        #expect(report.clean)
        #expect(report.propertyIDs == ["internal-consistency", "no-overlap", "in-bounds"])
    }
}
