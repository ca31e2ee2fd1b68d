import Foundation
import Model

/// One way of looking for a violation in a (possibly mutated) reference: an exhaustive
/// exploration, random runs, later a solver. The kill matrix runs every detector of its list on
/// every mutant and on the unmutated reference; a mutant is killed when a detector reports a
/// violation of a catalogue property, never by anything that knows which mutant is switched on.
public protocol MutantDetector: Sendable {
    /// How the matrix names it: "explore tiny", "random serenity", "prove".
    var name: String { get }
    /// The detector's part of a trace file name ("explore-tiny").
    var fileLabel: String { get }
    /// One line saying what it runs with which budget ("explore tiny to depth 4, standard alphabet").
    var budget: String { get }
    /// Looks for a violation in `subject`; writes a counterexample into `context.outputDirectory`.
    /// Throws only for bad input (an output file that cannot be written).
    func detect(_ subject: MutantSubject, context: DetectorContext) throws(InputError) -> DetectorResult
}

/// What a detector runs on: one mutant of SPEC §4, or the reference with none.
public struct MutantSubject: Sendable, Hashable {
    /// The SPEC §4 name, or `reference`.
    public var name: String
    public var mutations: Mutations

    public init(name: String, mutations: Mutations) {
        self.name = name
        self.mutations = mutations
    }

    public static let reference = MutantSubject(name: "reference", mutations: [])
    public var isReference: Bool { mutations.isEmpty }

    /// Every mutant, in catalogue order: SPEC §4's sequential ones, then the concurrent ones.
    public static let catalogue: [MutantSubject] = sequential + concurrent
    public static let sequential: [MutantSubject] = Mutations.catalogue.map { MutantSubject(name: $0.name, mutations: $0.mutation) }
    public static let concurrent: [MutantSubject] = Mutations.concurrentCatalogue.map { MutantSubject(name: $0.name, mutations: $0.mutation) }

    /// Only a run with several threads reaches its seam.
    public var isConcurrent: Bool { !mutations.isDisjoint(with: .concurrent) }

    /// The verdict of a sequential detector on a concurrent mutant.
    func sequentialNotApplicable(_ detector: String) -> DetectorResult? {
        isConcurrent ? DetectorResult(detector: detector, verdict: .notApplicable(
            reason: "a concurrent mutant: its seam is an interleaving point, which one thread never reaches"), seconds: 0) : nil
    }
}

/// What every detector shares in one matrix run.
public struct DetectorContext: Sendable {
    public var properties: PropertySet
    /// Threads; no detector's result or counts depend on it.
    public var workers: Int
    /// Where counterexample traces are written.
    public var outputDirectory: String

    public init(properties: PropertySet = PropertySet(), workers: Int = 1, outputDirectory: String) {
        self.properties = properties
        self.workers = max(1, workers)
        self.outputDirectory = outputDirectory
    }

    /// `DIR/<subject>-<detector>.json`.
    func tracePath(_ subject: MutantSubject, _ detector: some MutantDetector) -> String {
        URL(fileURLWithPath: outputDirectory).appendingPathComponent("\(subject.name)-\(detector.fileLabel).json").path
    }
}

/// One detector's verdict on one subject.
public struct DetectorResult: Sendable {
    public enum Verdict: Sendable {
        /// A property was violated: on a mutant it is killed, on the reference a false alarm.
        case violation(DetectorFinding)
        /// Every property held within the detector's budget.
        case clean
        /// A limit (or a solver's `unknown`) stopped the detector before its bound.
        case inconclusive(reason: String)
        /// The detector cannot judge this subject (prove does not encode the legacy allocator);
        /// it neither kills nor clears it.
        case notApplicable(reason: String)
    }

    public var detector: String
    public var verdict: Verdict
    /// The detector's whole wall-clock time (shrinking included).
    public var seconds: Double

    public init(detector: String, verdict: Verdict, seconds: Double) {
        self.detector = detector
        self.verdict = verdict
        self.seconds = seconds
    }

    public var finding: DetectorFinding? {
        if case .violation(let f) = verdict { f } else { nil }
    }

    public var isInconclusive: Bool {
        if case .inconclusive = verdict { true } else { false }
    }
}

/// A violation a detector found, with how to see it again.
public struct DetectorFinding: Sendable {
    public var violation: Violation
    /// Steps of the reported counterexample (the explorer's shortest, random's shrunk one).
    public var length: Int
    /// Random runs: the failing run's length before shrinking.
    public var originalLength: Int?
    /// Wall-clock seconds until the violation was found (the explorer's search, the random
    /// runs up to the failing one; shrinking excluded).
    public var secondsToDetection: Double
    /// The command that finds it again.
    public var reproduction: String
    /// The counterexample's trace file (`regioncheck replay PATH`).
    public var tracePath: String
    /// The counterexample as numbered steps with their results.
    public var steps: [String]
    public var trace: Trace
    /// Random runs: how the counterexample shrank.
    public var shrink: ShrinkSummary?

    public init(violation: Violation, length: Int, originalLength: Int? = nil, secondsToDetection: Double,
                reproduction: String, tracePath: String, steps: [String], trace: Trace) {
        self.violation = violation
        self.length = length
        self.originalLength = originalLength
        self.secondsToDetection = secondsToDetection
        self.reproduction = reproduction
        self.tracePath = tracePath
        self.steps = steps
        self.trace = trace
    }
}
