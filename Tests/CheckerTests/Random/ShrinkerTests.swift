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

/// Steps that must meet (a fixed mmap over an earlier region) move down together: the 64-bit
/// universe's coupled addresses shrink in a few candidates per kept one, not a page at a time.
struct ShrinkAddressShiftTests {
    @Test func coupledAddressesMoveDownTogetherOnSerenity() throws {
        // The kill matrix's random detector on this mutant (README "Kill matrix"): before the
        // shift pass this shrink ran 538,944 candidates to the same 3 steps.
        let setup = RandomSetup(universe: .serenity, mutations: Mutations.named("dangling-region-on-map-failure")!)
        let report = try RandomCheck.run(setup, RandomOptions(runs: 20, steps: 60, seed: 1, universeArgument: "serenity"))
        let failure = try #require(report.failure)
        #expect(failure.shrunkLength == 3)
        #expect(failure.shrinkStop == .fixedPoint)
        #expect(failure.shrinkAttempts < 10_000, "\(failure.shrinkAttempts) candidates")
        let base = Universe.serenity.base
        let addresses = failure.trace.steps.compactMap { step -> UInt64? in
            if case let .mmap(_, _, .fixed, address?, _, _) = step.operation { address } else { nil }
        }
        #expect(addresses == [base], "the fixed mmap lands on the region at the range's base: \(addresses)")
    }
}
