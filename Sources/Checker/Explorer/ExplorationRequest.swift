import Model

/// Everything one exhaustive exploration needs: what to explore, what to check, how deep, how
/// many threads, and when to give up.
public struct ExplorationRequest: Sendable {
    public var alphabet: Alphabet
    public var mutations: Mutations
    public var design: Design
    /// Fixes switched on in the `serenity` design (docs/findings-serenity.md).
    public var serenityFixes: SerenityFixes = []
    public var properties: PropertySet
    /// Z3 as a second opinion on the steps `--z3` selects (nil: off). Counterexamples are
    /// confirmed with the property files either way.
    public var z3: Z3Settings?
    /// Explore every sequence of up to `depth` branches.
    public var depth: Int
    /// Threads that expand a level's frontier; results do not depend on it.
    public var workers: Int
    public var limits: ExplorationLimits
    /// Frontier states per chunk, the unit of parallel work and of merging. Fixed (not derived
    /// from `workers`), so numbering and counts never depend on the worker count; tests make it
    /// small to exercise many chunks on small levels.
    public var chunkSize: Int
    /// A sharded run: this shard keeps the frontier states at the split depth whose index is
    /// congruent to its index (nil: the whole run).
    public var shard: Shard?
    /// The depth whose frontier a sharded run splits (nil: the default rule of `splitsHere`).
    public var splitDepth: Int?

    public init(alphabet: Alphabet, mutations: Mutations = [], design: Design = .reference,
                properties: PropertySet = PropertySet(), depth: Int, workers: Int = 1, limits: ExplorationLimits = ExplorationLimits(),
                chunkSize: Int = 64) {
        self.alphabet = alphabet
        self.mutations = mutations
        self.design = design
        self.properties = properties
        self.depth = depth
        self.workers = max(1, workers)
        self.limits = limits
        self.chunkSize = max(1, chunkSize)
    }

    public var universe: Universe { alphabet.universe }
}

/// When an exploration gives up before its depth bound; hitting one makes the result
/// inconclusive (exit 3), never a pass.
public struct ExplorationLimits: Sendable, Hashable {
    /// Distinct states stored.
    public var maxStates: Int?
    /// Wall-clock seconds (checked between batches of the frontier, so not repeatable).
    public var maxSeconds: Double?
    /// Bytes the explorer's own stores have allocated (the visited set, parent pointers, the
    /// layout set), counted exactly, so the stop point is repeatable.
    public var maxMemoryBytes: Int?

    public init(maxStates: Int? = nil, maxSeconds: Double? = nil, maxMemoryBytes: Int? = nil) {
        self.maxStates = maxStates
        self.maxSeconds = maxSeconds
        self.maxMemoryBytes = maxMemoryBytes
    }
}
