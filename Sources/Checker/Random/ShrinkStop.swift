/// Why a shrink ended. Only a fixed point is a local minimum; the step budget is a count (the
/// same counterexample on any machine); the wall-clock net is a safety net for a machine that is
/// far slower than expected, so its counterexample depends on the machine, and the report says so.
public enum ShrinkStop: Sendable, Hashable {
    /// No pass shrinks the counterexample any further.
    case fixedPoint
    /// The candidates together ran `Shrinker.stepBudget` steps.
    case stepBudget
    /// The shrink ran for `Shrinker.secondsLimit` seconds of wall-clock time.
    case timeLimit(seconds: Double)

    /// The JSON field's value.
    public var name: String {
        switch self {
        case .fixedPoint: "fixed-point"
        case .stepBudget: "step-budget"
        case .timeLimit: "time-limit"
        }
    }

    /// The report's clause after "N candidates run" (empty at a fixed point).
    public var clause: String {
        switch self {
        case .fixedPoint: ""
        case .stepBudget: "; stopped at the shrink budget, it may shrink further"
        case .timeLimit(let seconds):
            "; STOPPED BY THE WALL-CLOCK NET after \(formatSeconds(seconds)) s (--shrink-seconds): the smallest so far, it may shrink further"
        }
    }
}

/// How one shrink went: candidates run and kept, wall-clock time, why it ended.
public struct ShrinkSummary: Sendable, Hashable {
    public var candidates: Int
    public var kept: Int
    public var seconds: Double
    public var stop: ShrinkStop

    public init(candidates: Int, kept: Int, seconds: Double, stop: ShrinkStop) {
        self.candidates = candidates
        self.kept = kept
        self.seconds = seconds
        self.stop = stop
    }
}
