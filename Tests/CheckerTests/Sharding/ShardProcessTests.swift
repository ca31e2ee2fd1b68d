import Foundation
import Testing

/// The built `regioncheck` binary run as N shard processes side by side, as a CI matrix or an
/// Indexed Job runs them, and their JSON reports merged by `regioncheck merge`.
@Suite struct ShardProcessTests {
    /// Small enough for a debug build: `tiny` to depth 4 with one page size, one protection,
    /// anywhere and fixed placements, one-page ranges, touch and teardown (about a second).
    static let explore = ["explore", "--universe", "tiny", "--depth", "4", "--workers", "1", "--sizes", "1", "--protections", "rw-",
                          "--placements", "anywhere,fixed", "--max-range", "1", "--no-faults"]

    @Test func threeMutantShardsMergeToTheUnshardedCounterexampleLength() throws {
        let dir = try Self.directory()
        let whole = try Self.run(Self.explore + ["--mutant", "skip-tlb-flush", "--format", "json", "--trace-out", "\(dir)/whole-trace.json"])
        #expect(whole.status == 1)
        let wholeDepth = try #require(Self.json(whole.stdout)["counterexample"].flatMap { ($0 as? [String: Any])?["depth"] as? Int })
        let reports = try Self.runShards(3, Self.explore + ["--mutant", "skip-tlb-flush", "--split-depth", "1"], in: dir)
        #expect(reports.allSatisfy { $0.status == 1 })
        let merged = try Self.run(["merge", "--format", "json", "--trace-out", "\(dir)/merged-trace.json"] + reports.map(\.path))
        #expect(merged.status == 1, "\(merged.stderr)")
        let object = try Self.json(merged.stdout)
        #expect((object["counterexample"] as? [String: Any])?["depth"] as? Int == wholeDepth)
        #expect((object["merged"] as? [String: Any])?["count"] as? Int == 3)
        // The merged trace is written and replays to the violation.
        let replay = try Self.run(["replay", "\(dir)/merged-trace.json"])
        #expect(replay.status == 1, "the merged counterexample should reproduce: \(replay.stdout)")
    }

    @Test func referenceShardsMergeToAPassWithTheUnshardedLevelsAboveTheSplit() throws {
        let dir = try Self.directory()
        let whole = try Self.run(Self.explore + ["--format", "json"])
        #expect(whole.status == 0)
        // --shard auto reads the index from the Indexed Job's variables.
        let reports = try Self.runShards(3, Self.explore, in: dir, auto: true)
        #expect(reports.allSatisfy { $0.status == 0 })
        let merged = try Self.run(["merge", "--format", "json"] + reports.map(\.path))
        #expect(merged.status == 0, "\(merged.stderr)")
        let object = try Self.json(merged.stdout)
        let split = try #require((object["merged"] as? [String: Any])?["splitDepth"] as? Int)
        let levels = { (o: [String: Any]) in (o["levels"] as? [[String: Any]] ?? []).map { [$0["generated"] as? Int, $0["distinct"] as? Int, $0["totalDistinct"] as? Int] } }
        let wholeLevels = levels(try Self.json(whole.stdout))
        #expect(Array(levels(object).prefix(split)) == Array(wholeLevels.prefix(split)))
        #expect(levels(object).count == wholeLevels.count)
        #expect(object["outcome"] as? String == "pass")
        // A missing shard, a shard given twice and a mix of runs are bad input naming a file.
        let missing = try Self.run(["merge"] + reports.prefix(2).map(\.path))
        #expect(missing.status == 2 && missing.stderr.contains("shard 2 of 3 missing"))
        let twice = try Self.run(["merge", reports[0].path, reports[1].path, reports[1].path])
        #expect(twice.status == 2 && twice.stderr.contains(reports[1].path))
        let other = try Self.runShards(3, Self.explore.map { $0 == "4" ? "3" : $0 }, in: dir, prefix: "depth3")
        let mix = try Self.run(["merge", reports[0].path, reports[1].path, other[2].path])
        #expect(mix.status == 2 && mix.stderr.contains(other[2].path) && mix.stderr.contains("depthBound"))
    }

