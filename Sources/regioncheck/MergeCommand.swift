import ArgumentParser
import Checker
import Foundation

/// `regioncheck merge`: the shards' JSON reports of one `explore` or `random` run combined into
/// the whole run's report.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge the JSON reports of the shards of one explore or random run (--shard I/N --format json) into one report.",
        discussion: """
            Every shard must be given exactly once, all of one run (the same verb and parameters); anything else is bad \
            input naming the file (exit 2). The merged report gives the verdict, the shortest counterexample over the \
            shards (explore; random: the failing run with the lowest index, the one the unsharded run reports) written as \
            a trace file, the summed statistics and each shard's time. Exit codes as for the verb: 0 pass, 1 violation, \
            3 inconclusive.
            """
    )

    @Argument(help: ArgumentHelp("The shards' JSON reports.", valueName: "REPORT.json"))
    var reports: [String] = []

    @Option(help: ArgumentHelp("Output format (junit and sarif for CI).", valueName: "text|json|junit|sarif"))
    var format = "text"

    @Option(help: ArgumentHelp("Where to write the counterexample trace (default: the verb's own default path).", valueName: "PATH"))
    var traceOut: String?

    func validate() throws {
        guard ["text", "json", "junit", "sarif"].contains(format) else {
            throw ValidationError("--format must be text, json, junit or sarif, got '\(format)'")
        }
        guard !reports.isEmpty else { throw ValidationError("give the shards' JSON reports (REPORT.json…)") }
    }

    func run() throws {
        let merged: ShardMerge.Merged
        do throws(InputError) {
            merged = try ShardMerge.merge(paths: reports)
        } catch {
            failOnBadInput(error.description)
        }
        switch merged {
        case .explore(let report):
            var written: String?
            if let counterexample = report.counterexample {
                let path = traceOut ?? ExplorationDefaults.tracePath
                do throws(InputError) {
                    try counterexample.trace.write(to: path)
                    written = path
                } catch {
                    FileHandle.standardError.write(Data("warning: \(error.description)\n".utf8))
                }
            }
            switch format {
            case "json": print(report.jsonText(tracePath: written))
            case "junit": print(report.junitText(tracePath: written))
            case "sarif": print(report.sarifText(tracePath: written))
            default: print(report.text(tracePath: written))
            }
            if GitHubAnnotations.enabled {
                for line in GitHubAnnotations.lines(for: report.checkOutcome(tracePath: written)) { print(line) }
            }
            if report.exitCode != Exit.pass { throw ExitCode(report.exitCode) }
        case .random(var report):
            if let failure = report.failure {
                let path = traceOut ?? "random-counterexample.json"
                do throws(InputError) {
                    try failure.trace.write(to: path)
                    report.failure?.writtenTo = [path]
                } catch {
                    FileHandle.standardError.write(Data("warning: \(error.description)\n".utf8))
                }
            }
            switch format {
            case "json": print(report.json)
            case "junit": print(report.junitText, terminator: "")
            case "sarif": print(report.sarifText, terminator: "")
            default: print(report.text)
            }
            if GitHubAnnotations.enabled && report.checking {
                for line in GitHubAnnotations.lines(for: report.checkOutcome) { print(line) }
            }
            if report.failure != nil { throw ExitCode(Exit.violation) }
            if report.inconclusive != nil { throw ExitCode(Exit.inconclusive) }
        }
    }
}
