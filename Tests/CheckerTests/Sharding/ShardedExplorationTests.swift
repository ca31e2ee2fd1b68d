import Checker
import Model
import Testing

/// Sharded exploration against the unsharded run of the same request: the levels above the
/// split are identical, the split level's transitions are partitioned, and the shortest
/// counterexample over the shards is the unsharded one's length.
@Suite struct ShardedExplorationTests {
    /// A small alphabet whose depth-4 exploration of `tiny` takes about a second in debug.
    static let settings = AlphabetSettings(
        sizes: [1], alignments: [1], protections: [.readWrite], placements: [.anywhere, .fixed], maxRange: 1,
        touch: true, teardown: true, faults: false)

    static func request(depth: Int, mutations: Mutations = [], shard: Shard? = nil, splitDepth: Int? = nil,
                        workers: Int = 1) throws -> ExplorationRequest {
        var request = try ExplorerFixture.request(settings: settings, mutations: mutations, depth: depth, workers: workers, chunkSize: 8)
        request.shard = shard
        request.splitDepth = splitDepth
        return request
    }

    static func shards(_ count: Int, depth: Int, mutations: Mutations = [], splitDepth: Int? = nil) throws -> [ExplorationReport] {
        try (0 ..< count).map { Explorer.run(try request(depth: depth, mutations: mutations, shard: Shard(index: $0, count: count), splitDepth: splitDepth)) }
    }

    @Test(arguments: [nil, 1, 2] as [Int?])
    func levelsAboveTheSplitAreTheUnshardedOnes(splitDepth: Int?) throws {
        let whole = Explorer.run(try Self.request(depth: 4))
        let shards = try Self.shards(3, depth: 4, splitDepth: splitDepth)
        let split = try #require(shards[0].sharding?.splitDepth)
        if let splitDepth { #expect(split == splitDepth) } else {
            // The default: the first level with 64 states per shard, or else the last one expanded.
            let first = whole.levels.first { $0.distinct >= 64 * 3 }?.depth ?? 3
            #expect(split == min(first, 3))
        }
        for shard in shards {
            #expect(shard.exitCode == 0)
            #expect(shard.sharding?.splitDepth == split)
            #expect(Array(shard.levels.prefix(split)).map(\.distinct) == Array(whole.levels.prefix(split)).map(\.distinct))
            #expect(Array(shard.levels.prefix(split)).map(\.generated) == Array(whole.levels.prefix(split)).map(\.generated))
        }
        // Every frontier state at the split belongs to exactly one shard, so the transitions
        // checked from the split level add up to the unsharded run's.
        #expect(shards.map { $0.sharding?.keptFrontier ?? 0 }.reduce(0, +) == whole.levels[split - 1].distinct)
        #expect(shards.map { $0.levels[split].generated }.reduce(0, +) == whole.levels[split].generated)
        // Below the split a shard sees at most what the whole run sees, and together at least as much.
        #expect(shards.allSatisfy { $0.totalDistinct <= whole.totalDistinct })
        #expect(shards.map { $0.totalDistinct - whole.levels[split - 1].totalDistinct }.reduce(0, +)
            >= whole.totalDistinct - whole.levels[split - 1].totalDistinct)
    }

    @Test(arguments: [nil, 1] as [Int?])
    func theShortestCounterexampleOverShardsIsTheUnshardedOne(splitDepth: Int?) throws {
        let whole = Explorer.run(try Self.request(depth: 4, mutations: .skipTLBFlush))
        let wholeDepth = try #require(whole.counterexample?.depth)
        let shards = try Self.shards(3, depth: 4, mutations: .skipTLBFlush, splitDepth: splitDepth)
        let depths = shards.compactMap { $0.counterexample?.depth }
        #expect(!depths.isEmpty)
        #expect(depths.min() == wholeDepth)
        // Each shard's counterexample is a real one: it replays to the same violation.
        for shard in shards {
            guard let c = shard.counterexample else { continue }
            #expect(Replayer.run(c.trace, source: "shard").steps.last?.violations.contains { $0.property == c.violation.property } == true)
        }
    }

    @Test func aShardIsTheSameForAnyWorkerCount() throws {
        let shard = Shard(index: 1, count: 3)
        let one = Explorer.run(try Self.request(depth: 4, shard: shard, splitDepth: 2, workers: 1))
        let two = Explorer.run(try Self.request(depth: 4, shard: shard, splitDepth: 2, workers: 2))
        #expect(one.levels.map(\.distinct) == two.levels.map(\.distinct))
        #expect(one.levels.map(\.generated) == two.levels.map(\.generated))
        #expect(one.levels.map(\.layouts) == two.levels.map(\.layouts))
    }

    @Test func theMergedReportSumsBelowTheSplitAndCarriesTheCaveat() throws {
        let shards = try Self.shards(2, depth: 4, splitDepth: 2)
        var paths: [String] = []
        for (i, shard) in shards.enumerated() {
            let path = ExplorerFixture.temporaryPath("shard\(i).json")
            try shard.jsonText().write(toFile: path, atomically: true, encoding: .utf8)
            paths.append(path)
        }
        guard case .explore(let merged) = try ShardMerge.merge(paths: paths.reversed()) else {
            Issue.record("not an explore merge")
            return
        }
        #expect(merged.exitCode == 0)
        #expect(merged.levels.count == 4)
        #expect(merged.levels[3].distinct == shards[0].levels[3].distinct + shards[1].levels[3].distinct)
        #expect(merged.levels[1].distinct == shards[0].levels[1].distinct && merged.levels[1].generated == shards[1].levels[1].generated)
        #expect(merged.sharding?.perShard.map(\.index) == [0, 1])
        #expect(merged.text().contains("over-count"))
    }
}
