import Foundation
import Model
import Synchronization

/// How many random runs, how long, from which seed; where counterexamples go.
public struct RandomOptions: Sendable {
    public var runs: Int
    public var steps: Int
    /// Run 0 uses this seed; run i + 1 uses `RandomCheck.nextSeed(after:)` of run i's.
    public var seed: UInt64
    /// Threads running runs side by side; the result and the counts do not depend on it.
    public var workers: Int
    /// The failure database to replay first and to add counterexamples to.
    public var corpus: Corpus?
    /// Where the shrunk counterexample is written, if anywhere.
    public var traceOut: String?
    /// How the universe and the properties were given on the command line, repeated in the
    /// reproduction line.
    public var universeArgument: String
    public var propertiesArgument: String?
    /// A sharded run: only the runs whose index is congruent to the shard's index, with the seeds
    /// the unsharded run gives them (nil: every run).
    public var shard: Shard?
    /// Stop starting runs after this many seconds: the report is partial and inconclusive.
    public var maxSeconds: Double?
    /// Called between batches of runs, at most every quarter second (for a terminal's progress line).
    public var progress: (@Sendable (RandomProgress) -> Void)?
    /// Steps all shrink candidates together may run (`Shrinker.stepBudget`): a count, so the
    /// shrunk counterexample is the same on any machine.
    public var shrinkStepBudget = Shrinker.defaultStepBudget
    /// Wall-clock seconds the shrink may take (nil: no limit): the safety net behind the step
    /// budget. When it fires the report says so and the smallest counterexample so far is kept.
    public var shrinkSeconds: Double? = RandomOptions.defaultShrinkSeconds
    public static let defaultShrinkSeconds = 120.0
    /// The clock the net reads (tests inject one).
    public var shrinkClock: @Sendable () -> Double = Shrinker.monotonicSeconds

    public init(runs: Int, steps: Int, seed: UInt64, workers: Int = 1, corpus: Corpus? = nil, traceOut: String? = nil,
                universeArgument: String, propertiesArgument: String? = nil) {
        self.runs = runs
        self.steps = steps
        self.seed = seed
        self.workers = workers
        self.corpus = corpus
        self.traceOut = traceOut
        self.universeArgument = universeArgument
        self.propertiesArgument = propertiesArgument
    }
}

/// A counterexample: where it came from, the property, how it shrank, the trace file.
public struct RandomFailure: Sendable {
    public enum Origin: Sendable, Equatable {
        /// Random run `index` (0-based) with seed `seed`, failing after `step` steps.
        case run(index: Int, seed: UInt64, step: Int)
        /// A corpus trace that still fails.
        case corpus(path: String)
    }

    public var origin: Origin
    public var violation: Violation
    /// Lengths before and after shrinking, the candidates kept and the candidates run.
    public var originalLength: Int
    public var shrunkLength: Int
    public var shrinkSteps: Int
    public var shrinkAttempts: Int
    /// False when shrinking stopped at its step budget or its wall-clock net before a fixed point.
    public var shrinkComplete: Bool
    /// Why shrinking ended, and how long it took (wall clock).
    public var shrinkStop: ShrinkStop = .fixedPoint
    public var shrinkSeconds: Double = 0
    /// The shrunk counterexample as concrete operations, `violates` set.
    public var trace: Trace
    /// The command that finds it again.
    public var reproduce: String
    /// Where the trace was written (the --trace-out path and the corpus file).
    public var writtenTo: [String]
    /// What Z3's property file of the violated property says about the last step.
    public var z3Confirmation: String? = nil
}

/// Everything a `random` invocation found and counted.
public struct RandomReport: Sendable {
    public var universe: Universe
    public var design: Design
    public var mutations: Mutations
    public var properties: [String]
    public var checking: Bool
    public var options: RandomOptions
    public var statistics: RandomStatistics
    /// Wall-clock time of the random runs (not of the corpus replay or the shrinking).
    public var seconds: Double
    /// Outputs that could not be written at the end (the counterexample is still reported).
    public var writeWarnings: [String] = []
    public var corpusReplayed = 0
    public var corpusSkipped = 0
    public var failure: RandomFailure?
    /// Z3 could not decide a step (`--z3`): nothing is proved (exit 3).
    public var inconclusive: String?
    /// What the generator drew (the standard mix, or a swarm configuration).
    public var generator: GeneratorConfiguration = .standard
    /// A shard's report, or a merged one (`regioncheck merge`); nil for a whole run.
    public var sharding: RandomSharding? = nil

