/// What one checking run concluded, in the form every CI output (JUnit, SARIF, GitHub
/// annotations) is written from: which properties were checked on what, and the first
/// violation with its counterexample, or why the run could not conclude.
public struct CheckOutcome: Sendable {
    public enum Verdict: Sendable, Equatable {
        case pass
        case violation
        /// A limit (states, time, memory, solver timeout) stopped the check before its bound.
        case inconclusive(reason: String)
    }

    /// A violation with everything needed to reproduce it.
    public struct Finding: Sendable {
        public var property: String
        public var explanation: String
        /// The counterexample as numbered steps ("1. mmap 0x1000 rw- anywhere → ok 0x10000").
        public var steps: [String]
        /// Where the replayable trace was written, if it was.
        public var tracePath: String?
        /// The command line that reproduces it.
        public var reproduction: String?

        public init(property: String, explanation: String, steps: [String], tracePath: String? = nil, reproduction: String? = nil) {
            self.property = property
            self.explanation = explanation
            self.steps = steps
            self.tracePath = tracePath
            self.reproduction = reproduction
        }
    }

    /// "explore", "random", "prove", "replay", "mutants".
    public var verb: String
    /// What was checked: "universe tiny, design reference, mutants none, depth 6".
    public var subject: String
    public var propertiesChecked: [String]
    public var verdict: Verdict
    public var finding: Finding?
    public var seconds: Double

    public init(verb: String, subject: String, propertiesChecked: [String], verdict: Verdict, finding: Finding? = nil, seconds: Double) {
        self.verb = verb
        self.subject = subject
        self.propertiesChecked = propertiesChecked
        self.verdict = verdict
        self.finding = finding
        self.seconds = seconds
    }

    /// SPEC §5's exit status for this outcome.
    public var exitStatus: Int32 {
        switch verdict {
        case .pass: 0
        case .violation: 1
        case .inconclusive: 3
        }
    }
}
