import Foundation
import Model

/// How a sharded random run was cut, for its report: which shard (or, merged, what each shard
/// did), whether the shards drew swarm configurations, and the run's parameters.
public struct RandomSharding: Sendable {
    /// The shard this report is (nil: a merged report).
    public var shard: Shard?
    public var shardCount: Int
    public var swarm: Bool
    /// The run's parameters, which every shard of one run shares (`regioncheck merge` compares them).
    public var run: [String: String]
    /// Merged reports only: one line per shard.
    public var perShard: [ShardSummary] = []

    public init(shard: Shard?, shardCount: Int, swarm: Bool, run: [String: String]) {
        self.shard = shard
        self.shardCount = shardCount
        self.swarm = swarm
        self.run = run
    }
}

extension RandomSetup {
    /// The parameters two shards of one run share, as `regioncheck merge` compares them.
    func runParameters(_ options: RandomOptions) -> [String: String] {
        [
            "verb": "random",
            "universe": UniverseFile.jsonText(universe),
            "design": design.rawValue,
            "mutations": mutations.names.joined(separator: ","),
            "fixes": serenityFixes.names.joined(separator: ","),
            "properties": properties.ids.joined(separator: ","),
            "checking": "\(checking)",
            "seed": "\(options.seed)",
            "runs": "\(options.runs)",
            "stepsPerRun": "\(options.steps)",
            "z3": z3.map { "\($0.mode)" } ?? "off",
            "shardCount": "\(options.shard?.count ?? 1)",
            "swarm": "\(generator.swarmIndex != nil)",
        ]
    }
}

extension RandomReport {
    /// The header lines of a shard's or a merged report.
    var shardingLines: [String] {
        var lines: [String] = []
        if let s = sharding {
            if let shard = s.shard {
                let runs = (options.runs - shard.index + shard.count - 1) / shard.count
                lines.append("shard \(shard) (0-based): runs \(shard.index + 1), \(shard.index + 1 + shard.count), … of the "
                    + "\(options.runs)-run unsharded run (\(max(runs, 0)) runs), with the seeds it gives them")
            } else {
                lines.append("merged from \(s.shardCount) shards" + (s.swarm ? ", each with its own swarm generator configuration" : ""))
                for p in s.perShard {
                    lines.append("  shard \(p.index): \(p.verdict), \(p.states) run\(p.states == 1 ? "" : "s"), \(p.transitions) steps in \(String(format: "%.3f", p.seconds)) s"
                        + (p.counterexampleLength.map { ", counterexample of \($0) steps" } ?? "")
                        + (p.shrinkStop.map { if case .timeLimit = $0 { ", its shrink STOPPED BY THE WALL-CLOCK NET" } else { "" } } ?? "")
                        + " (\(p.source))"
                        + (p.generator.map { "; generator \($0)" } ?? ""))
                }
                let total = s.perShard.reduce(0) { $0 + $1.seconds }
                lines.append("  shards' seconds: \(String(format: "%.3f", total)) in total, "
                    + "\(String(format: "%.3f", s.perShard.map(\.seconds).max() ?? 0)) for the longest")
                if failure != nil && s.shardCount > 1 {
                    lines.append("  the counterexample is the failing run with the lowest index"
                        + (s.swarm ? "" : ", the one the unsharded run reports")
                        + "; the statistics count each shard's runs up to its own first failure")
                }
            }
        }
        if generator.swarmIndex != nil { lines.append("generator: \(generator)") }
        return lines
    }

    /// Extra top-level fields of `--format json`: the run's parameters, the shard or the merge,
    /// the generator, and an inconclusive run's reason.
    var shardingJSONFields: [String] {
        var object: [String: Any] = ["generator": generator.description]
        if let reason = inconclusive { object["reason"] = reason }
        if let s = sharding {
            object["run"] = s.run
            if let shard = s.shard {
                object["shard"] = ["index": shard.index, "count": shard.count]
            } else {
                object["merged"] = ["count": s.shardCount, "shards": s.perShard.map(\.jsonObject)] as [String: Any]
            }
        }
        return object.keys.sorted().map { key in
            let data = (try? JSONSerialization.data(withJSONObject: [key: object[key]!], options: [.sortedKeys])) ?? Data("{}".utf8)
            let text = String(decoding: data, as: UTF8.self)
            return String(text.dropFirst().dropLast())
        }
    }
}
