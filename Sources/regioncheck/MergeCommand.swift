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

    @Option(help: ArgumentHelp("Output format (junit and sarif for CI)."))
    var format: MergeFormat = .text

    @Option(help: ArgumentHelp("Where to write the counterexample trace (default: the verb's own default path).", valueName: "PATH"))
    var traceOut: String?

    func validate() throws {
        guard !reports.isEmpty else { throw ValidationError("give the shards' JSON reports (REPORT.json…)") }
    }

    func run() throws {
        let merged: ShardMerge.Merged
        do throws(InputError) {
            merged = try ShardMerge.merge(paths: reports)
        } catch {
            failOnBadInput(error.description)
        }
        // Every write checked, and annotations on stderr, as for the verbs themselves.
        let sink = ReportSink(path: nil)
        switch merged {
        case .explore(let report):
            let written = report.counterexample.flatMap { writeCounterexampleTrace($0.trace, to: traceOut ?? ExplorationDefaults.tracePath) }
            switch format {
            case .json: sink.line(report.jsonText(tracePath: written))
            case .junit: sink.line(report.junitText(tracePath: written))
            case .sarif: sink.line(report.sarifText(tracePath: written))
            case .text: sink.line(report.text(tracePath: written))
            }
            if GitHubAnnotations.enabled { ReportSink.annotate(GitHubAnnotations.lines(for: report.checkOutcome(tracePath: written))) }
            try sink.exit(report.exitCode)
        case .random(var report):
            if let failure = report.failure, let path = writeCounterexampleTrace(failure.trace, to: traceOut ?? "random-counterexample.json") {
                report.failure?.writtenTo = [path]
            }
            switch format {
            case .json: sink.line(report.json)
            case .junit: sink.write(report.junitText)
            case .sarif: sink.write(report.sarifText)
            case .text: sink.line(report.text)
            }
            if GitHubAnnotations.enabled && report.checking { ReportSink.annotate(GitHubAnnotations.lines(for: report.checkOutcome)) }
            try sink.exit(report.failure != nil ? Exit.violation : report.inconclusive != nil ? Exit.inconclusive : Exit.pass)
        }
    }
}
