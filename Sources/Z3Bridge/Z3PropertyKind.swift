/// When a property is evaluated: on one state, or on a step (before state, operation, result,
/// after state). Each kind has its own vocabulary (see `Z3Vocabulary`).
public enum Z3PropertyKind: String, CaseIterable, Sendable {
    case state
    case transition
}
