import Model

/// The depth `explore` uses when none is given: the bound each preset is checked to by default.
public enum ExplorationDefaults {
    /// With the classic alphabet: tiny 6, small 4 (each about a minute on 2 cores in release).
    /// With the standard (wider) alphabet, about ten times the work per state: tiny 3, small 2,
    /// each well under a minute on 2 cores in release (README, "Exploring"). Other universes: 3.
    public static func depth(for universe: Universe, settings: AlphabetSettings = .standard) -> Int {
        let classic = settings == .classic
        switch universe.name {
        case Universe.tiny.name where universe == .tiny: return classic ? 6 : 3
        case Universe.small.name where universe == .small: return classic ? 4 : 2
        default: return 3
        }
    }

    /// Where a counterexample trace is written unless `--trace-out` says otherwise.
    public static let tracePath = "regioncheck-counterexample.json"
}
