import Foundation
import Model

extension ExplorationReport {
    /// The header lines of a shard's or a merged report: which shard, where the split is.
    var shardingHeaderLines: [String] {
        guard let s = sharding else { return [] }
        var lines: [String] = []
        let split: String
        if let depth = s.splitDepth {
            let kept = s.keptFrontier.map { "\($0.grouped) of " } ?? ""
            split = "split at depth \(depth)" + (s.splitFrontier.map { " (\(kept)\($0.grouped) frontier states)" } ?? "")
        } else if s.shard != nil {
            split = "the run ended above the split depth, so this shard did the unsharded run's work"
        } else {
            split = "every shard ended above the split depth (each did the unsharded run's work)"
        }
        if let shard = s.shard {
            lines.append("  shard \(shard) (0-based): \(split)")
        } else {
            lines.append("  merged from \(s.shardCount) shards: \(split)")
        }
        return lines
    }

    /// The note under the level table: which levels are the unsharded run's, which are summed
    /// over shards, and the over-count caveat.
    var shardingLevelLines: [String] {
        guard let s = sharding, let split = s.splitDepth else { return [] }
        var lines = ["levels up to \(split) are exactly the unsharded run's; "
            + (s.shard == nil
                ? "levels below it are summed over the shards: a state reachable from the frontier of two shards is counted "
                    + "(and explored) once in each, so their distinct, total and layout counts over-count the unsharded run's; "
                    + "layouts below the split are the largest shard's count (a lower bound)"
                : "levels below it count this shard's states only")]
        if !s.perShard.isEmpty {
            lines.append("")
            lines.append("shard  verdict         seconds        states   transitions  counterexample  report")
            for p in s.perShard {
                let cells = [
                    "\(p.index)".padding(toLength: 5, withPad: " ", startingAt: 0),
                    p.verdict.padding(toLength: 12, withPad: " ", startingAt: 0),
                    String(repeating: " ", count: max(0, 10 - formatSeconds(p.seconds).count)) + formatSeconds(p.seconds),
                    String(repeating: " ", count: max(0, 13 - p.states.grouped.count)) + p.states.grouped,
                    String(repeating: " ", count: max(0, 13 - p.transitions.grouped.count)) + p.transitions.grouped,
                    String(repeating: " ", count: max(0, 15 - (p.counterexampleLength.map(String.init) ?? "—").count))
                        + (p.counterexampleLength.map(String.init) ?? "—"),
                    p.source,
                ]
                lines.append(cells.joined(separator: "  "))
            }
            let cpu = s.perShard.reduce(0) { $0 + $1.seconds }
            let longest = s.perShard.map(\.seconds).max() ?? 0
            lines.append("shards' seconds: \(formatSeconds(cpu)) in total, \(formatSeconds(longest)) for the longest")
        }
        lines += s.notes
        return lines
    }

    /// The `shard` (or `merged`) object and the run's parameters in `--format json`.
    var shardingJSON: [String: Any] {
        guard let s = sharding else { return [:] }
        var shard: [String: Any] = ["count": s.shardCount]
        if let index = s.shard?.index { shard["index"] = index }
        if let d = s.splitDepth { shard["splitDepth"] = d }
        if let f = s.splitFrontier { shard["splitFrontier"] = f }
        if let k = s.keptFrontier { shard["keptFrontier"] = k }
        var object: [String: Any] = ["run": s.run]
        if s.shard != nil {
            object["shard"] = shard
        } else {
            shard["shards"] = s.perShard.map(\.jsonObject)
            shard["notes"] = s.notes
            shard["overCountCaveat"] = "distinct, total and layout counts below the split depth are summed over shards "
                + "and over-count states reachable from two shards"
            object["merged"] = shard
        }
        return object
    }
}

extension ShardSummary {
    var jsonObject: [String: Any] {
        var o: [String: Any] = ["index": index, "report": source, "verdict": verdict, "seconds": seconds,
                                "states": states, "transitions": transitions]
        if let l = counterexampleLength { o["counterexampleLength"] = l }
        if let g = generator { o["generator"] = g }
        if let stop = shrinkStop { o["shrinkStop"] = stop.name }
        return o
    }
}

extension Counterexample {
    /// The counterexample's trace as a JSON value, so a shard's report carries it inline for
    /// `regioncheck merge`.
    var traceJSONObject: Any {
        (try? JSONSerialization.jsonObject(with: Data(trace.jsonText().utf8))) ?? [:]
    }
}