    @Test func twoRandomShardsMergeToTheUnshardedStatistics() throws {
        let dir = try Self.directory()
        let random = ["random", "--universe", "serenity", "--runs", "40", "--steps", "300", "--seed", "3"]
        let whole = try Self.run(random + ["--format", "json"])
        #expect(whole.status == 0)
        let reports = try Self.runShards(2, random, in: dir)
        let merged = try Self.run(["merge", "--format", "json"] + reports.map(\.path))
        #expect(merged.status == 0, "\(merged.stderr)")
        func counts(_ o: [String: Any]) -> NSDictionary {
            var s = o["statistics"] as? [String: Any] ?? [:]
            s["seconds"] = nil
            s["stepsPerSecond"] = nil
            return s as NSDictionary
        }
        #expect(counts(try Self.json(merged.stdout)) == counts(try Self.json(whole.stdout)))
        #expect(counts(try Self.json(merged.stdout))["runs"] as? Int == 40)
        // --shard auto without the Indexed Job's variables is bad input naming the variable.
        let bad = try Self.run(random + ["--shard", "auto"], environment: [:])
        #expect(bad.status == 2 && bad.stderr.contains("JOB_COMPLETION_INDEX"))
    }

    // MARK: running the binary

    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
        var path = ""
    }

    /// The `regioncheck` executable SwiftPM built beside the test bundle.
    static func binary() throws -> URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        for dir in [beside, beside.deletingLastPathComponent()] {
            let candidate = dir.appendingPathComponent("regioncheck")
            if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let built = root.appendingPathComponent(".build/debug/regioncheck")
        guard FileManager.default.isExecutableFile(atPath: built.path) else {
            throw BinaryNotFound(description: "no regioncheck executable beside \(beside.path) or at \(built.path)")
        }
        return built
    }

    struct BinaryNotFound: Error, CustomStringConvertible { var description: String }

    static func directory() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("regioncheck-shards-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func start(_ arguments: [String], environment: [String: String]?, stdout: URL) throws -> (Process, Pipe) {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = arguments
        if let environment { process.environment = environment }
        FileManager.default.createFile(atPath: stdout.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: stdout)
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        return (process, errors)
    }

    static func run(_ arguments: [String], environment: [String: String]? = nil) throws -> Result {
        let out = URL(fileURLWithPath: try directory()).appendingPathComponent("stdout")
        let (process, errors) = try start(arguments, environment: environment, stdout: out)
        let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return Result(status: process.terminationStatus, stdout: try String(contentsOf: out, encoding: .utf8), stderr: stderr)
    }

    /// N shard processes at once, each writing its JSON report to a file of `dir`.
    static func runShards(_ count: Int, _ arguments: [String], in dir: String, auto: Bool = false, prefix: String = "shard") throws -> [Result] {
        var running: [(Process, Pipe, String)] = []
        for i in 0 ..< count {
            let path = "\(dir)/\(prefix)-\(i).json"
            var environment = ProcessInfo.processInfo.environment
            var args = arguments + ["--format", "json", "--trace-out", "\(dir)/\(prefix)-\(i)-trace.json"]
            if auto {
                environment["JOB_COMPLETION_INDEX"] = "\(i)"
                environment["JOB_COMPLETIONS"] = "\(count)"
                args += ["--shard", "auto"]
            } else {
                args += ["--shard", "\(i)/\(count)"]
            }
            let (process, errors) = try start(args, environment: environment, stdout: URL(fileURLWithPath: path))
            running.append((process, errors, path))
        }
        return running.map { process, errors, path in
            let stderr = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            process.waitUntilExit()
            return Result(status: process.terminationStatus, stdout: (try? String(contentsOfFile: path, encoding: .utf8)) ?? "",
                          stderr: stderr, path: path)
        }
    }

    static func json(_ text: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any] ?? [:]
    }
}