    public var stepsPerSecond: Double { seconds > 0 ? Double(statistics.steps) / seconds : 0 }
}

/// `regioncheck random`: replay the corpus, then run seeded random runs with every property
/// checked after every step; shrink the first counterexample and write it as a trace.
public enum RandomCheck {
    /// The seed of the run after a run with seed `seed`.
    public static func nextSeed(after seed: UInt64) -> UInt64 {
        SplitMix64.mix(seed &+ 0x9e37_79b9_7f4a_7c15)
    }

    public static func run(_ setup: RandomSetup, _ options: RandomOptions) throws(InputError) -> RandomReport {
        var report = RandomReport(universe: setup.universe, design: setup.design, mutations: setup.mutations,
                                  properties: setup.properties.ids, checking: setup.checking, options: options,
                                  statistics: RandomStatistics(), seconds: 0)
        report.generator = setup.generator
        report.sharding = options.shard.map {
            RandomSharding(shard: $0, shardCount: $0.count, swarm: setup.generator.swarmIndex != nil, run: setup.runParameters(options))
        }
        if let corpus = options.corpus, setup.checking {
            for (path, trace) in try corpus.load() {
                guard trace.universe == setup.universe, trace.design == setup.design, trace.mutations == setup.mutations,
                      trace.serenityFixes == setup.serenityFixes else {
                    report.corpusSkipped += 1
                    continue
                }
                report.corpusReplayed += 1
                if let finding = TraceCheck.firstViolation(of: trace, properties: setup.properties) {
                    var shrunk = trace
                    shrunk.steps = Array(trace.steps.prefix(finding.step))
                    report.failure = RandomFailure(
                        origin: .corpus(path: path), violation: finding.violation, originalLength: trace.steps.count,
                        shrunkLength: shrunk.steps.count, shrinkSteps: 0, shrinkAttempts: 0, shrinkComplete: true, trace: shrunk,
                        reproduce: reproduceCommand(setup, options, seed: options.seed, runs: options.runs, corpus: true),
                        writtenTo: [])
                    return report
                }
            }
        }

        let start = ContinuousClock.now
        let (statistics, failing, undecided) = runAll(setup, options)
        report.seconds = (ContinuousClock.now - start) / .seconds(1)
        report.statistics = statistics
        report.inconclusive = undecided
        guard let (index, seed) = failing else { return report }

        // Run the failing seed again, recording its steps this time, and shrink them.
        let outcome = setup.run(seed: seed, steps: options.steps, recording: true)
        guard let violation = outcome.violation else { preconditionFailure("run \(index) did not fail again: runs must be deterministic") }
        var shrinker = Shrinker(setup: setup, property: violation.property, stepBudget: options.shrinkStepBudget,
                                secondsLimit: options.shrinkSeconds)
        shrinker.clock = options.shrinkClock
        let shrunk = shrinker.shrink(outcome.steps, violation: violation)
        let description = "random run \(index) of seed \(options.seed) (run seed \(seed)) on \(setup.universe.name): "
            + "\(shrunk.violation), shrunk from \(outcome.steps.count) to \(shrunk.steps.count) steps"
            + (shrunk.complete ? "" : " (shrinking stopped at its \(shrunk.stop.name))")
        let trace = setup.trace(of: shrunk.steps, violates: violation.property, description: description)
        // A write that fails now must not lose the counterexample: it is reported with a warning.
        var written: [String] = []
        if let path = options.traceOut {
            do throws(InputError) {
                try trace.write(to: path)
                written.append(path)
            } catch {
                report.writeWarnings.append(error.description)
            }
        }
        if let corpus = options.corpus {
            do throws(InputError) { written.append(try corpus.save(trace)) } catch { report.writeWarnings.append(error.description) }
        }
        report.failure = RandomFailure(
            origin: .run(index: index, seed: seed, step: outcome.steps.count), violation: shrunk.violation,
            originalLength: outcome.steps.count, shrunkLength: shrunk.steps.count, shrinkSteps: shrunk.shrinkSteps,
            shrinkAttempts: shrunk.attempts, shrinkComplete: shrunk.complete, shrinkStop: shrunk.stop,
            shrinkSeconds: shrunk.seconds, trace: trace,
            reproduce: reproduceCommand(setup, options, seed: seed, runs: 1, corpus: false), writtenTo: written,
            z3Confirmation: Z3Confirmation.text(for: shrunk.violation, trace: trace, settings: setup.z3))
        return report
    }

