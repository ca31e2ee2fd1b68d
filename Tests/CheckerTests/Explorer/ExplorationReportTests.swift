import Checker
import Foundation
import Model
import Testing

@Suite struct ExplorationReportTests {
    @Test func aViolationReportShowsNumberedStepsPicturesAndTheExplanation() throws {
        let report = Explorer.run(try ExplorerFixture.request(mutations: .skipTLBFlush, depth: 3))
        let counterexample = try #require(report.counterexample)
        let text = report.text(tracePath: "ce.json")
        #expect(text.contains("VIOLATION of \(counterexample.violation.property) at depth \(counterexample.depth)"))
        #expect(text.contains(counterexample.violation.explanation))
        let summary = try #require(PropertyCatalogue.property(id: counterexample.violation.property)?.summary)
        #expect(text.contains(summary))
        for i in 1 ... counterexample.trace.steps.count { #expect(text.contains("\n\(i). ")) }
        #expect(text.contains("|"), "the address-space picture follows each step")
        #expect(text.contains("regioncheck replay ce.json"))
        #expect(text.hasSuffix("s"))
    }

    @Test func theJSONReportCarriesTheLevelsAndTheOutcome() throws {
        let report = Explorer.run(try ExplorerFixture.request(mutations: .skipTLBFlush, depth: 3))
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.jsonText(tracePath: "ce.json").utf8)) as? [String: Any])
        #expect(object["outcome"] as? String == "violation")
        #expect(object["exitCode"] as? Int == 1)
        let levels = try #require(object["levels"] as? [[String: Any]])
        #expect(levels.count == report.levels.count)
        #expect(levels.first?["generated"] as? Int == report.levels.first?.generated)
        let counterexample = try #require(object["counterexample"] as? [String: Any])
        #expect(counterexample["trace"] as? String == "ce.json")
        #expect((counterexample["steps"] as? [Any])?.count == report.counterexample?.trace.steps.count)
    }

    @Test func aPassReportSaysSo() throws {
        let report = Explorer.run(try ExplorerFixture.request(depth: 1))
        #expect(report.text().contains("PASS: all \(PropertyCatalogue.all.count) properties hold on every transition up to depth 1"))
        #expect(report.levels.first?.bytesPerState ?? 0 > 0)
    }

    @Test func theCIFormatsCarryTheViolation() throws {
        let report = Explorer.run(try ExplorerFixture.request(mutations: .skipTLBFlush, depth: 3))
        let property = try #require(report.counterexample?.violation.property)
        let outcome = report.checkOutcome(tracePath: "ce.json")
        #expect(outcome.exitStatus == 1)
        #expect(outcome.finding?.property == property)
        #expect(outcome.finding?.reproduction == "regioncheck replay ce.json")
        #expect(report.junitText(tracePath: "ce.json").contains("failures=\"1\""))
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(report.sarifText(tracePath: "ce.json").utf8)) as? [String: Any])
        let results = try #require(((sarif["runs"] as? [[String: Any]])?.first?["results"]) as? [[String: Any]])
        #expect(results.first?["ruleId"] as? String == property)
    }
}
