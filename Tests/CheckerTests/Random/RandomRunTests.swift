import Checker
import Model
import Testing

/// Random runs on the reference find nothing, and a seed always means the same run.
struct RandomRunTests {
    @Test(arguments: ["tiny", "small"])
    func referenceIsCleanOnSmallUniverses(name: String) throws {
        let setup = RandomSetup(universe: Universe.preset(named: name)!)
        let report = try RandomCheck.run(setup, RandomOptions(runs: 15, steps: 200, seed: 11, universeArgument: name))
        #expect(report.failure == nil, "\(report.failure.map { "\($0.violation) in \($0.trace.steps.map(\.operation))" } ?? "")")
        #expect(report.statistics.steps == 3000)
        // The runs did exercise the model: successes and every kind of step, and several errnos.
        // exec is drawn with weight 0 for now (StepGenerator.kindWeights).
        for kind in AbstractStep.Kind.allCases where kind != .exec { #expect(report.statistics.count(kind) > 0, "no \(kind.name) step") }
        #expect(report.statistics.count(.exec) == 0)
        #expect(report.statistics.count(.mmap, "ok") > 0 && report.statistics.count(.munmap, "ok") > 0)
        for errno in [KernelError.EINVAL, .ENOMEM, .EEXIST, .EFAULT] {
            #expect(report.statistics.count(error: errno) > 0, "no step returned \(errno)")
        }
        #expect(report.statistics.maxRegions >= 3)
    }

    @Test func referenceIsCleanOnSerenity() throws {
        let setup = RandomSetup(universe: .serenity)
        let report = try RandomCheck.run(setup, RandomOptions(runs: 4, steps: 500, seed: 5, universeArgument: "serenity"))
        #expect(report.failure == nil, "\(report.failure.map { "\($0.violation) in \($0.trace.steps.map(\.operation))" } ?? "")")
        #expect(report.statistics.steps == 2000)
        #expect(report.statistics.count(.mmap, "ok") > 100)
        #expect(report.statistics.maxRegions >= 10, "the runs should build up a real address space")
    }

    @Test func theSameSeedGivesTheSameRun() {
        let setup = RandomSetup(universe: .small)
        let a = setup.run(seed: 77, steps: 300)
        let b = setup.run(seed: 77, steps: 300)
        let c = setup.run(seed: 78, steps: 300)
        #expect(a.steps == b.steps)
        #expect(a.statistics == b.statistics)
        #expect(a.steps != c.steps)
        // Recording or not does not change what runs.
        #expect(setup.run(seed: 77, steps: 300, recording: false).statistics == a.statistics)
        // The concrete operations a run resolves to are the same too.
        #expect(setup.trace(of: a.steps, violates: nil, description: nil) == setup.trace(of: b.steps, violates: nil, description: nil))
    }

    @Test func workersDoNotChangeTheResultOrTheCounts() throws {
        let mutant = Mutations.named("mprotect-early-return")!
        let setup = RandomSetup(universe: .tiny, mutations: mutant)
        let one = try RandomCheck.run(setup, RandomOptions(runs: 60, steps: 40, seed: 3, workers: 1, universeArgument: "tiny"))
        let two = try RandomCheck.run(setup, RandomOptions(runs: 60, steps: 40, seed: 3, workers: 2, universeArgument: "tiny"))
        #expect(one.statistics == two.statistics)
        #expect(one.failure?.origin == two.failure?.origin)
        #expect(one.failure?.trace == two.failure?.trace)
        let clean = RandomSetup(universe: .tiny)
        let cleanOne = try RandomCheck.run(clean, RandomOptions(runs: 12, steps: 50, seed: 4, workers: 1, universeArgument: "tiny"))
        let cleanThree = try RandomCheck.run(clean, RandomOptions(runs: 12, steps: 50, seed: 4, workers: 3, universeArgument: "tiny"))
        #expect(cleanOne.statistics == cleanThree.statistics)
    }

    @Test func withoutCheckingNothingIsReported() throws {
        let setup = RandomSetup(universe: .tiny, mutations: Mutations.named("tail-window-untrimmed")!, checking: false)
        let report = try RandomCheck.run(setup, RandomOptions(runs: 5, steps: 100, seed: 1, universeArgument: "tiny"))
        #expect(report.failure == nil)
        #expect(report.statistics.steps == 500)
    }

    @Test func theSerenityDesignRunsAndItsCounterexampleReplays() throws {
        let setup = RandomSetup(universe: .small, design: .serenity)
        let report = try RandomCheck.run(setup, RandomOptions(runs: 50, steps: 100, seed: 1, universeArgument: "small"))
        let failure = try #require(report.failure, "HEAD's known violations should show up on small")
        #expect(failure.trace.design == .serenity)
        #expect(failure.reproduce.contains("--design serenity"))
        #expect(TraceCheck.firstViolation(of: failure.trace)?.violation.property == failure.violation.property)
    }
}
