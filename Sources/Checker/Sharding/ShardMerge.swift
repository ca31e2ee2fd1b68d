import Foundation
import Model

/// `regioncheck merge`: combines the JSON reports of the shards of one `explore` or `random` run
/// into the report of the whole run. Every shard must be there exactly once, and all must be of
/// the same run (the same verb and parameters); anything else is bad input naming the file.
public enum ShardMerge {
    public enum Merged: Sendable {
        case explore(ExplorationReport)
        case random(RandomReport)
    }

    public static func merge(paths: [String]) throws(InputError) -> Merged {
        guard !paths.isEmpty else { throw InputError(source: "merge", message: "give the shards' JSON reports (REPORT.json…)") }
        var shards: [ShardFile] = []
        for path in paths { shards.append(try ShardFile(path: path)) }
        let first = shards[0]
        for s in shards.dropFirst() {
            guard s.verb == first.verb else {
                throw InputError(source: s.path, message: "is a shard of a \(s.verb) run, but \(first.path) is a shard of a \(first.verb) run: "
                    + "merge combines the shards of one run (explore or random, not a mix)")
            }
            if let key = Set(first.run.keys).union(s.run.keys).sorted().first(where: { first.run[$0] != s.run[$0] }) {
                throw InputError(source: s.path, message: "is a shard of a different run than \(first.path): "
                    + "its \(key) is \(s.run[key].map { "'\($0)'" } ?? "missing"), there \(first.run[key].map { "'\($0)'" } ?? "missing")")
            }
        }
        let count = first.shard.count
        var byIndex: [Int: ShardFile] = [:]
        for s in shards {
            if let other = byIndex[s.shard.index] {
                throw InputError(source: s.path, message: "is shard \(s.shard) again (\(other.path) is too)")
            }
            byIndex[s.shard.index] = s
        }
        let missing = (0 ..< count).filter { byIndex[$0] == nil }
        if !missing.isEmpty {
            throw InputError(source: paths.joined(separator: ", "),
                             message: "shard\(missing.count == 1 ? "" : "s") \(missing.map(String.init).joined(separator: ", ")) of \(count) "
                                + "missing (these reports are shards \(byIndex.keys.sorted().map(String.init).joined(separator: ", ")))")
        }
        let ordered = (0 ..< count).map { byIndex[$0]! }
        return first.verb == "explore" ? .explore(try mergeExplore(ordered)) : .random(try mergeRandom(ordered))
    }

    // MARK: explore

