import Checker
import Foundation
import Model
import Testing

/// Sharded random runs run exactly the unsharded run's runs; swarm configurations are drawn
/// from the shard index alone; `--shard` values and the Kubernetes environment are validated.
@Suite struct ShardedRandomTests {
    static func options(shard: Shard?) -> RandomOptions {
        var options = RandomOptions(runs: 13, steps: 120, seed: 3, universeArgument: "small")
        options.shard = shard
        return options
    }

    @Test func shardsRunTheUnshardedRunsWithTheirSeeds() throws {
        let setup = RandomSetup(universe: .small)
        let whole = try RandomCheck.run(setup, Self.options(shard: nil))
        var merged = RandomStatistics()
        for i in 0 ..< 3 {
            let shard = try RandomCheck.run(setup, Self.options(shard: Shard(index: i, count: 3)))
            #expect(shard.statistics.runs == (13 - i + 2) / 3)
            merged.merge(shard.statistics)
        }
        #expect(merged == whole.statistics)
    }

    @Test func aFailingShardReportsTheGlobalRunAndItsSeed() throws {
        let setup = RandomSetup(universe: .tiny, mutations: .skipTLBFlush)
        var options = RandomOptions(runs: 40, steps: 60, seed: 1, universeArgument: "tiny")
        let whole = try RandomCheck.run(setup, options)
        guard case let .run(index, seed, _)? = whole.failure?.origin else {
            Issue.record("the mutant should be found by the unsharded run")
            return
        }
        options.shard = Shard(index: index % 2, count: 2)
        let shard = try RandomCheck.run(setup, options)
        guard case let .run(shardIndex, shardSeed, _)? = shard.failure?.origin else {
            Issue.record("the shard holding run \(index) should fail too")
            return
        }
        // The shard's runs before it are runs the unsharded run passed before its first failure,
        // so the shard fails at exactly that run, with its seed.
        #expect(shardIndex == index)
        #expect(shardSeed == seed)
        #expect(shard.failure?.trace.steps == whole.failure?.trace.steps)
        #expect(shard.failure?.reproduce.contains("--seed \(shardSeed)") == true)
    }

    @Test func swarmConfigurationsComeFromTheIndexAlone() {
        #expect(GeneratorConfiguration.swarm(3) == GeneratorConfiguration.swarm(3))
        let configurations = Set((0 ..< 8).map { GeneratorConfiguration.swarm($0) })
        #expect(configurations.count > 4, "eight swarm shards should not all draw the same features")
        for i in 0 ..< 8 {
            let c = GeneratorConfiguration.swarm(i)
            #expect(c.kinds[Int(AbstractStep.Kind.mmap.rawValue)], "mmap is always drawn")
            #expect(c.sizeClasses.contains(true) && c.placements.contains(true))
            #expect(c.description.hasPrefix("swarm \(i): operations mmap"))
        }
        #expect(GeneratorConfiguration.standard.description == "standard")
    }

    @Test func aSwarmShardDrawsOnlyItsConfigurationsFeatures() throws {
        // Find a configuration that leaves out some kind, and check no step of that kind ran.
        let index = try #require((0 ..< 16).first { GeneratorConfiguration.swarm($0).kinds.contains(false) })
        let configuration = GeneratorConfiguration.swarm(index)
        var setup = RandomSetup(universe: .small)
        setup.generator = configuration
        let report = try RandomCheck.run(setup, RandomOptions(runs: 4, steps: 100, seed: 9, universeArgument: "small"))
        for kind in AbstractStep.Kind.allCases where !configuration.kinds[Int(kind.rawValue)] {
            #expect(report.statistics.count(kind) == 0, "\(kind.name) is left out of \(configuration)")
        }
        #expect(report.statistics.count(.mmap) > 0)
        // The standard configuration is the generator random always used: the same seed, the same run.
        var standard = RandomSetup(universe: .small)
        standard.generator = .standard
        #expect(standard.run(seed: 5, steps: 200).steps == RandomSetup(universe: .small).run(seed: 5, steps: 200).steps)
        #expect(setup.run(seed: 5, steps: 200).steps != standard.run(seed: 5, steps: 200).steps)
    }

    @Test func shardValuesAndTheJobEnvironmentAreChecked() throws {
        #expect(try Shard.parse("1/3", shardCount: nil, environment: [:]) == Shard(index: 1, count: 3))
        #expect(try Shard.parse("auto", shardCount: nil, environment: ["JOB_COMPLETION_INDEX": "2", "JOB_COMPLETIONS": "4"])
            == Shard(index: 2, count: 4))
        #expect(try Shard.parse("auto", shardCount: 5, environment: ["JOB_COMPLETION_INDEX": "4"]) == Shard(index: 4, count: 5))
        func source(_ text: String, _ count: Int?, _ env: [String: String]) -> String? {
            do throws(InputError) {
                _ = try Shard.parse(text, shardCount: count, environment: env)
                return nil
            } catch { return error.source }
        }
        #expect(source("3/3", nil, [:]) == "--shard")
        #expect(source("1/0", nil, [:]) == "--shard")
        #expect(source("-1/3", nil, [:]) == "--shard")
        #expect(source("1of3", nil, [:]) == "--shard")
        #expect(source("1/3", 3, [:]) == "--shard-count")
        #expect(source("auto", nil, [:]) == "JOB_COMPLETION_INDEX")
        #expect(source("auto", nil, ["JOB_COMPLETION_INDEX": "x"]) == "JOB_COMPLETION_INDEX")
        #expect(source("auto", nil, ["JOB_COMPLETION_INDEX": "1"]) == "JOB_COMPLETIONS")
        #expect(source("auto", nil, ["JOB_COMPLETION_INDEX": "1", "JOB_COMPLETIONS": "zero"]) == "JOB_COMPLETIONS")
        #expect(source("auto", nil, ["JOB_COMPLETION_INDEX": "3", "JOB_COMPLETIONS": "3"]) == "JOB_COMPLETION_INDEX")
        #expect(source("auto", 0, ["JOB_COMPLETION_INDEX": "0"]) == "--shard-count")
    }
}
