/// How a sharded exploration was cut, for its report: which shard, where the split happened, and
/// (in a merged report) what each shard did.
///
/// Every level up to the split depth is explored exactly as the unsharded run explores it; at
/// the split depth only the frontier states whose index (in discovery order) is congruent to the
/// shard's index mod the shard count are expanded further.
public struct ExplorationSharding: Sendable {
    /// The shard this report is (nil: a merged report of `shardCount` shards).
    public var shard: Shard?
    public var shardCount: Int
    /// The depth whose frontier was split (nil: the run ended before it got there, e.g. at a
    /// violation above it, so this shard did exactly the unsharded run's work).
    public var splitDepth: Int?
    /// The states at the split depth (all shards') and the ones this shard kept.
    public var splitFrontier: Int?
    public var keptFrontier: Int?
    /// The run's parameters, which every shard of one run shares (`regioncheck merge` compares them).
    public var run: [String: String]
    /// Merged reports only: one line per shard.
    public var perShard: [ShardSummary] = []
    /// Merged reports only: what the reader must know about the merge (e.g. an inconclusive shard
    /// beside a counterexample, which may then not be the shortest).
    public var notes: [String] = []

    public init(shard: Shard?, shardCount: Int, splitDepth: Int?, splitFrontier: Int?, keptFrontier: Int?, run: [String: String]) {
        self.shard = shard
        self.shardCount = shardCount
        self.splitDepth = splitDepth
        self.splitFrontier = splitFrontier
        self.keptFrontier = keptFrontier
        self.run = run
    }

    /// Whether the level at `depth` holds this shard's own states (below the split) rather than
    /// the unsharded run's.
    public func isShardOwn(depth: Int) -> Bool { splitDepth.map { depth > $0 } ?? false }
}

/// What one shard did, as a merged report lists it.
public struct ShardSummary: Sendable, Hashable {
    public var index: Int
    public var source: String
    /// "pass", "violation", "inconclusive".
    public var verdict: String
    public var seconds: Double
    /// explore: distinct states and transitions; random: runs and steps.
    public var states: Int
    public var transitions: Int
    /// The counterexample's length in this shard, if it found one (explore: branches, random: shrunk steps).
    public var counterexampleLength: Int?
    /// random with --swarm: the shard's generator configuration.
    public var generator: String?
    /// random: why the shard's shrink ended, if it found a counterexample.
    public var shrinkStop: ShrinkStop?

    public init(index: Int, source: String, verdict: String, seconds: Double, states: Int, transitions: Int,
                counterexampleLength: Int?, generator: String? = nil) {
        self.index = index
        self.source = source
        self.verdict = verdict
        self.seconds = seconds
        self.states = states
        self.transitions = transitions
        self.counterexampleLength = counterexampleLength
        self.generator = generator
    }
}

extension ExplorationRequest {
    /// Whether the frontier at `frontierDepth` (`frontierSize` states; `isLast` when it is the
    /// last frontier expanded before the bound) is where a sharded run splits: `--split-depth K`,
    /// or by default the first level with at least 64 states per shard, or else the last level
    /// expanded, so the work below is still divided.
    func splitsHere(frontierDepth: Int, frontierSize: Int, isLast: Bool) -> Bool {
        guard let shard else { return false }
        if let splitDepth { return frontierDepth == splitDepth }
        return frontierSize >= ExplorationRequest.statesPerShardAtSplit * shard.count || isLast
    }

    /// The default split depth's rule: the first level with at least this many states per shard.
    public static let statesPerShardAtSplit = 64

    /// The parameters two shards of one run share, as `regioncheck merge` compares them.
    public var runParameters: [String: String] {
        var run: [String: String] = [
            "verb": "explore",
            "universe": UniverseFile.jsonText(universe),
            "design": design.rawValue,
            "mutations": mutations.names.joined(separator: ","),
            "fixes": serenityFixes.names.joined(separator: ","),
            "properties": properties.ids.joined(separator: ","),
            "alphabet": alphabet.settings.jsonText,
            "alphabetLetters": "\(alphabet.letters.count)",
            "depthBound": "\(depth)",
            "z3": z3.map { "\($0.mode)" } ?? "off",
            "shardCount": "\(shard?.count ?? 1)",
        ]
        if let splitDepth { run["splitDepth"] = "\(splitDepth)" }
        return run
    }
}