    static func mergeExplore(_ shards: [ShardFile]) throws(InputError) -> ExplorationReport {
        let first = shards[0]
        let f = first.fields
        let universe = try first.universe()
        let design = try first.design()
        let mutations = try first.mutations()
        let settings: AlphabetSettings
        do {
            let value = try JSONSerialization.jsonObject(with: Data((first.run["alphabet"] ?? "{}").utf8))
            settings = try AlphabetSettings(jsonObject: value, source: first.path)
        } catch let error as InputError {
            throw error
        } catch {
            throw InputError(source: first.path, location: "field 'run', key 'alphabet'", message: "is not an alphabet object")
        }
        let ids = try f.strings("properties")
        let depthBound = Int(first.run["depthBound"] ?? "") ?? 0

        // The split depth: every shard that got there split at the same level.
        var split: Int?
        for s in shards {
            guard let d = try s.shardFields.int("splitDepth") else { continue }
            if let split, split != d {
                throw InputError(source: s.path, message: "split at depth \(d), but \(first.path) at depth \(split): not shards of one run")
            }
            split = d
        }
        var perLevel: [[LevelStatistics]] = []
        for s in shards { perLevel.append(try s.levels()) }
        var levels: [LevelStatistics] = []
        let deepest = perLevel.map(\.count).max() ?? 0
        for depth in 1 ... max(deepest, 1) where deepest > 0 {
            let present = perLevel.enumerated().compactMap { i, ls in ls.first { $0.depth == depth }.map { (i, $0) } }
            guard let (_, reference) = present.first else { continue }
            if split.map({ depth <= $0 }) ?? true {
                // Above the split every shard explored exactly the unsharded run's level.
                for (i, level) in present where level.complete && reference.complete
                    && (level.generated, level.distinct, level.totalDistinct, level.layouts)
                        != (reference.generated, reference.distinct, reference.totalDistinct, reference.layouts) {
                    throw InputError(source: shards[i].path, message: "level \(depth), above the split, differs from \(shards[present[0].0].path)'s: "
                        + "not shards of one run")
                }
                levels.append(present.first { !$0.1.complete }?.1 ?? reference)
            } else {
                var merged = reference
                merged.generated = present.reduce(0) { $0 + $1.1.generated }
                merged.distinct = present.reduce(0) { $0 + $1.1.distinct }
                merged.totalDistinct = (levels.last?.totalDistinct ?? 1) + merged.distinct
                merged.layouts = present.map { $0.1.layouts }.max() ?? 0
                merged.seconds = present.reduce(0) { $0 + $1.1.seconds }
                merged.bytesPerState = present.map { $0.1.bytesPerState }.max() ?? 0
                merged.complete = present.allSatisfy { $0.1.complete }
                levels.append(merged)
            }
        }

        // The verdict: the shortest counterexample over the shards (the lowest shard on a tie),
        // else inconclusive if any shard was, else a pass.
        var best: (shard: ShardFile, depth: Int)?
        var undecided: [String] = []
        var exhausted = true
        var summaries: [ShardSummary] = []
        for s in shards {
            let outcome = try s.fields.requiredString("outcome")
            var length: Int?
            switch outcome {
            case "violation":
                let c = try s.object("counterexample")
                let depth = try c.requiredInt("depth")
                length = depth
                if best.map({ depth < $0.depth }) ?? true { best = (s, depth) }
            case "inconclusive":
                undecided.append("shard \(s.shard.index): \(try s.fields.string("reason") ?? "a limit")")
            case "pass":
                let shardExhausted = try s.fields.bool("exhausted") ?? false
                exhausted = exhausted && shardExhausted
            default:
                throw s.fields.fail("outcome", "must be pass, violation or inconclusive, got '\(outcome)'")
            }
            summaries.append(ShardSummary(
                index: s.shard.index, source: s.path, verdict: outcome, seconds: try s.fields.double("seconds"),
                states: try s.fields.requiredInt("totalDistinct"), transitions: try s.fields.requiredInt("totalGenerated"),
                counterexampleLength: length))
        }
        let outcome: ExplorationReport.Outcome
        if let best {
            var c = try best.shard.counterexample(properties: ids)
            c.depth = best.depth
            outcome = .violation(c)
        } else if !undecided.isEmpty {
            outcome = .inconclusive(reason: undecided.joined(separator: "; "))
        } else {
            outcome = .pass(exhausted: exhausted)
        }
        var report = ExplorationReport(
            universe: universe, mutations: mutations, design: design, propertyIDs: ids,
            alphabetSize: try f.requiredInt("alphabetLetters"), settings: settings, depthBound: depthBound,
            workers: try f.requiredInt("workers"), levels: levels, outcome: outcome,
            seconds: summaries.map(\.seconds).max() ?? 0)
        var splitFrontier: Int?
        for s in shards where splitFrontier == nil { splitFrontier = try s.shardFields.int("splitFrontier") }
        var sharding = ExplorationSharding(shard: nil, shardCount: shards.count, splitDepth: split, splitFrontier: splitFrontier,
                                           keptFrontier: nil, run: first.run)
        sharding.perShard = summaries
        if best != nil && !undecided.isEmpty {
            sharding.notes.append("note: a shard was inconclusive (\(undecided.joined(separator: "; "))), so a shorter counterexample "
                + "may lie in the part it did not finish")
        }
        report.sharding = sharding
        return report
    }

