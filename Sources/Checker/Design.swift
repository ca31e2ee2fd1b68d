/// Which algorithm the model runs: the corrected reference, or (later) the SerenityOS HEAD variant.
public enum Design: String, Sendable, Hashable, CaseIterable {
    case reference
}
