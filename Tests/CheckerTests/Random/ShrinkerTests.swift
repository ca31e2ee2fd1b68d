@testable import Checker
import Model
import Testing

/// The shrinker keeps the property, ends at a local minimum, and respects its budget.
struct ShrinkerTests {
    @Test func shrunkRunsAreLocalMinima() throws {
        // The shrinker's result violates the same property, and no single deletion of it does.
        let setup = RandomSetup(universe: .tiny, mutations: Mutations.named("split-offset-ignores-source")!)
        let report = try RandomCheck.run(setup, RandomOptions(runs: 200, steps: 60, seed: 8, universeArgument: "tiny"))
        let failure = try #require(report.failure)
        guard case let .run(_, seed, _) = failure.origin else { Issue.record("not found by a run"); return }
        let outcome = setup.run(seed: seed, steps: 60)
        let violation = try #require(outcome.violation)
        let shrunk = Shrinker(setup: setup, property: violation.property).shrink(outcome.steps, violation: violation)
        #expect(shrunk.violation.property == violation.property)
        #expect(setup.replay(shrunk.steps).violation?.property == violation.property)
        #expect(shrunk.steps.count <= outcome.steps.count && shrunk.shrinkSteps > 0)
        for i in shrunk.steps.indices {
            var candidate = shrunk.steps
            candidate.remove(at: i)
            #expect(setup.replay(candidate).violation?.property != violation.property, "deleting step \(i + 1) still fails")
        }
    }

    @Test func aSpentBudgetStopsShrinkingWithAValidCounterexample() throws {
        let setup = RandomSetup(universe: .tiny, mutations: Mutations.named("mprotect-early-return")!)
        var seed: UInt64 = 1
        var outcome = setup.run(seed: seed, steps: 60)
        while outcome.violation == nil {
            seed = RandomCheck.nextSeed(after: seed)
            outcome = setup.run(seed: seed, steps: 60)
        }
        let violation = try #require(outcome.violation)
        let full = Shrinker(setup: setup, property: violation.property).shrink(outcome.steps, violation: violation)
        let cut = Shrinker(setup: setup, property: violation.property, stepBudget: outcome.steps.count * 3)
            .shrink(outcome.steps, violation: violation)
        #expect(full.complete)
        #expect(!cut.complete)
        #expect(cut.attempts < full.attempts)
        #expect(setup.replay(cut.steps).violation?.property == violation.property, "what the budget leaves still fails")
    }
}