    // MARK: random

    static func mergeRandom(_ shards: [ShardFile]) throws(InputError) -> RandomReport {
        let first = shards[0]
        let universe = try first.universe()
        let design = try first.design()
        let mutations = try first.mutations()
        let ids = try first.fields.strings("properties")
        var options = RandomOptions(
            runs: try first.fields.requiredInt("runs"), steps: try first.fields.requiredInt("stepsPerRun"),
            seed: try first.fields.requiredNumber("seed"), workers: try first.fields.requiredInt("workers"),
            universeArgument: universe.name)
        options.shard = nil
        var statistics = RandomStatistics()
        var seconds = 0.0
        var summaries: [ShardSummary] = []
        var failing: (shard: ShardFile, run: Int)?
        var undecided: [String] = []
        for s in shards {
            let shardStatistics = try s.statistics()
            statistics.merge(shardStatistics)
            let verdict = try s.fields.requiredString("verdict")
            let shardSeconds = try s.object("statistics").double("seconds")
            seconds += shardSeconds
            var length: Int?
            var shrinkStop: ShrinkStop?
            switch verdict {
            case "violation":
                let c = try s.object("counterexample")
                length = try c.requiredInt("shrunkLength")
                shrinkStop = try s.shrinkStop(of: c)
                // The failing run with the lowest index is the one the unsharded run stops at
                // (a corpus trace, replayed before any run, counts as index 0).
                let run = try c.int("run") ?? 0
                if failing.map({ run < $0.run }) ?? true { failing = (s, run) }
            case "inconclusive":
                undecided.append("shard \(s.shard.index): \(try s.fields.string("reason") ?? "Z3 could not decide a step")")
            case "pass", "unchecked":
                break
            default:
                throw s.fields.fail("verdict", "must be pass, violation, inconclusive or unchecked, got '\(verdict)'")
            }
            summaries.append(ShardSummary(
                index: s.shard.index, source: s.path, verdict: verdict, seconds: shardSeconds, states: shardStatistics.runs,
                transitions: shardStatistics.steps, counterexampleLength: length,
                generator: s.run["swarm"] == "true" ? try s.fields.string("generator") : nil))
            summaries[summaries.count - 1].shrinkStop = shrinkStop
        }
        var report = RandomReport(universe: universe, design: design, mutations: mutations, properties: ids,
                                  checking: first.run["checking"] != "false", options: options, statistics: statistics, seconds: seconds)
        if let failing {
            report.failure = try failing.shard.randomFailure(properties: ids)
            // The shrink's wall-clock net, as the unsharded report states it.
            report.options.shrinkSeconds = try failing.shard.object("counterexample").optionalDouble("shrinkSecondsLimit")
        }
        if report.failure == nil && !undecided.isEmpty { report.inconclusive = undecided.joined(separator: "; ") }
        var sharding = RandomSharding(shard: nil, shardCount: shards.count, swarm: first.run["swarm"] == "true", run: first.run)
        sharding.perShard = summaries
        report.sharding = sharding
        return report
    }
}

/// One shard's JSON report, as `merge` reads it.
struct ShardFile {
    let path: String
    let fields: JSONFields
    let shardFields: JSONFields
    let shard: Shard
    let run: [String: String]
    var verb: String { run["verb"] ?? "" }

    init(path: String) throws(InputError) {
        self.path = path
        let document = try JSONFields.parseDocument(try JSONFields.readFile(path), source: path)
        fields = try JSONFields(document, source: path, location: "")
        if fields.has("merged") { throw InputError(source: path, message: "is already a merged report; merge the shards' own reports") }
        guard let rawRun = fields.object["run"], let shardValue = fields.object["shard"] else {
            throw InputError(source: path, message: "is not the JSON report of an explore or random shard "
                + "(it has no 'run' and 'shard' fields: write each shard's report with --shard I/N --format json)")
        }
        guard let run = rawRun as? [String: String], let verb = run["verb"], ["explore", "random"].contains(verb) else {
            throw fields.fail("run", "must be an object of strings with 'verb' explore or random")
        }
        self.run = run
        shardFields = try JSONFields(shardValue, source: path, location: "field 'shard'")
        let index = try shardFields.requiredInt("index")
        let count = try shardFields.requiredInt("count")
        guard count >= 1, index < count, String(count) == run["shardCount"] else {
            throw fields.fail("shard", "must have 0 ≤ index < count, and count equal to the run's shardCount, got \(index)/\(count)")
        }
        shard = Shard(index: index, count: count)
    }

