/// What the Z3 property files say about one step.
public enum Z3StepVerdict: Sendable, Equatable {
    /// Every property file's violation is unsatisfiable on this step.
    case holds
    /// A property file's violation is satisfiable; the explanation is its filled witness.
    case violated(Violation)
    /// Z3 could not decide a property (time limit, incompleteness, an API failure): the step is
    /// inconclusive (exit 3), never a pass.
    case inconclusive(property: String, reason: String)

    public var isViolation: Bool { if case .violated = self { true } else { false } }
}
