/// Which algorithms an address space runs.
public enum Design: String, Sendable, Hashable, CaseIterable {
    /// The corrected design of SPEC §2: every operation atomic, errors as the SPEC names them.
    case reference
    /// SerenityOS HEAD as SPEC §6.1–§6.3 describe it, step by step and uncorrected:
    /// its window rule, its error codes, its `find_regions_intersecting`, no rollback.
    case serenity
}
