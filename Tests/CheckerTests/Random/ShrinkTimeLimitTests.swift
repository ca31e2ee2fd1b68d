import Checker
import Foundation
import Model
import Synchronization
import Testing

/// The wall-clock net behind the shrinker's step budget: when it fires (forced here by a zero
/// limit or an injected clock, never by timing) the report says so, and the smallest
/// counterexample so far is still reported and written, violating the same property.
@Suite struct ShrinkTimeLimitTests {
    /// The first failing run of `mutant` on `tiny` (seeds from 1), recorded.
    static func failingRun(_ setup: RandomSetup) -> RunOutcome {
        var seed: UInt64 = 1
        var outcome = setup.run(seed: seed, steps: 60)
        while outcome.violation == nil {
            seed = RandomCheck.nextSeed(after: seed)
            outcome = setup.run(seed: seed, steps: 60)
        }
        return outcome
    }

    @Test func aZeroSecondNetKeepsTheRunAsFoundAndSaysSo() throws {
        let setup = RandomSetup(universe: .tiny, mutations: Mutations.named("mprotect-early-return")!)
        let outcome = Self.failingRun(setup)
        let violation = try #require(outcome.violation)
        let shrunk = Shrinker(setup: setup, property: violation.property, secondsLimit: 0).shrink(outcome.steps, violation: violation)
        #expect(shrunk.stop == .timeLimit(seconds: 0))
        #expect(!shrunk.complete)
        #expect(shrunk.attempts == 0 && shrunk.shrinkSteps == 0)
        #expect(shrunk.steps == outcome.steps)
        #expect(setup.replay(shrunk.steps).violation?.property == violation.property)
    }

    @Test func anInjectedClockStopsTheShrinkPartWayWithASmallerCounterexample() throws {
        let setup = RandomSetup(universe: .tiny, mutations: Mutations.named("mprotect-early-return")!)
        let outcome = Self.failingRun(setup)
        let violation = try #require(outcome.violation)
        let full = Shrinker(setup: setup, property: violation.property).shrink(outcome.steps, violation: violation)
        // One second per reading: the net fires at the same candidate on any machine.
        let ticks = Atomic<Int>(0)
        var shrinker = Shrinker(setup: setup, property: violation.property, secondsLimit: 12)
        shrinker.clock = { Double(ticks.add(1, ordering: .relaxed).oldValue) }
        let cut = shrinker.shrink(outcome.steps, violation: violation)
        #expect(full.stop == .fixedPoint)
        #expect(cut.stop == .timeLimit(seconds: 12))
        #expect(cut.attempts == 11, "one reading starts the shrink, one before each candidate")
        #expect(cut.attempts < full.attempts)
        #expect(cut.steps.count <= outcome.steps.count && cut.steps.count >= full.steps.count)
        #expect(setup.replay(cut.steps).violation?.property == violation.property)
    }

    @Test func theReportSaysTheNetFiredAndStillWritesTheTrace() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("shrink-net-\(getpid()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let setup = RandomSetup(universe: .tiny, mutations: Mutations.named("mprotect-early-return")!)
        var options = RandomOptions(runs: 300, steps: 60, seed: 1, traceOut: path, universeArgument: "tiny")
        options.shrinkSeconds = 0
        let report = try RandomCheck.run(setup, options)
        let failure = try #require(report.failure, "a violation is still reported (exit 1)")
        #expect(failure.shrinkStop == .timeLimit(seconds: 0) && !failure.shrinkComplete)
        #expect(failure.shrunkLength == failure.originalLength)
        #expect(report.text.contains("STOPPED BY THE WALL-CLOCK NET after 0.00 s (--shrink-seconds)"))
        #expect(report.json.contains("\"shrinkStop\": \"time-limit\""))
        #expect(report.json.contains("\"shrinkSecondsLimit\": 0.0"))
        #expect(failure.writtenTo == [path])
        let written = try Trace.load(path: path)
        #expect(written == failure.trace)
        #expect(TraceCheck.firstViolation(of: written)?.violation.property == failure.violation.property)
    }

    @Test func withoutTheNetTheReportNamesTheFixedPoint() throws {
        let setup = RandomSetup(universe: .tiny, mutations: Mutations.named("mprotect-early-return")!)
        let report = try RandomCheck.run(setup, RandomOptions(runs: 300, steps: 60, seed: 1, universeArgument: "tiny"))
        let failure = try #require(report.failure)
        #expect(failure.shrinkStop == .fixedPoint && failure.shrinkComplete)
        #expect(report.json.contains("\"shrinkStop\": \"fixed-point\""))
        #expect(!report.text.contains("WALL-CLOCK NET"))
    }
}
