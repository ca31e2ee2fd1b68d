@testable import Checker
import Model
import Testing

/// Prove's counterexamples use the fewest regions the question needs, and become traces that
/// replay to a violation.
@Suite struct ProveCounterexampleSizeTests {
    @Test(arguments: [("specific-check-keyed-on-base", ProveObligation.fixedNoReplace, 1), ("split-offset-ignores-source", .split, 1),
                      ("tail-window-untrimmed", .anywhere, 0)])
    func counterexampleHasTheFewestRegions(_ mutant: String, _ obligation: ProveObligation, _ fewest: Int) throws {
        let mutations = try #require(Mutations.named(mutant))
        let report = try ProveRun.run(regions: 6, mutations: mutations, obligations: [obligation], timeout: 60)
        guard case let .counterexample(c) = report.results[0].verdict else { Issue.record("\(report.results[0].verdict)"); return }
        #expect(c.regions.count == fewest, "\(c.lines)")
        let replayed = c.replayed(obligation: obligation, mutations: mutations, source: "<test>")
        #expect(!replayed.replay.violatingSteps.isEmpty, "the trace does not replay to a violation: \(replayed.replay.stepLines)")
        #expect(replayed.trace.violates == replayed.violation.property)
        #expect(replayed.trace.steps.count <= 2 * fewest + 1)
    }
}
