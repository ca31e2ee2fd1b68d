import Model

/// The result of an exploration: per-level statistics, and a pass, a counterexample, or the
/// limit that made the run inconclusive.
public struct ExplorationReport: Sendable {
    public enum Outcome: Sendable {
        /// Every property held on every transition up to the depth bound. `exhausted` when the
        /// reachable state space ran out before the bound (nothing new at some depth).
        case pass(exhausted: Bool)
        case violation(Counterexample)
        /// A limit stopped the run before its bound: nothing is proved.
        case inconclusive(reason: String)
    }

    public var universe: Universe
    public var mutations: Mutations
    public var design: Design
    public var propertyIDs: [String]
    public var alphabetSize: Int
    public var settings: AlphabetSettings
    public var depthBound: Int
    public var workers: Int
    public var levels: [LevelStatistics]
    public var outcome: Outcome
    public var seconds: Double
    /// A shard's report, or a merged one (`regioncheck merge`); nil for a whole run.
    public var sharding: ExplorationSharding? = nil
    /// What the checked transitions exercised (up to and including a violating one).
    public var coverage = Coverage()

    /// SPEC §5: 0 pass, 1 violation, 3 inconclusive.
    public var exitCode: Int32 {
        switch outcome {
        case .pass: 0
        case .violation: 1
        case .inconclusive: 3
        }
    }

    public var counterexample: Counterexample? {
        if case .violation(let c) = outcome { c } else { nil }
    }

    public var totalGenerated: Int { levels.reduce(0) { $0 + $1.generated } }
    /// Distinct states stored, the initial state included.
    public var totalDistinct: Int { levels.last?.totalDistinct ?? 1 }
}

/// What one BFS level did.
public struct LevelStatistics: Sendable, Hashable {
    public var depth: Int
    /// Transitions checked (successor states produced, duplicates included).
    public var generated: Int
    /// States first reached at this depth.
    public var distinct: Int
    /// Distinct states stored so far, the initial state included.
    public var totalDistinct: Int
    /// Distinct layouts (sorted lists of (base, size, protection)) among all states so far.
    public var layouts: Int
    public var seconds: Double
    /// Bytes the stores hold per stored state (arena, offsets, hash tables, parent pointers).
    public var bytesPerState: Double
    /// False when a limit or a violation stopped the level part-way.
    public var complete: Bool

    public var statesPerSecond: Double { seconds > 0 ? Double(distinct) / seconds : 0 }
    public var transitionsPerSecond: Double { seconds > 0 ? Double(generated) / seconds : 0 }
}

/// A shortest sequence of steps that violates a property, as a trace (with `violates` set) and
/// as the steps a report prints, with the address space after each.
public struct Counterexample: Sendable {
    public var violation: Violation
    public var trace: Trace
    /// The replay of `trace`: each step's result and picture, and the properties it violates.
    public var replay: ReplayReport
    /// Depth in branches (a branch with an injected failure is two trace steps).
    public var depth: Int
    /// What Z3's property file of the violated property says about the last step (nil when no
    /// file has that id).
    public var z3Confirmation: String?
}
