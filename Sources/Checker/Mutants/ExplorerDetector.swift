import Foundation
import Model

/// The exhaustive explorer as a detector: every sequence up to `depth` branches on `universe`
/// over an alphabet (the kill matrix passes the standard one unless told otherwise). Its
/// counterexample is a shortest one.
public struct ExplorerDetector: MutantDetector {
    public var universe: Universe
    public var depth: Int
    public var settings: AlphabetSettings
    public var limits: ExplorationLimits

    public init(universe: Universe, depth: Int, settings: AlphabetSettings = .classic,
                limits: ExplorationLimits = ExplorationLimits(maxMemoryBytes: 8192 * 1_048_576)) {
        self.universe = universe
        self.depth = depth
        self.settings = settings
        self.limits = limits
    }

    public var name: String { "explore \(universe.name)" }
    public var fileLabel: String { "explore-\(universe.name)" }
    public var budget: String {
        "explore \(universe.name) to depth \(depth), \(AlphabetSettings.name(of: settings).map { "\($0) alphabet" } ?? "alphabet \(settings.summary)")"
    }

    public func detect(_ subject: MutantSubject, context: DetectorContext) throws(InputError) -> DetectorResult {
        if let notApplicable = subject.sequentialNotApplicable(name) { return notApplicable }
        let alphabet = try Alphabet(universe: universe, settings: settings, source: name)
        let request = ExplorationRequest(alphabet: alphabet, mutations: subject.mutations, properties: context.properties,
                                         depth: depth, workers: context.workers, limits: limits)
        let report = Explorer.run(request)
        switch report.outcome {
        case .pass:
            return DetectorResult(detector: name, verdict: .clean, seconds: report.seconds)
        case .inconclusive(let reason):
            return DetectorResult(detector: name, verdict: .inconclusive(reason: reason), seconds: report.seconds)
        case .violation(let counterexample):
            let path = context.tracePath(subject, self)
            try counterexample.trace.write(to: path)
            let finding = DetectorFinding(
                violation: counterexample.violation, length: counterexample.trace.steps.count,
                secondsToDetection: report.seconds, reproduction: reproduction(subject, context),
                tracePath: path, steps: counterexample.replay.stepLines,
                trace: counterexample.trace)
            return DetectorResult(detector: name, verdict: .violation(finding), seconds: report.seconds)
        }
    }

    /// `regioncheck explore` with the flags that explore the same space (so it finds the same
    /// shortest counterexample).
    func reproduction(_ subject: MutantSubject, _ context: DetectorContext) -> String {
        var words = ["regioncheck", "explore", "--universe", universe.name, "--depth", "\(depth)"]
        for name in subject.mutations.names { words += ["--mutant", name] }
        if context.properties.ids != PropertyCatalogue.ids { words += ["--properties", context.properties.ids.joined(separator: ",")] }
        switch AlphabetSettings.name(of: settings) {
        case "standard"?: break
        case let name?: words += ["--alphabet", name]
        case nil: words.append("(alphabet: \(settings.summary))")
        }
        return words.joined(separator: " ")
    }
}
