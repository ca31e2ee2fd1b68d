import Checker
import Foundation
import Model
import Testing

/// `random` and `replay` write the same CI outputs as `explore`, through `CheckOutcome`.
@Suite struct RunOutputTests {
    static func sarifObject(_ json: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test func randomWritesJUnitAndSARIFWithItsCounterexample() throws {
        let setup = RandomSetup(universe: .tiny, mutations: .skipTLBFlush)
        let report = try RandomCheck.run(setup, RandomOptions(runs: 20, steps: 60, seed: 1, universeArgument: "tiny"))
        let failure = try #require(report.failure)
        let outcome = report.checkOutcome
        #expect(outcome.verdict == .violation && outcome.finding?.property == failure.violation.property)
        #expect(outcome.finding?.steps.count == failure.shrunkLength)
        #expect(outcome.finding?.reproduction == failure.reproduce)
        #expect(report.junitText.contains("failures=\"1\"") && report.junitText.contains("type=\"\(failure.violation.property)\""))
        let sarif = try Self.sarifObject(report.sarifText)
        #expect(ReportFormatTests.sarifProblems(sarif) == [])
        #expect(GitHubAnnotations.lines(for: outcome).count == 1)

        let clean = try RandomCheck.run(RandomSetup(universe: .tiny), RandomOptions(runs: 3, steps: 30, seed: 1, universeArgument: "tiny"))
        #expect(clean.checkOutcome.verdict == .pass && clean.junitText.contains("failures=\"0\""))
    }

    @Test func replayWritesOneCasePerTraceAndAResultPerFailingOne() throws {
        let clean = Trace(universe: .tiny, steps: [Trace.Step(.mmap(size: 0x1000, protection: .readWrite, placement: .anywhere,
                                                                    address: nil, alignment: nil, choice: nil))])
        var stale = clean
        stale.mutations = .skipTLBFlush
        stale.steps += [Trace.Step(.touch(address: 0x10000, write: false, value: 0)),
                        Trace.Step(.munmap(address: 0x10000, size: 0x1000))]
        let reports = [Replayer.run(clean, source: "clean.json"), Replayer.run(stale, source: "stale.json")]
        #expect(reports[0].checkOutcome.verdict == .pass)
        #expect(reports[1].checkOutcome.finding?.property == "tlb-coherence")
        #expect(reports[1].checkOutcome.finding?.steps.count == 3)
        let xml = ReplayOutputs.junit(reports).xml
        #expect(xml.contains("tests=\"2\" failures=\"1\""))
        #expect(xml.contains("name=\"stale.json\""))
        let sarif = try Self.sarifObject(ReplayOutputs.sarif(reports).json)
        #expect(ReportFormatTests.sarifProblems(sarif) == [])
        let results = try #require((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])
        #expect(results.count == 1 && results[0]["ruleId"] as? String == "tlb-coherence")
    }
}
