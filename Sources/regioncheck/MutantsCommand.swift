import ArgumentParser
import Checker
import Foundation
import Model

/// `regioncheck mutants`: the kill matrix. Every SPEC §4 mutant and the unmutated reference go
/// through the same detectors in a fixed order; the gate passes when every mutant is killed and
/// the reference is clean.
struct MutantsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "mutants",
        abstract: "Run the kill matrix: every legacy-bug mutant and the reference through explore tiny, explore small, random serenity and prove.",
        discussion: """
            A mutant is killed when a detector reports a violation of a catalogue property; a violation on the \
            unmutated reference is a false alarm. Counterexample traces go to --out. Exit codes: 0 every mutant \
            killed and the reference clean, 1 a mutant survived or a false alarm, 2 bad input, 3 an inconclusive \
            detector decides the verdict.
            """
    )

    @Option(help: ArgumentHelp("The alphabet of both explorations: standard (default, as the default check) or classic "
                               + "(the one every kill-matrix figure before 0.19 was measured with).", valueName: "standard|classic"))
    var alphabet = "standard"

    @Option(help: ArgumentHelp("Depth of the exhaustive exploration of tiny.", valueName: "N"))
    var depth = KillMatrixBudget.standard.tinyDepth

    @Option(help: ArgumentHelp("Depth of the exhaustive exploration of small (0 leaves it out).", valueName: "N"))
    var smallDepth = KillMatrixBudget.standard.smallDepth

    @Option(help: ArgumentHelp("Random runs on the 64-bit serenity universe (0 leaves them out).", valueName: "N"))
    var runs = KillMatrixBudget.standard.randomRuns

    @Option(help: ArgumentHelp("Steps per random run.", valueName: "N"))
    var steps = KillMatrixBudget.standard.randomSteps

    @Option(help: ArgumentHelp("Wall-clock seconds each random shrink may take (a safety net behind its deterministic step budget); when it fires the row says so and keeps the smallest counterexample so far.", valueName: "SECONDS"))
    var shrinkSeconds = KillMatrixBudget.standard.randomShrinkSeconds

    @Option(help: ArgumentHelp("Regions of the symbolic layouts prove covers (0 leaves prove out).", valueName: "K"))
    var proveRegions = KillMatrixBudget.standard.proveRegions

    @Option(help: ArgumentHelp("Seed of the first random run: decimal or 0x hex.", valueName: "S"))
    var seed = "1"

    @Option(name: .customLong("only"), help: ArgumentHelp("Run only this mutant (repeatable); the reference is always run.", valueName: "NAME"))
    var only: [String] = []

    @Option(help: ArgumentHelp("Threads for each detector (default: the number of cores); results do not depend on it.", valueName: "N"))
    var workers: Int?

    @Option(help: ArgumentHelp("Output format (junit, sarif and stryker for CI)."))
    var format: MutantsFormat = .text

    @Option(help: ArgumentHelp("Directory for the counterexample traces.", valueName: "DIR"))
    var out = "mutants-out"

    @Option(help: ArgumentHelp("Also write the Stryker (mutation-testing-elements) JSON report to PATH.", valueName: "PATH"))
    var stryker: String?

    @Option(help: ArgumentHelp(ArgumentHelpText.output, valueName: "FILE"))
    var output: String?

    @Flag(help: "List the mutants, one line each, and exit.")
    var list = false

    func validate() throws {
        guard parsedAlphabet != nil else {
            throw ValidationError("--alphabet must be \(AlphabetSettings.named.map(\.name).joined(separator: " or ")), got '\(alphabet)'")
        }
        guard depth >= 1 && depth <= 64 else { throw ValidationError("--depth must be 1...64, got \(depth)") }
        guard smallDepth >= 0 && smallDepth <= 64 else { throw ValidationError("--small-depth must be 0...64, got \(smallDepth)") }
        guard runs >= 0 else { throw ValidationError("--runs must be 0 or more, got \(runs)") }
        guard proveRegions >= 0 && proveRegions <= 256 else { throw ValidationError("--prove-regions must be 0...256, got \(proveRegions)") }
        guard shrinkSeconds >= 0 && shrinkSeconds.isFinite else { throw ValidationError("--shrink-seconds must be 0 or more, got \(shrinkSeconds)") }
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1, got \(steps)") }
        guard parsedSeed != nil else { throw ValidationError("--seed must be a decimal or 0x-hex 64-bit number, got '\(seed)'") }
        if let workers, workers < 1 || workers > 256 { throw ValidationError("--workers must be 1...256, got \(workers)") }
        guard !out.isEmpty else { throw ValidationError("--out must name a directory") }
        for name in only where Mutations.named(name) == nil {
            throw ValidationError("--only: unknown mutant '\(name)' (known: \(Mutations.catalogue.map(\.name).joined(separator: ", ")))")
        }
    }

    var parsedSeed: UInt64? { UInt64(decimalOrHex: seed) }
    var parsedAlphabet: AlphabetSettings? { try? AlphabetSettings.named(alphabet) }

    func run() throws {
        if list {
            for (name, _) in Mutations.allCatalogued { StandardOutput.print("\(name.padding(toLength: 34, withPad: " ", startingAt: 0)) \(MutantSummaries.line(name))") }
            return
        }
        let budget = KillMatrixBudget(alphabet: parsedAlphabet!, tinyDepth: depth, smallDepth: smallDepth, randomRuns: runs, randomSteps: steps, seed: parsedSeed!,
                                      proveRegions: proveRegions, randomShrinkSeconds: shrinkSeconds)
        let subjects = only.isEmpty ? MutantSubject.catalogue : MutantSubject.catalogue.filter { only.contains($0.name) }
        let context = DetectorContext(workers: workers ?? ProcessInfo.processInfo.activeProcessorCount, outputDirectory: out)
        do throws(InputError) {
            try OutputPath.checkDirectory(out, flag: "--out")
            if let stryker { try OutputPath.checkFile(stryker, flag: "--stryker") }
        } catch {
            failOnBadInput(error.description)
        }
        let sink = ReportSink(path: output)
        let showProgress = ProgressLine.enabled
        let report: KillMatrixReport
        do throws(InputError) {
            report = try KillMatrix.run(KillMatrixRequest(subjects: subjects, detectors: budget.detectors, context: context)) { subject, result in
                guard showProgress else { return }
                let outcome = switch result.verdict {
                case .clean: "no violation"
                case .inconclusive: "inconclusive"
                case .notApplicable: "not applicable"
                case .violation(let f): f.violation.property
                }
                ProgressLine.show("\(subject.name): \(result.detector): \(outcome)")
            }
        } catch {
            failOnBadInput(error.description)
        }
        if showProgress { ProgressLine.clear() }
        let root = BundledFiles.packageRoot() ?? URL(fileURLWithPath: FileManager.default.currentDirectoryPath)
        let seams = MutantSeams.locate(packageRoot: root)
        if let stryker {
            do {
                try report.stryker(packageRoot: root).json.write(toFile: stryker, atomically: true, encoding: .utf8)
            } catch {
                failOnBadInput("--stryker: cannot write \(stryker): \(error.localizedDescription)")
            }
        }
        switch format {
        case .json: sink.line(report.json)
        case .junit: sink.write(report.junit.xml)
        case .sarif: sink.write(report.sarif(seams: seams).json)
        case .stryker: sink.write(report.stryker(packageRoot: root).json)
        case .text: sink.line(report.text)
        case .html: sink.write(report.html)
        }
        if GitHubAnnotations.enabled { ReportSink.annotate(report.githubAnnotations(seams: seams)) }
        try sink.exit(report.exitCode)
    }
}