    func object(_ key: String) throws(InputError) -> JSONFields {
        guard let value = fields.object[key] else { throw fields.fail(key, "is missing") }
        return try JSONFields(value, source: path, location: "field '\(key)'")
    }

    func universe() throws(InputError) -> Universe {
        let text = run["universe"] ?? ""
        guard let value = try? JSONSerialization.jsonObject(with: Data(text.utf8), options: [.fragmentsAllowed]) else {
            throw InputError(source: path, location: "field 'run', key 'universe'", message: "is not a universe (got '\(text)')")
        }
        return try UniverseFile.universe(from: value, source: path, location: "field 'run', key 'universe'")
    }

    func design() throws(InputError) -> Design {
        guard let design = Design(rawValue: run["design"] ?? "") else {
            throw InputError(source: path, location: "field 'run', key 'design'", message: "unknown design '\(run["design"] ?? "")'")
        }
        return design
    }

    func mutations() throws(InputError) -> Mutations {
        var mutations: Mutations = []
        for name in (run["mutations"] ?? "").split(separator: ",").map(String.init) {
            guard let m = Mutations.named(name) else {
                throw InputError(source: path, location: "field 'run', key 'mutations'", message: "unknown mutant '\(name)'")
            }
            mutations.insert(m)
        }
        return mutations
    }

    /// The levels of an explore shard's report.
    func levels() throws(InputError) -> [LevelStatistics] {
        var levels: [LevelStatistics] = []
        for (i, raw) in (try fields.array("levels") ?? []).enumerated() {
            let l = try JSONFields(raw, source: path, location: "field 'levels'[\(i)]")
            levels.append(LevelStatistics(
                depth: try l.requiredInt("depth"), generated: try l.requiredInt("generated"), distinct: try l.requiredInt("distinct"),
                totalDistinct: try l.requiredInt("totalDistinct"), layouts: try l.requiredInt("layouts"),
                seconds: try l.double("seconds"), bytesPerState: try l.double("bytesPerState"), complete: try l.bool("complete") ?? true))
        }
        return levels
    }

    /// The inline trace of the report's counterexample.
    func trace() throws(InputError) -> Trace {
        let c = try object("counterexample")
        guard let inline = c.object["traceInline"],
              let data = try? JSONSerialization.data(withJSONObject: inline) else {
            throw c.fail("traceInline", "is missing (the report must come from a regioncheck that writes the trace inline)")
        }
        return try Trace.parse(data, source: "\(path), field 'counterexample.traceInline'")
    }

    /// An explore shard's counterexample, replayed for the merged report's pictures.
    func counterexample(properties ids: [String]) throws(InputError) -> Counterexample {
        let c = try object("counterexample")
        let trace = try trace()
        let violation = Violation(property: try c.requiredString("property"), explanation: try c.requiredString("explanation"))
        let properties = try PropertySet(selection: ids.joined(separator: ","))
        return Counterexample(violation: violation, trace: trace, replay: Replayer.run(trace, source: "counterexample", properties: properties),
                              depth: try c.requiredInt("depth"), z3Confirmation: try c.string("z3Confirmation"))
    }

