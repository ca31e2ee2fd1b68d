import Checker
import Foundation
import Model
import Testing

@Suite struct CoverageTests {
    /// A hand-counted trace: what each property had to judge is known step by step.
    @Test func aTraceCountsWhatEachPropertyJudged() {
        let trace = Trace(universe: .tiny, steps: [
            Trace.Step(.mmap(0x3000, .readWrite)),                                          // first fit, a placement
            Trace.Step(.mmap(0x8000, .readWrite)),                                          // ENOMEM: no hole of 8 pages
            Trace.Step(.munmap(address: 0x11000, size: 0x1000)),                            // cuts [0x10000, 0x13000)
            Trace.Step(.mprotect(address: 0x10000, size: 0x1000, protection: .readWrite)),  // same protection: no split
            Trace.Step(.mprotect(address: 0x12000, size: 0x1000, protection: .none)),       // the whole region: no split
        ])
        let coverage = Replayer.run(trace, source: "memory").coverage
        #expect(coverage.steps == 5)
        #expect(coverage.judged("hole-completeness") == 1)
        #expect(coverage.judged("hole-soundness") == 1)
        #expect(coverage.judged("first-fit") == 1)
        #expect(coverage.judged("split-partition") == 1)
        #expect(coverage.judged("access-agreement") == 0)
        #expect(coverage.judged("no-overlap") == 3, "two regions after the munmap and after each mprotect")
        #expect(coverage.count(.mmapAnywhere, "ok") == 1)
        #expect(coverage.count(.mmapAnywhere, "ENOMEM") == 1)
        #expect(coverage.count(.mprotect) == 2)
        #expect(coverage.neverExercised(PropertyCatalogue.ids).contains("access-agreement"))
        #expect(!coverage.neverExercised(PropertyCatalogue.ids).contains("split-partition"))
    }

    @Test func theExplorersCountsDoNotDependOnTheWorkerCount() throws {
        let one = Explorer.run(try ExplorerFixture.request(depth: 2, workers: 1, chunkSize: 8)).coverage
        let two = Explorer.run(try ExplorerFixture.request(depth: 2, workers: 2, chunkSize: 8)).coverage
        #expect(one == two)
        #expect(one.steps == Explorer.run(try ExplorerFixture.request(depth: 2)).totalGenerated)
    }

    @Test func thePassLineNamesWhatWasNeverExercisedAndJSONCarriesIt() throws {
        var settings = ExplorerFixture.lean
        settings.touch = false
        let report = Explorer.run(try ExplorerFixture.request(settings: settings, depth: 2))
        let text = report.text()
        #expect(text.contains("PASS: all \(PropertyCatalogue.all.count) properties hold"))
        #expect(text.contains("never exercised: ") && text.contains("access-agreement"), "no touch in the alphabet")
        #expect(text.contains("steps judged non-vacuously"))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.jsonText().utf8)) as? [String: Any])
        let coverage = try #require(object["coverage"] as? [String: Any])
        #expect((coverage["neverExercised"] as? [String])?.contains("access-agreement") == true)
        #expect((coverage["properties"] as? [String: Int])?["hole-soundness"] == report.coverage.judged("hole-soundness"))
        #expect(coverage["steps"] as? Int == report.totalGenerated)
    }
}
