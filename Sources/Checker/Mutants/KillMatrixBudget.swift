import Model

/// The budgets of the standard detectors, as `regioncheck mutants` takes them.
public struct KillMatrixBudget: Sendable, Hashable {
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

    public init(tinyDepth: Int = 4, smallDepth: Int = 3, randomRuns: Int = 200, randomSteps: Int = 200, seed: UInt64 = 1,
                proveRegions: Int = ProveRun.defaultRegions, randomShrinkSeconds: Double = RandomDetector.defaultShrinkSeconds) {
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
        var list: [any MutantDetector] = [ExplorerDetector(universe: .tiny, depth: tinyDepth)]
        if smallDepth > 0 { list.append(ExplorerDetector(universe: .small, depth: smallDepth)) }
        if randomRuns > 0 {
            list.append(RandomDetector(universe: .serenity, runs: randomRuns, steps: randomSteps, seed: seed, shrinkSeconds: randomShrinkSeconds))
        }
        if proveRegions > 0 { list.append(ProveDetector(regions: proveRegions)) }
        list.append(ConcurrentDetector())
        return list
    }
}
