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

    @Option(help: ArgumentHelp("Output format: text, junit/sarif for CI (one test case per trace file), or html (one page, a map per step).", valueName: "text|junit|sarif|html"))
    var format = "text"

    @OptionGroup(title: "Z3")
    var z3: Z3Options

    func validate() throws {
        guard ["text", "junit", "sarif", "html"].contains(format) else {
            throw ValidationError("--format must be text, junit, sarif or html, got '\(format)'")
        }
    }

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
        var failed = false
        var reports: [ReplayReport] = []
        for path in paths {
            let trace: Trace
            do {
                trace = try Trace.load(path: path)
            } catch {
                failOnBadInput(error.description)
            }
            let report = Replayer.run(trace, source: path, properties: propertySet, z3: z3Check)
            reports.append(report)
            if format == "text" {
                print(quiet ? report.namedSummary : report.text)
                if !quiet { print() }
            }
            failed = failed || !report.clean
        }
        if format == "junit" { print(ReplayOutputs.junit(reports).xml, terminator: "") }
        if format == "sarif" { print(ReplayOutputs.sarif(reports).json, terminator: "") }
        if format == "html" { print(ReplayOutputs.html(reports), terminator: "") }
        if GitHubAnnotations.enabled {
            for report in reports { for line in GitHubAnnotations.lines(for: report.checkOutcome) { print(line) } }
        }
        if failed { throw ExitCode(Exit.violation) }
    }
}
