import ArgumentParser
import Checker
import Foundation
import Model

/// `regioncheck random`: seeded random runs with every property checked after every step; the
/// first counterexample is shrunk, written as a trace, and printed with its reproduction line.
struct RandomCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "random",
        abstract: "Run seeded random operation sequences, check every property after every step, shrink counterexamples.",
        discussion: """
            Run i+1's seed is derived from run i's (SplitMix64), so `--seed S --runs 1` re-runs exactly the run that \
            printed S as its run seed. Exit codes: 0 no violation, 1 a violation (its shrunk trace is written), 2 bad input, \
            3 inconclusive (Z3 could not decide a step checked with --z3, or --max-seconds stopped the runs early). \
            On a terminal a progress line (runs, steps, steps/s, elapsed) goes to stderr.
            """
    )

    @Option(help: "The universe: a preset (tiny, small, serenity) or a universe JSON file.")
    var universe = "serenity"

    @Option(help: "How many runs, each from a fresh address space.")
    var runs = 100

    @Option(help: "Steps per run (a run stops early at its first violation).")
    var steps = 1000

    @Option(help: "Seed of the first run: a decimal or 0x-hex 64-bit number, or 'random' to draw one (printed first, on stderr).")
    var seed = "1"

    @Option(help: ArgumentHelp("Stop starting runs after this many seconds; the partial report is inconclusive (exit 3).", valueName: "SECONDS"))
    var maxSeconds: Double?

    @Option(help: ArgumentHelp("Wall-clock seconds shrinking may take (a safety net behind its deterministic step budget; 0 keeps the counterexample as found). When it fires the report says so; the smallest counterexample so far is printed and written.", valueName: "SECONDS"))
    var shrinkSeconds = RandomOptions.defaultShrinkSeconds

    @Option(name: .customLong("mutant"), help: "Switch a legacy bug back in (repeatable; docs/SPEC.md §4 and `mutants --list` name them).")
    var mutants: [String] = []

    @Option(help: "Properties to check: comma-separated ids, `all`, or `-id` to leave one out (e.g. -first-fit).")
    var properties: String?

    @Option(help: "The allocator design to run.")
    var design: Design = .reference

    @Option(name: .customLong("fix"), help: ArgumentHelp("With --design serenity: switch on a fix of docs/findings-serenity.md (repeatable, or 'all').", valueName: "NAME"))
    var fixes: [String] = []

    @Option(help: "Failure database: its matching traces are replayed first, and new counterexamples are added to it.")
    var corpus: String?

    @Option(help: "Where to write the shrunk counterexample as a trace file.")
    var traceOut = "random-counterexample.json"

    @Option(help: "Report format: text, json, junit/sarif for CI, or html (one page with a map per step).")
    var format: CheckFormat = .text

    @Option(help: ArgumentHelp(ArgumentHelpText.output, valueName: "FILE"))
    var output: String?

    @Option(help: "Threads running runs side by side (the result and the counts do not depend on it).")
    var workers = 1

    @Flag(help: "Do not check properties: run the model alone (its own speed).")
    var noCheck = false

    @Option(help: ArgumentHelp("Threads, each on its own CPU and TLB, scheduled at random atomic step by atomic step; 1 is today's random runs (README, \"Concurrency\").", valueName: "N"))
    var threads = 1

    @Option(help: ArgumentHelp("With --threads above 1: munmap, mprotect and touch act on the first N pages (default 2).", valueName: "N"))
    var threadPages: UInt64?

    @OptionGroup(title: "Shards")
    var sharding: ShardOptions

    @Flag(help: "With --shard: each shard draws its own generator configuration (operation mix, sizes, placements) from its index (swarm testing).")
    var swarm = false

    @Option(help: ArgumentHelp("Draw steps with swarm configuration K (what a --swarm shard K uses; its reproduction lines say it).", valueName: "K"))
    var swarmConfiguration: Int?

    @OptionGroup(title: "Z3")
    var z3: Z3Options

    @OptionGroup(title: "External implementation")
    var external: ImplementationOptions

    func validate() throws {
        if external.implementation != nil && format != .text {
            throw ValidationError("--implementation reports as text only, got --format \(format)")
        }
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1, got \(runs)") }
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1, got \(steps)") }
        guard workers >= 1 && workers <= 256 else { throw ValidationError("--workers must be between 1 and 256, got \(workers)") }
        guard seed == "random" || parsedSeed != nil else {
            throw ValidationError("--seed must be a decimal or 0x-hex 64-bit number or 'random', got \"\(seed)\"")
        }
        if let maxSeconds, !(maxSeconds > 0) { throw ValidationError("--max-seconds must be positive, got \(maxSeconds)") }
        guard shrinkSeconds >= 0 && shrinkSeconds.isFinite else { throw ValidationError("--shrink-seconds must be 0 or more, got \(shrinkSeconds)") }
        // Unchecked, nothing stops a run at a state a mutant broke, which the model cannot go on from.
        if noCheck && !mutants.isEmpty { throw ValidationError("--no-check runs the model alone and takes no --mutant") }
        if noCheck && [.junit, .sarif].contains(format) { throw ValidationError("--format \(format) needs property checking (drop --no-check)") }
        if design != .reference && !mutants.isEmpty { throw ValidationError("--mutant applies to the reference design only") }
        do { _ = try SerenityFixes.selection(fixes, design: design) } catch { throw ValidationError(error.description) }
        for name in mutants where Mutations.named(name) == nil {
            throw ValidationError("--mutant: unknown mutant \"\(name)\" (known: \(Mutations.catalogue.map(\.name).joined(separator: ", ")))")
        }
        try validateThreads(threads, mutants: mutants, design: design)
        if threads > 1 && (noCheck || format != .text || corpus != nil) {
            throw ValidationError("--threads above 1 checks every step and reports as text, without a corpus")
        }
        if swarm && sharding.shard == nil { throw ValidationError("--swarm goes with --shard (each shard's index chooses its configuration)") }
        if swarm && swarmConfiguration != nil { throw ValidationError("--swarm and --swarm-configuration exclude each other") }
        if let swarmConfiguration, swarmConfiguration < 0 { throw ValidationError("--swarm-configuration must be non-negative, got \(swarmConfiguration)") }
    }

    var parsedSeed: UInt64? { UInt64(decimalOrHex: seed) }

    func run() throws {
        if threads > 1 { return try runConcurrent() }
        if external.implementation != nil { return try runExternal() }
        let resolvedUniverse: Universe
        let propertySet: PropertySet
        let z3Settings: Z3Settings?
        let shard: Shard?
        do {
            resolvedUniverse = try UniverseFile.resolve(universe)
            (propertySet, z3Settings) = try z3.resolve(selection: properties)
            // Checked now, not when a violation is found at the end and would be lost.
            try OutputPath.checkFile(traceOut, flag: "--trace-out")
            if let corpus { try OutputPath.checkDirectory(corpus, flag: "--corpus") }
            shard = try sharding.resolve()
        } catch {
            failOnBadInput(error.description)
        }
        let sink = ReportSink(path: output)
        Interruption.install()
        var mutations: Mutations = []
        for name in mutants { mutations.insert(Mutations.named(name)!) }
        var setup = RandomSetup(universe: resolvedUniverse, design: design, mutations: mutations,
                                properties: propertySet, checking: !noCheck)
        setup.serenityFixes = (try? SerenityFixes.selection(fixes, design: setup.design)) ?? []
        setup.z3 = z3Settings
        if let index = swarm ? shard?.index : swarmConfiguration { setup.generator = .swarm(index) }
        let firstSeed: UInt64
        if seed == "random" {
            firstSeed = UInt64.random(in: .min ... .max)
            FileHandle.standardError.write(Data("random: --seed random drew seed \(firstSeed) (re-run with --seed \(firstSeed))\n".utf8))
        } else {
            firstSeed = parsedSeed!
        }
        var options = RandomOptions(runs: runs, steps: steps, seed: firstSeed, workers: workers,
                                    corpus: corpus.map(Corpus.init(directory:)), traceOut: traceOut,
                                    universeArgument: universe, propertiesArgument: properties)
        options.shard = shard
        options.maxSeconds = maxSeconds
        options.shrinkSeconds = shrinkSeconds
        let showProgress = ProgressLine.enabled
        if showProgress { options.progress = { ProgressLine.show($0.line) } }
        let report: RandomReport
        do {
            report = try RandomCheck.run(setup, options)
        } catch {
            failOnBadInput(error.description)
        }
        if showProgress { ProgressLine.clear() }
        for warning in report.writeWarnings { FileHandle.standardError.write(Data("warning: \(warning)\n".utf8)) }
        switch format {
        case .json: sink.line(report.json)
        case .junit: sink.write(report.junitText)
        case .sarif: sink.write(report.sarifText)
        case .text: sink.line(report.text)
        case .html: sink.write(report.html)
        }
        if GitHubAnnotations.enabled && !noCheck { ReportSink.annotate(GitHubAnnotations.lines(for: report.checkOutcome)) }
        try sink.exit(report.failure != nil ? Exit.violation : report.inconclusive != nil ? Exit.inconclusive : Exit.pass)
    }

    /// `--implementation`: the same runs, steps and seed, through the adapter.
    func runExternal() throws {
        let sink = ReportSink(path: output)  // checked before the run
        let report: ExternalReport
        do throws(InputError) {
            var request = ExternalRandom.Request(
                universe: try UniverseFile.resolve(universe), implementation: try external.spec()!, runs: runs, steps: steps,
                seed: parsedSeed!, propertyIDs: try externalPropertyIDs(properties))
            request.design = design
            report = try ExternalRandom.run(request)
        } catch {
            failOnBadInput(error.description)
        }
        try finishExternal(report, traceOut: traceOut, sink: sink)
    }
}
