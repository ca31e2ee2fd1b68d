import Model

/// The depth `explore` uses when none is given: the bound each preset is checked to by default.
public enum ExplorationDefaults {
    /// tiny: every sequence of 6 steps; small: the deepest level that finishes in about a minute
    /// on 2 cores in release mode (README, "Exploring"); other universes: 3.
    public static func depth(for universe: Universe) -> Int {
        switch universe.name {
        case Universe.tiny.name where universe == .tiny: 6
        case Universe.small.name where universe == .small: 4
        default: 3
        }
    }

    /// Where a counterexample trace is written unless `--trace-out` says otherwise.
    public static let tracePath = "regioncheck-counterexample.json"
}
