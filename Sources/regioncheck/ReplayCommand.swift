import ArgumentParser
import Checker
import Foundation

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-run trace files step by step, checking each step's expected result and every property.",
        discussion: """
            With no FILE, replays the example traces bundled in Examples/traces. Exit 1 when an expectation \
            does not match or a property is violated (for a counterexample trace: the violation is reproduced); \
            0 when every expectation matches and no property is violated.
            """
    )

    @Argument(help: "Trace files (JSON) to replay.")
    var files: [String] = []

    @Flag(help: "Print only the summary line of each trace, prefixed with its file name.")
    var quiet = false

    @Option(parsing: .unconditional, help: ArgumentHelp("Properties to check: a comma list of ids, 'all', or '-id' to leave one out (e.g. -first-fit).", valueName: "LIST"))
    var properties: String?

    @Option(help: ArgumentHelp("Output format: text, junit/sarif for CI (one test case per trace file), or html (one page, a map per step)."))
    var format: ReplayFormat = .text

    @Option(help: ArgumentHelp(ArgumentHelpText.output, valueName: "FILE"))
    var output: String?

    @OptionGroup(title: "External implementation")
    var external: ImplementationOptions

    @OptionGroup(title: "Z3")
    var z3: Z3Options

    func run() throws {
        let paths = files.isEmpty ? BundledFiles.exampleTraces() : files
        guard !paths.isEmpty else { failOnBadInput("no trace files given and no bundled examples found (run from the package root)") }
        let propertySet: PropertySet
        var z3Check: Z3PropertyCheck?
        do throws(InputError) {
            let z3Settings: Z3Settings?
            (propertySet, z3Settings) = try z3.resolve(selection: properties)
            // Replay checks the selected files on every step: --properties-dir alone is enough.
            if var settings = z3Settings {
                settings.mode = .all
                z3Check = try settings.makeCheck()
            }
        } catch {
            failOnBadInput(error.description)
        }
        let sink = ReportSink(path: output)
        var failed = false
        var reports: [ReplayReport] = []
        for path in paths {
            if ConcurrentTrace.isConcurrentTrace(path: path) {
                failed = replayConcurrent(path) || failed
                continue
            }
            let trace: Trace
            do {
                trace = try Trace.load(path: path)
                try trace.checkViolates(known: PropertyCatalogue.ids + (z3Check?.ids ?? []), source: path)
            } catch {
                failOnBadInput(error.description)
            }
            if let library = external.implementation ?? trace.implementation?.path {
                let report: ReplayReport
                do throws(InputError) {
                    report = try replayExternally(trace, library: library, path: path, properties: propertySet)
                } catch {
                    failOnBadInput(error.description)
                }
                reports.append(report)
                if format == .text {
                    sink.line(quiet ? report.namedSummary : report.text)
                    if !quiet { sink.line("") }
                }
                failed = failed || !report.clean
                continue
            }
            if format == .html {
                // One page of every trace's steps, each with its map: the observations are kept.
                let report = Replayer.run(trace, source: path, properties: propertySet, z3: z3Check)
                reports.append(report)
                failed = failed || !report.clean
                continue
            }
            // Linear in the trace: steps stream out as they run, and no picture is kept (none is
            // drawn under --quiet or for the CI formats).
            let streaming = format == .text && !quiet
            if streaming { sink.line(ReplayReport.header(of: trace, source: path).joined(separator: "\n")) }
            let report = Replayer.run(trace, source: path, properties: propertySet, z3: z3Check,
                                      pictures: streaming ? .streamed : .none) { outcome in
                if streaming { sink.line(ReplayReport.lines(of: outcome).joined(separator: "\n")) }
            }
            if streaming { sink.line(report.coverageLines.joined(separator: "\n")) }
            if format == .text { sink.line(quiet ? report.namedSummary : report.summary) }
            if streaming { sink.line("") }
            reports.append(report)
            failed = failed || !report.clean
        }
        if format == .junit { sink.write(ReplayOutputs.junit(reports).xml) }
        if format == .sarif { sink.write(ReplayOutputs.sarif(reports).json) }
        if format == .html { sink.write(ReplayOutputs.html(reports)) }
        if GitHubAnnotations.enabled { for report in reports { ReportSink.annotate(GitHubAnnotations.lines(for: report.checkOutcome)) } }
        try sink.exit(failed ? Exit.violation : Exit.pass)
    }

    /// Through `--implementation` (or the implementation the trace records), in a worker process.
    func replayExternally(_ trace: Trace, library: String, path: String, properties: PropertySet) throws(InputError) -> ReplayReport {
        let spec = try ImplementationSpec(path: library, stepTimeout: external.stepTimeout)
        if let recorded = trace.implementation, recorded.path == library, !recorded.hash.isEmpty, recorded.hash != spec.hash {
            FileHandle.standardError.write(Data("warning: \(library) has changed since \(path) was recorded (fnv1a \(recorded.hash), now \(spec.hash))\n".utf8))
        }
        return try ExternalReplayer.run(trace, source: path, implementation: spec, propertyIDs: Set(properties.ids))
    }
}