    /// Runs every run (or up to the first that fails) and adds up the statistics of the runs up
    /// to and including that one, in run order, so any number of workers gives the same counts.
    static func runAll(_ setup: RandomSetup, _ options: RandomOptions) -> (RandomStatistics, (index: Int, seed: UInt64)?, String?) {
        var total = RandomStatistics()
        var seed = options.seed
        var next = 0
        let batch = max(1, options.workers) * 4
        let shard = options.shard ?? Shard(index: 0, count: 1)
        let clock = ContinuousClock()
        let start = clock.now
        var lastProgress = start
        while next < options.runs {
            if Interruption.requested {
                return (total, nil, "interrupted by \(Interruption.signalName) after \(next) of \(options.runs) runs")
            }
            let elapsed = (clock.now - start) / .seconds(1)
            if let max = options.maxSeconds, elapsed > max {
                return (total, nil, "time limit: \(formatSeconds(max)) s reached after \(next) of \(options.runs) runs")
            }
            if let progress = options.progress, clock.now - lastProgress > .milliseconds(250) {
                lastProgress = clock.now
                progress(RandomProgress(runs: next, runsBound: options.runs, steps: total.steps, seconds: elapsed))
            }
            // Every run's seed follows from the one before, so a shard walks the whole chain and
            // runs its own indices: the same runs, with the same seeds, as the unsharded run.
            var seeds: [UInt64] = []
            var indices: [Int] = []
            while seeds.count < batch && next < options.runs {
                if shard.owns(next) {
                    seeds.append(seed)
                    indices.append(next)
                }
                seed = nextSeed(after: seed)
                next += 1
            }
            let outcomes = runBatch(setup, seeds: seeds, steps: options.steps, workers: options.workers)
            for (i, outcome) in outcomes.enumerated() {
                total.merge(outcome.statistics)
                if outcome.violation != nil { return (total, (indices[i], seeds[i]), nil) }
                if let reason = outcome.undecided { return (total, nil, "run \(indices[i] + 1) (run seed \(seeds[i])): \(reason)") }
            }
        }
        return (total, nil, nil)
    }

    /// The runs of `seeds`, in order, on up to `workers` threads.
    static func runBatch(_ setup: RandomSetup, seeds: [UInt64], steps: Int, workers: Int) -> [RunOutcome] {
        if workers <= 1 || seeds.count <= 1 {
            return seeds.map { setup.run(seed: $0, steps: steps, recording: false) }
        }
        let results = Mutex<[RunOutcome?]>(Array(repeating: nil, count: seeds.count))
        let claimed = Atomic<Int>(0)
        DispatchQueue.concurrentPerform(iterations: min(workers, seeds.count)) { _ in
            while true {
                let i = claimed.add(1, ordering: .relaxed).oldValue
                guard i < seeds.count else { return }
                let outcome = setup.run(seed: seeds[i], steps: steps, recording: false)
                results.withLock { $0[i] = outcome }
            }
        }
        return results.withLock { $0.map { $0! } }
    }

    /// `regioncheck random ...` with the flags that find the same run again.
    static func reproduceCommand(_ setup: RandomSetup, _ options: RandomOptions, seed: UInt64, runs: Int, corpus: Bool) -> String {
        var words = ["regioncheck", "random", "--universe", shellQuoted(options.universeArgument),
                     "--runs", "\(runs)", "--steps", "\(options.steps)", "--seed", "\(seed)"]
        for name in setup.mutations.names { words += ["--mutant", name] }
        if let properties = options.propertiesArgument { words += ["--properties", shellQuoted(properties)] }
        if setup.design != .reference { words += ["--design", setup.design.rawValue] }
        let fixes = setup.serenityFixes == .all ? ["all"] : setup.serenityFixes.names
        for name in fixes { words += ["--fix", name] }
        if let swarm = setup.generator.swarmIndex { words += ["--swarm-configuration", "\(swarm)"] }
        if corpus, let shard = options.shard { words += ["--shard", "\(shard)"] }
        if corpus, let dir = options.corpus?.directory { words += ["--corpus", shellQuoted(dir)] }
        return words.joined(separator: " ")
    }

    static func shellQuoted(_ word: String) -> String {
        let plain = word.allSatisfy { $0.isLetter || $0.isNumber || "-_./,=+:@".contains($0) }
        return plain && !word.isEmpty ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
