import ArgumentParser
import Checker
import Foundation

struct ReplayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "replay",
        abstract: "Re-run trace files step by step, checking each step's expected result.",
        discussion: "With no FILE, replays the example traces bundled in Examples/traces."
    )

    @Argument(help: "Trace files (JSON) to replay.")
    var files: [String] = []

    @Flag(help: "Print only the summary line of each trace.")
    var quiet = false

    func run() throws {
        let paths = files.isEmpty ? BundledFiles.exampleTraces() : files
        guard !paths.isEmpty else { failOnBadInput("no trace files given and no bundled examples found (run from the package root)") }
        var failed = false
        for path in paths {
            let trace: Trace
            do {
                trace = try Trace.load(path: path)
            } catch {
                failOnBadInput(error.description)
            }
            let report = Replayer.run(trace, source: path)
            print(quiet ? report.text.split(separator: "\n").last.map(String.init) ?? "" : report.text)
            if !quiet { print() }
            failed = failed || !report.passed
        }
        if failed { throw ExitCode(Exit.violation) }
    }
}
