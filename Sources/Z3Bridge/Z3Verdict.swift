/// The answer for one property on one state or step.
public enum Z3Verdict: Equatable {
    /// Z3 proved the violation unsatisfiable.
    case holds
    /// Z3 found a model of the violation.
    case violated(Z3Witness)
    /// Z3 could not decide: inconclusive, never a pass.
    case unknown(Z3Unknown)
}

/// A violation explained: the property's witness template filled from Z3's model.
public struct Z3Witness: Equatable, Sendable {
    public let text: String
    /// The value of each template term.
    public let values: [String: Z3Value]

    public init(text: String, values: [String: Z3Value]) {
        self.text = text
        self.values = values
    }
}