    /// A random shard's counterexample.
    func randomFailure(properties ids: [String]) throws(InputError) -> RandomFailure {
        let c = try object("counterexample")
        let origin: RandomFailure.Origin
        if let run = try c.int("run") {
            origin = .run(index: run - 1, seed: try c.requiredNumber("runSeed"), step: try c.requiredInt("foundAfterStep"))
        } else {
            origin = .corpus(path: try c.requiredString("corpusFile"))
        }
        var failure = RandomFailure(
            origin: origin, violation: Violation(property: try c.requiredString("property"), explanation: try c.requiredString("explanation")),
            originalLength: try c.requiredInt("originalLength"), shrunkLength: try c.requiredInt("shrunkLength"),
            shrinkSteps: try c.requiredInt("shrinkSteps"), shrinkAttempts: try c.requiredInt("shrinkCandidates"),
            shrinkComplete: try c.bool("shrinkComplete") ?? true, trace: try trace(), reproduce: try c.requiredString("reproduce"),
            writtenTo: [])
        failure.shrinkStop = try shrinkStop(of: c)
        failure.shrinkSeconds = try c.optionalDouble("shrinkSeconds") ?? 0
        return failure
    }

    /// Why a random shard's shrink ended (`shrinkStop`, with the net's `shrinkSecondsLimit`).
    func shrinkStop(of c: JSONFields) throws(InputError) -> ShrinkStop {
        switch try c.string("shrinkStop") {
        case nil, "fixed-point": return .fixedPoint
        case "step-budget": return .stepBudget
        case "time-limit":
            if let limit = try c.optionalDouble("shrinkSecondsLimit") { return .timeLimit(seconds: limit) }
            return .timeLimit(seconds: try c.optionalDouble("shrinkSeconds") ?? 0)
        case let other?: throw c.fail("shrinkStop", "must be fixed-point, step-budget or time-limit, got '\(other)'")
        }
    }

    /// A random shard's statistics.
    func statistics() throws(InputError) -> RandomStatistics {
        let s = try object("statistics")
        var statistics = RandomStatistics()
        statistics.runs = try s.requiredInt("runs")
        statistics.steps = try s.requiredInt("steps")
        statistics.maxRegions = try s.requiredInt("maxRegions")
        guard let operations = s.object["operations"] else { throw s.fail("operations", "is missing") }
        let ops = try JSONFields(operations, source: path, location: "field 'statistics.operations'")
        for kind in AbstractStep.Kind.allCases {
            guard let raw = ops.object[kind.name] else { throw ops.fail(kind.name, "is missing") }
            let counts = try JSONFields(raw, source: path, location: "field 'statistics.operations.\(kind.name)'")
            statistics.outcomes[Int(kind.rawValue) * RandomStatistics.outcomeCount] = try counts.requiredInt("ok")
            for error in KernelError.allCases {
                statistics.outcomes[Int(kind.rawValue) * RandomStatistics.outcomeCount + 1 + error.outcomeIndex] =
                    try counts.requiredInt(error.description)
            }
        }
        return statistics
    }
}

extension JSONFields {
    func int(_ key: String) throws(InputError) -> Int? {
        guard let n = try number(key) else { return nil }
        guard n <= UInt64(Int.max) else { throw fail(key, "is too large, got \(n)") }
        return Int(n)
    }

    func requiredInt(_ key: String) throws(InputError) -> Int {
        guard let n = try int(key) else { throw fail(key, "is missing") }
        return n
    }

    func double(_ key: String) throws(InputError) -> Double {
        guard let raw = object[key] else { throw fail(key, "is missing") }
        guard let n = raw as? NSNumber, !JSONFields.isBoolean(raw) else { throw fail(key, "must be a number") }
        return n.doubleValue
    }

    func optionalDouble(_ key: String) throws(InputError) -> Double? {
        guard object[key] != nil else { return nil }
        return try double(key)
    }

    func strings(_ key: String) throws(InputError) -> [String] {
        var result: [String] = []
        for (i, raw) in (try array(key) ?? []).enumerated() {
            guard let s = raw as? String else { throw fail(key, "item \(i + 1) must be a string") }
            result.append(s)
        }
        return result
    }
}
