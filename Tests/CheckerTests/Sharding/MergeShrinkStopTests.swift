@testable import Checker
import Foundation
import Model
import Testing

/// `regioncheck merge` keeps what the shards say about their shrinks: a counterexample whose
/// shrink the wall-clock net stopped is reported as such in the merged report, as the unsharded
/// report says it; and `--format` is the argument parser's own choice (exit 2, the standard
/// message naming the valid values).
@Suite struct MergeShrinkStopTests {
    /// Two shards of a run that finds `mprotect-early-return`, each writing its JSON report.
    static func shardReports(shrinkSeconds: Double?, in dir: String) throws -> [String] {
        let setup = RandomSetup(universe: .tiny, mutations: Mutations.named("mprotect-early-return")!)
        return try (0 ..< 2).map { i in
            var options = RandomOptions(runs: 300, steps: 60, seed: 1, traceOut: "\(dir)/trace-\(i).json", universeArgument: "tiny")
            options.shrinkSeconds = shrinkSeconds
            options.shard = Shard(index: i, count: 2)
            let report = try RandomCheck.run(setup, options)
            let path = "\(dir)/shard-\(i).json"
            try report.json.write(toFile: path, atomically: true, encoding: .utf8)
            return path
        }
    }

    static func merged(_ paths: [String]) throws -> RandomReport {
        guard case .random(let report) = try ShardMerge.merge(paths: paths) else { throw CocoaError(.fileReadCorruptFile) }
        return report
    }

    @Test func aShrinkStoppedByTheNetIsSaidSoInTheMergedReport() throws {
        let dir = try ShardProcessTests.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let report = try Self.merged(try Self.shardReports(shrinkSeconds: 0, in: dir))
        let failure = try #require(report.failure, "the mutant is found")
        #expect(failure.shrinkStop == .timeLimit(seconds: 0) && !failure.shrinkComplete)
        #expect(report.text.contains("STOPPED BY THE WALL-CLOCK NET after 0.00 s (--shrink-seconds)"), "\(report.text)")
        #expect(report.text.contains("its shrink STOPPED BY THE WALL-CLOCK NET"), "per shard")
        #expect(report.json.contains("\"shrinkStop\": \"time-limit\""))
        #expect(report.json.contains("\"shrinkSecondsLimit\": 0.0"))
        #expect(report.json.contains("\"shrinkStop\":\"time-limit\""), "the shard summaries")
    }

    @Test func aShrinkToItsFixedPointStaysQuiet() throws {
        let dir = try ShardProcessTests.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let report = try Self.merged(try Self.shardReports(shrinkSeconds: nil, in: dir))
        let failure = try #require(report.failure)
        #expect(failure.shrinkStop == .fixedPoint && failure.shrinkComplete)
        #expect(!report.text.contains("WALL-CLOCK NET"))
        #expect(report.json.contains("\"shrinkStop\": \"fixed-point\""))
    }

    @Test func anUnknownShrinkStopIsBadInputNamingTheField() throws {
        let dir = try ShardProcessTests.directory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let paths = try Self.shardReports(shrinkSeconds: 0, in: dir)
        for path in paths {
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: "\"shrinkStop\": \"time-limit\"", with: "\"shrinkStop\": \"tired\"")
                .write(toFile: path, atomically: true, encoding: .utf8)
        }
        #expect {
            _ = try ShardMerge.merge(paths: paths)
        } throws: { error in
            "\(error)".contains("shrinkStop") && "\(error)".contains("tired") && "\(error)".contains("shard-")
        }
    }

    @Test func anUnknownFormatIsTheParsersUsageError() throws {
        let result = try ShardProcessTests.run(["merge", "--format", "xml", "a.json"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("The value 'xml' is invalid for '--format <format>'. Please provide one of 'text', 'json', 'junit' or 'sarif'."),
                "\(result.stderr)")
        let help = try ShardProcessTests.run(["merge", "--help"])
        #expect(help.stdout.contains("text, json, junit, sarif; default: text"), "\(help.stdout)")
    }
}
