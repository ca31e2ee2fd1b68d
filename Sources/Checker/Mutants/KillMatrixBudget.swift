import Model

/// The budgets of the standard detectors, as `regioncheck mutants` takes them.
public struct KillMatrixBudget: Sendable, Hashable {
    /// The alphabet both explorations use.
    public var alphabet: AlphabetSettings
    /// Depth of the exhaustive exploration of `tiny`.
    public var tinyDepth: Int
    /// Depth of the exhaustive exploration of `small` (0 leaves it out).
    public var smallDepth: Int
    /// Random runs on the 64-bit `serenity` universe (0 leaves them out).
    public var randomRuns: Int
    public var randomSteps: Int
    public var seed: UInt64
    /// Regions of the symbolic layouts `prove` covers (0 leaves it out).
    public var proveRegions: Int
    /// The wall-clock net of each random shrink (`RandomDetector.shrinkSeconds`).
    public var randomShrinkSeconds: Double

    /// The standard alphabet to depth 3 on tiny and 2 on small: every mutant's shortest
    /// counterexample has at most three steps, and the standard alphabet contains the classic one,
    /// so none gets longer; tiny at depth 4 would take minutes on the clean reference.
    public init(alphabet: AlphabetSettings = .standard, tinyDepth: Int = 3, smallDepth: Int = 2, randomRuns: Int = 200, randomSteps: Int = 200, seed: UInt64 = 1,
                proveRegions: Int = ProveRun.defaultRegions, randomShrinkSeconds: Double = RandomDetector.defaultShrinkSeconds) {
        self.alphabet = alphabet
        self.tinyDepth = tinyDepth
        self.smallDepth = smallDepth
        self.randomRuns = randomRuns
        self.randomSteps = randomSteps
        self.seed = seed
        self.proveRegions = proveRegions
        self.randomShrinkSeconds = randomShrinkSeconds
    }

    public static let standard = KillMatrixBudget()

    /// The detectors in the fixed order the matrix runs them; "killed first by" means first in
    /// this list, the one place a detector is added. `prove` comes last: it covers only the
    /// placement and split seams, and its counterexamples are layouts, not histories.
    public var detectors: [any MutantDetector] {
        var list: [any MutantDetector] = [ExplorerDetector(universe: .tiny, depth: tinyDepth, settings: alphabet)]
        if smallDepth > 0 { list.append(ExplorerDetector(universe: .small, depth: smallDepth, settings: alphabet)) }
        if randomRuns > 0 {
            list.append(RandomDetector(universe: .serenity, runs: randomRuns, steps: randomSteps, seed: seed, shrinkSeconds: randomShrinkSeconds))
        }
        if proveRegions > 0 { list.append(ProveDetector(regions: proveRegions)) }
        list.append(ConcurrentDetector())
        return list
    }
}
