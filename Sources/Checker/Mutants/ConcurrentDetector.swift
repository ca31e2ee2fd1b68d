import Foundation
import Model

/// The concurrent explorer as a detector: every interleaving of `threads` threads up to `depth`
/// atomic steps on `universe`, default concurrent alphabet. It judges the concurrent mutants
/// only: the sequential ones are seams of operations it does not split into steps (teardown,
/// injected faults, fixed and randomized mmap) or that its small alphabet does not reach, so its
/// "clean" would say nothing about them, and the sequential detectors kill them all.
public struct ConcurrentDetector: MutantDetector {
    public var universe: Universe
    public var threads: Int
    public var depth: Int

    public init(universe: Universe = .tiny, threads: Int = 2, depth: Int = 30) {
        self.universe = universe
        self.threads = threads
        self.depth = depth
    }

    public var name: String { "explore \(universe.name) --threads \(threads)" }
    public var fileLabel: String { "explore-\(universe.name)-threads-\(threads)" }
    public var budget: String { "explore \(universe.name) with \(threads) threads to depth \(depth) atomic steps, default concurrent alphabet" }

    public func detect(_ subject: MutantSubject, context: DetectorContext) throws(InputError) -> DetectorResult {
        guard subject.isReference || subject.isConcurrent else {
            return DetectorResult(detector: name, verdict: .notApplicable(
                reason: "a sequential mutant: the sequential detectors judge it"), seconds: 0)
        }
        let letters = try ConcurrentAlphabet.letters(universe: universe, settings: ConcurrentAlphabet.defaultSettings,
                                                     pages: min(ConcurrentAlphabet.defaultPages, universe.pages))
        let system = ConcurrentSystem(letters: letters, threads: threads, universe: universe, mutations: subject.mutations)
        let report = ConcurrentExplorer.run(ConcurrentExplorationRequest(
            system: system, properties: ConcurrentProperties(selection: context.properties), depth: depth))
        guard let counterexample = report.counterexample else {
            let verdict: DetectorResult.Verdict = report.inconclusive.map { .inconclusive(reason: $0) } ?? .clean
            return DetectorResult(detector: name, verdict: verdict, seconds: report.seconds)
        }
        let path = context.tracePath(subject, self)
        let concurrentTrace = ConcurrentTrace(system: system, counterexample: counterexample)
        try concurrentTrace.write(to: path)
        var words = ["regioncheck", "explore", "--universe", universe.name, "--threads", "\(threads)", "--depth", "\(depth)"]
        for name in subject.mutations.names { words += ["--mutant", name] }
        let trace = Trace(universe: universe, mutations: subject.mutations,
                          description: "the operations of a concurrent schedule (\(path) has the interleaving)",
                          violates: counterexample.violation.property, steps: concurrentTrace.operations.map { Trace.Step($0) })
        let finding = DetectorFinding(
            violation: counterexample.violation, length: counterexample.atomicSteps, secondsToDetection: report.seconds,
            reproduction: words.joined(separator: " "), tracePath: path,
            steps: counterexample.lines(threads: threads), trace: trace)
        return DetectorResult(detector: name, verdict: .violation(finding), seconds: report.seconds)
    }
}
