import Foundation
import Model

/// Seeded random runs as a detector: `runs` runs of up to `steps` steps from `seed` on
/// `universe`, the first counterexample shrunk.
public struct RandomDetector: MutantDetector {
    public var universe: Universe
    public var runs: Int
    public var steps: Int
    public var seed: UInt64
    /// The wall-clock net of the shrink, behind its step budget (nil: none).
    public var shrinkSeconds: Double?

    public init(universe: Universe, runs: Int, steps: Int, seed: UInt64, shrinkSeconds: Double? = RandomDetector.defaultShrinkSeconds) {
        self.universe = universe
        self.runs = runs
        self.steps = steps
        self.seed = seed
        self.shrinkSeconds = shrinkSeconds
    }

    public var name: String { "random \(universe.name)" }
    public var fileLabel: String { "random-\(universe.name)" }
    public var budget: String { "random \(universe.name), \(runs) runs × \(steps) steps from seed \(seed)" }

    /// The matrix shrinks each mutant's counterexample with a smaller step budget than `random`
    /// (deterministic: a count of steps run, not a clock), so no shrink holds the matrix up: a
    /// shrink that stops at it still reports the shortest run found so far and says so.
    public static let shrinkStepBudget = 200_000
    /// Far above what any mutant's shrink takes (under 5 s in a debug build, README "Kill
    /// matrix"), so it fires only on a machine far slower than expected, and then says so.
    public static let defaultShrinkSeconds = 30.0

    public func detect(_ subject: MutantSubject, context: DetectorContext) throws(InputError) -> DetectorResult {
        if let notApplicable = subject.sequentialNotApplicable(name) { return notApplicable }
        let start = ContinuousClock.now
        let path = context.tracePath(subject, self)
        let setup = RandomSetup(universe: universe, mutations: subject.mutations, properties: context.properties)
        let all = context.properties.ids == PropertyCatalogue.ids
        var options = RandomOptions(runs: runs, steps: steps, seed: seed, workers: context.workers, traceOut: path,
                                    universeArgument: universe.name,
                                    propertiesArgument: all ? nil : context.properties.ids.joined(separator: ","))
        options.shrinkStepBudget = Self.shrinkStepBudget
        options.shrinkSeconds = shrinkSeconds
        let report = try RandomCheck.run(setup, options)
        let total = seconds(ContinuousClock.now - start)
        guard let failure = report.failure else {
            return DetectorResult(detector: name, verdict: .clean, seconds: total)
        }
        let replay = Replayer.run(failure.trace, source: path, properties: context.properties)
        var finding = DetectorFinding(
            violation: failure.violation, length: failure.shrunkLength, originalLength: failure.originalLength,
            secondsToDetection: report.seconds, reproduction: failure.reproduce, tracePath: path,
            steps: replay.stepLines, trace: failure.trace)
        finding.shrink = ShrinkSummary(candidates: failure.shrinkAttempts, kept: failure.shrinkSteps,
                                       seconds: failure.shrinkSeconds, stop: failure.shrinkStop)
        return DetectorResult(detector: name, verdict: .violation(finding), seconds: total)
    }
}
