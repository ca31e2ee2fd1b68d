import Checker
import Foundation
import Model
import Testing

/// Every legacy bug is found by random runs on `tiny`, shrunk to a counterexample no longer than
/// the shortest one brute force finds for the same property, and written as a trace that replays
/// to the same violation.
struct MutantShrinkTests {
    @Test(arguments: Mutations.catalogue.map(\.name))
    func mutantIsFoundAndShrunkToTheShortest(name: String) throws {
        let mutations = Mutations.named(name)!
        let setup = RandomSetup(universe: .tiny, mutations: mutations)
        let report = try RandomCheck.run(setup, RandomOptions(runs: 300, steps: 60, seed: 1, universeArgument: "tiny"))
        let failure = try #require(report.failure, "random runs missed \(name)")
        guard case let .run(_, runSeed, step) = failure.origin else { Issue.record("not found by a run"); return }
        #expect(failure.shrunkLength <= step)
        #expect(failure.trace.steps.count == failure.shrunkLength)
        #expect(failure.trace.violates == failure.violation.property)

        // No shorter sequence over the brute-force alphabet violates the same property.
        let property = failure.violation.property
        if failure.shrunkLength > 1 {
            let shorter = ShortestByBruteForce.shortest(universe: .tiny, mutations: mutations, maxDepth: failure.shrunkLength - 1, property: property)
            let found = shorter.map { "\($0.operations)" } ?? ""
            #expect(shorter == nil, "\(name): shrunk to \(failure.shrunkLength) steps \(failure.trace.steps.map(\.operation)), but \(found) violates \(property)")
        }

        // The trace violates the same property at its last step, and each step's recorded result
        // is what replay sees.
        let finding = try #require(TraceCheck.firstViolation(of: failure.trace))
        #expect(finding.violation.property == property)
        #expect(finding.step == failure.trace.steps.count)
        #expect(Replayer.run(failure.trace, source: name).passed)
        // Through the JSON file too.
        let reread = try Trace.parse(Data(failure.trace.jsonText().utf8), source: "\(name).json")
        #expect(reread == failure.trace)

        // The reproduction line's seed finds and shrinks the same counterexample again.
        #expect(failure.reproduce.contains("--seed \(runSeed)") && failure.reproduce.contains("--mutant \(name)"))
        let again = try RandomCheck.run(setup, RandomOptions(runs: 1, steps: 60, seed: runSeed, universeArgument: "tiny"))
        #expect(again.failure?.trace.steps == failure.trace.steps)
        #expect(again.failure?.violation == failure.violation)
    }
}
