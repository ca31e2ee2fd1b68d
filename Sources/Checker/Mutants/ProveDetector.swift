import Foundation
import Model

/// `prove` as a detector: Z3 over every layout of up to `regions` regions of the 64-bit
/// `serenity` range. A counterexample kills the mutant; it is turned into a trace (the layout,
/// then the request) and replayed, so the violated catalogue property and a replayable file come
/// with it. A mutant whose algorithm prove does not encode is "not applicable", never clean.
public struct ProveDetector: MutantDetector {
    public var regions: Int
    /// Per obligation, in seconds; reaching it is inconclusive.
    public var timeout: Double

    public init(regions: Int = ProveRun.defaultRegions, timeout: Double = ProveRun.defaultTimeout) {
        self.regions = regions
        self.timeout = timeout
    }

    public var name: String { "prove" }
    public var fileLabel: String { "prove" }
    public var budget: String { "prove, every layout of up to \(regions) regions of serenity, \(Int(timeout)) s per obligation" }

    public func detect(_ subject: MutantSubject, context: DetectorContext) throws(InputError) -> DetectorResult {
        if let notApplicable = subject.sequentialNotApplicable(name) { return notApplicable }
        let start = ContinuousClock.now
        let unsupported = subject.mutations.intersection(.notEncodedByProve)
        guard unsupported.isEmpty else {
            return DetectorResult(detector: name, verdict: .notApplicable(reason: "prove does not encode \(unsupported)"), seconds: 0)
        }
        let report = try ProveRun.run(regions: regions, mutations: subject.mutations, timeout: timeout)
        let total = report.seconds
        for result in report.results {
            guard case .counterexample(let counterexample) = result.verdict else { continue }
            let finding = try finding(counterexample, of: result.obligation, subject, context, seconds: seconds(ContinuousClock.now - start))
            return DetectorResult(detector: name, verdict: .violation(finding), seconds: total)
        }
        let unknown = report.results.compactMap { r -> String? in
            switch r.verdict {
            case let .unknown(reason): "\(r.obligation.rawValue): \(reason)"
            case let .mismatch(m): "\(r.obligation.rawValue): the encoding no longer matches the code at the \(m.origin)"
            default: nil
            }
        }
        if !unknown.isEmpty { return DetectorResult(detector: name, verdict: .inconclusive(reason: unknown.joined(separator: "; ")), seconds: total) }
        return DetectorResult(detector: name, verdict: .clean, seconds: total)
    }

    /// The replayed trace's first violation when the layout can be built and the properties see
    /// it; otherwise the obligation's property with Z3's witness (still written as a trace of the
    /// request alone, so the file exists for every finding).
    func finding(_ c: ProveCounterexample, of obligation: ProveObligation, _ subject: MutantSubject,
                 _ context: DetectorContext, seconds: Double) throws(InputError) -> DetectorFinding {
        let path = context.tracePath(subject, self)
        let replayed = c.replayed(obligation: obligation, mutations: subject.mutations, source: path, properties: context.properties)
        let (trace, violation, replay) = (replayed.trace, replayed.violation, replayed.replay)
        try trace.write(to: path)
        var words = ["regioncheck", "prove", "--regions", "\(regions)", "--obligation", obligation.rawValue]
        for name in subject.mutations.names { words += ["--mutant", name] }
        return DetectorFinding(violation: violation, length: trace.steps.count, secondsToDetection: seconds,
                               reproduction: words.joined(separator: " "), tracePath: path,
                               steps: replay.stepLines, trace: trace)
    }
}
