import ArgumentParser
import Checker
import Foundation
import Model

/// `regioncheck prove`: symbolic verification with Z3 of placement and splitting for every
/// layout of up to K regions of the 64-bit serenity user range.
struct ProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prove",
        abstract: "Prove with Z3 that placement and splitting meet docs/SPEC.md §2 for every layout of up to K regions.",
        discussion: """
            Obligations: anywhere (sound, complete, lowest), fixed-noreplace (succeeds iff inside and free; ENOMEM \
            outside, EEXIST on overlap), split (the parts and the intersection partition the source; offsets follow), \
            top-down (sound, complete, highest). \
            Layouts, sizes and alignments (P·2^j, j = 0…20) are symbolic over the serenity range \
            [0x10000, 0x1ffe000000). Exit codes: 0 proved, 1 a counterexample (printed as a layout), 2 bad input, \
            3 unknown (a time limit or Z3 could not decide). Each counterexample is written as a trace (--trace-out) that replay re-runs.
            """
    )

    @Option(help: ArgumentHelp("Prove for every layout of up to K regions.", valueName: "K"))
    var regions = ProveRun.defaultRegions

    @Option(name: .customLong("mutant"), help: ArgumentHelp("Switch a legacy bug into the encoded algorithms (repeatable).", valueName: "NAME"))
    var mutants: [String] = []

    @Option(help: ArgumentHelp("Which obligation to prove."))
    var obligation: ObligationChoice = .all

    @Option(help: ArgumentHelp("Time limit per obligation, in seconds; reaching it is inconclusive (exit 3).", valueName: "SECONDS"))
    var timeout = ProveRun.defaultTimeout

    @Option(help: ArgumentHelp("Output format."))
    var format: ProveFormat = .text

    @Option(help: ArgumentHelp(ArgumentHelpText.output, valueName: "FILE"))
    var output: String?

    @Option(name: .customLong("properties-dir"), help: ArgumentHelp("A folder of your own .smt2 property files, validated before proving (repeatable).", valueName: "DIR"))
    var propertiesDirs: [String] = []

    @Option(help: ArgumentHelp("Write each counterexample as the trace PREFIX-OBLIGATION.json, for regioncheck replay.", valueName: "PREFIX"))
    var traceOut = "regioncheck-prove"

    func validate() throws {
        guard regions >= 1 && regions <= 256 else { throw ValidationError("--regions must be 1...256, got \(regions)") }
        guard timeout > 0 && timeout <= 86_400 else { throw ValidationError("--timeout must be in (0, 86400] seconds, got \(timeout)") }
        for name in mutants where Mutations.named(name) == nil {
            throw ValidationError("--mutant: unknown mutant '\(name)' (known: \(Mutations.catalogue.map(\.name).joined(separator: ", ")))")
        }
    }

    func run() throws {
        let sink = ReportSink(path: output)
        var mutations: Mutations = []
        for name in mutants { mutations.insert(Mutations.named(name)!) }
        let obligations = obligation.obligations
        let report: ProveReport
        do throws(InputError) {
            // The user's property files are loaded and type-checked first: a malformed one is bad input.
            if !propertiesDirs.isEmpty { _ = try Z3PropertyCheck.loadProperties(extraDirectories: propertiesDirs) }
            report = try ProveRun.run(regions: regions, mutations: mutations, obligations: obligations, timeout: timeout)
        } catch {
            failOnBadInput(error.description)
        }
        sink.line(format == .json ? report.jsonText : report.text)
        for result in report.results {
            guard case let .counterexample(c) = result.verdict else { continue }
            let path = "\(traceOut)-\(result.obligation.rawValue).json"
            let replayed = c.replayed(obligation: result.obligation, mutations: mutations, source: path)
            do throws(InputError) { try replayed.trace.write(to: path) } catch { failOnBadInput(error.description) }
            if format == .text {
                let count = replayed.trace.steps.count
                sink.line("trace: \(path) (\(count) step\(count == 1 ? "" : "s"), replay shows \(replayed.violation.property)): regioncheck replay \(path)")
            }
        }
        try sink.exit(report.exitCode)
    }
}
