import ArgumentParser
import Checker
import Foundation
import Model

/// `regioncheck explore`: every operation sequence of a small universe up to a depth, every
/// property checked after every step. With no arguments `regioncheck` runs it on `small`.
struct ExploreCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Explore every operation sequence of a small universe up to a depth, checking every property.",
        discussion: """
            Breadth-first, with an exact set of visited states, so a reported counterexample is a shortest one. \
            The alphabet (what is tried in each state) comes from the universe file's "alphabet" object and the \
            alphabet flags below. Exit codes: 0 every property holds up to the depth, 1 a violation (its trace is \
            written to --trace-out), 2 bad input, 3 inconclusive (a limit stopped the run before the depth bound).
            """
    )

    @Option(help: ArgumentHelp("The universe: a preset (tiny, small) or a universe JSON file, optionally with an \"alphabet\" object.", valueName: "tiny|small|FILE"))
    var universe = "small"

    @Option(help: ArgumentHelp("Explore every sequence of up to N steps (default: standard alphabet 3 for tiny, 2 for small; classic 6 and 4; 3 otherwise).", valueName: "N"))
    var depth: Int?

    @Option(help: ArgumentHelp("Threads that expand each level (default: the number of cores); results do not depend on it.", valueName: "N"))
    var workers: Int?

    @Option(help: ArgumentHelp("The design: reference (the corrected model) or serenity (SerenityOS HEAD's algorithms)."))
    var design: Design = .reference

    @Option(name: .customLong("fix"), help: ArgumentHelp("With --design serenity: switch on a fix of docs/findings-serenity.md (repeatable, or 'all').", valueName: "NAME"))
    var fixes: [String] = []

    @Option(name: .customLong("mutant"), help: ArgumentHelp("Switch a legacy bug back in (repeatable; docs/SPEC.md §4 and `mutants --list` name them).", valueName: "NAME"))
    var mutants: [String] = []

    @Option(parsing: .unconditional, help: ArgumentHelp("Properties to check: a comma list of ids, 'all', or '-id' to leave one out (e.g. -first-fit).", valueName: "LIST"))
    var properties: String?

    @Option(help: ArgumentHelp("Give up (inconclusive) after storing N distinct states.", valueName: "N"))
    var maxStates: Int?

    @Option(help: ArgumentHelp("Give up (inconclusive) after S seconds.", valueName: "S"))
    var maxSeconds: Double?

    @Option(help: ArgumentHelp("Give up (inconclusive) when the visited-state stores reach MB megabytes.", valueName: "MB"))
    var maxMemory: Int = 8192

    @Option(help: ArgumentHelp("Output format (junit and sarif for CI)."))
    var format: CheckFormat = .text

    @Option(help: ArgumentHelp("Where to write a counterexample trace.", valueName: "PATH"))
    var traceOut = ExplorationDefaults.tracePath

    @Option(help: ArgumentHelp(ArgumentHelpText.output, valueName: "FILE"))
    var output: String?

    @Option(help: ArgumentHelp("Threads, each on its own CPU and TLB, whose operations interleave atomic step by atomic step; 1 is the sequential explorer (README, \"Concurrency\").", valueName: "N"))
    var threads = 1

    @Flag(help: "With --threads above 1: interleave every pair of commuting steps in both orders (no sleep sets).")
    var noReduction = false

    @Option(help: ArgumentHelp("With --threads above 1: munmap, mprotect and touch act on the first N pages (default 2).", valueName: "N"))
    var threadPages: UInt64?

    @OptionGroup(title: "Shards")
    var sharding: ShardOptions

    @Option(help: ArgumentHelp("With --shard: the depth whose frontier is split among the shards (default: the first level with at least 64 states per shard).", valueName: "K"))
    var splitDepth: Int?

    @OptionGroup(title: "Alphabet")
    var alphabet: AlphabetOptions

    @OptionGroup(title: "Z3")
    var z3: Z3Options

    /// 1 PiB in MB: far above any machine, far below `Int.max` bytes.
    static let maxMemoryLimit = 1 << 30

    @OptionGroup(title: "External implementation")
    var external: ImplementationOptions

    func validate() throws {
        if external.implementation != nil && format != .text {
            throw ValidationError("--implementation reports as text only, got --format \(format)")
        }
        if let depth, depth < 0 || depth > 64 { throw ValidationError("--depth must be 0...64, got \(depth)") }
        if let workers, workers < 1 || workers > 256 { throw ValidationError("--workers must be 1...256, got \(workers)") }
        if let maxStates, maxStates < 1 { throw ValidationError("--max-states must be positive, got \(maxStates)") }
        if let maxSeconds, !(maxSeconds > 0) { throw ValidationError("--max-seconds must be positive, got \(maxSeconds)") }
        // Bounded so that the conversion to bytes cannot overflow (it trapped from 2^43 MB on).
        guard maxMemory > 0 && maxMemory <= Self.maxMemoryLimit else {
            throw ValidationError("--max-memory must be 1...\(Self.maxMemoryLimit) MB, got \(maxMemory)")
        }
        let chosen = design
        if chosen != .reference && !mutants.isEmpty { throw ValidationError("--mutant applies to the reference design only") }
        do { _ = try SerenityFixes.selection(fixes, design: chosen) } catch { throw ValidationError(error.description) }
        for name in mutants where Mutations.named(name) == nil {
            throw ValidationError("--mutant: unknown mutant '\(name)' (known: \(Mutations.catalogue.map(\.name).joined(separator: ", ")))")
        }
        try validateThreads(threads, mutants: mutants, design: chosen)
        if threads > 1 && format != .text { throw ValidationError("--threads above 1 reports as text only, got --format \(format)") }
        if threads == 1 && (noReduction || threadPages != nil) {
            throw ValidationError("--no-reduction and --thread-pages apply with --threads above 1")
        }
    }

    func run() throws {
        if threads > 1 { return try runConcurrent() }
        if external.implementation != nil { return try runExternal() }
        let request: ExplorationRequest
        do throws(InputError) {
            request = try makeRequest()
            try OutputPath.checkFile(traceOut, flag: "--trace-out")
        } catch {
            failOnBadInput(error.description)
        }
        let sink = ReportSink(path: output)
        Interruption.install()
        let showProgress = ProgressLine.enabled
        let report = Explorer.run(request, progress: showProgress ? { ProgressLine.show($0.line) } : nil)
        if showProgress { ProgressLine.clear() }
        let written = report.counterexample.flatMap { writeCounterexampleTrace($0.trace, to: traceOut) }
        switch format {
        case .json: sink.line(report.jsonText(tracePath: written))
        case .junit: sink.line(report.junitText(tracePath: written))
        case .sarif: sink.line(report.sarifText(tracePath: written))
        case .text: sink.line(report.text(tracePath: written))
        case .html: sink.write(report.html(tracePath: written))
        }
        if GitHubAnnotations.enabled { ReportSink.annotate(GitHubAnnotations.lines(for: report.checkOutcome(tracePath: written))) }
        try sink.exit(report.exitCode)
    }

    /// `--implementation`: the same alphabet and depth, through the adapter.
    func runExternal() throws {
        let sink = ReportSink(path: output)  // checked before the run
        let report: ExternalReport
        do throws(InputError) {
            let (universe, fileSettings) = try UniverseFile.resolveWithAlphabet(self.universe, base: try alphabet.named())
            let settings = try self.alphabet.apply(to: fileSettings)
            let alphabet = try Alphabet(universe: universe, settings: settings, source: self.universe)
            report = try ExternalExplorer.run(ExternalExplorer.Request(
                alphabet: alphabet, depth: depth ?? ExplorationDefaults.depth(for: universe, settings: settings), implementation: try external.spec()!,
                propertyIDs: try externalPropertyIDs(properties), maxStates: maxStates, maxSeconds: maxSeconds,
                design: design))
        } catch {
            failOnBadInput(error.description)
        }
        try finishExternal(report, traceOut: traceOut, sink: sink)
    }

    func makeRequest() throws(InputError) -> ExplorationRequest {
        let (universe, fileSettings) = try UniverseFile.resolveWithAlphabet(self.universe, base: try alphabet.named())
        let settings = try alphabet.apply(to: fileSettings)
        let alphabet = try Alphabet(universe: universe, settings: settings, source: self.universe)
        var mutations: Mutations = []
        for name in mutants { mutations.insert(Mutations.named(name)!) }
        let (propertySet, z3Settings) = try z3.resolve(selection: properties)
        var request = ExplorationRequest(
            alphabet: alphabet, mutations: mutations, design: design, properties: propertySet,
            depth: depth ?? ExplorationDefaults.depth(for: universe, settings: settings),
            workers: workers ?? ProcessInfo.processInfo.activeProcessorCount,
            limits: ExplorationLimits(maxStates: maxStates, maxSeconds: maxSeconds, maxMemoryBytes: maxMemory * 1_048_576))
        request.serenityFixes = try SerenityFixes.selection(fixes, design: request.design)
        request.z3 = z3Settings
        request.shard = try sharding.resolve()
        if let splitDepth {
            guard request.shard != nil else { throw InputError(source: "--split-depth", message: "goes with --shard") }
            guard splitDepth >= 0 && splitDepth < request.depth else {
                throw InputError(source: "--split-depth", message: "must be 0...\(request.depth - 1) (below the depth bound \(request.depth)), got \(splitDepth)")
            }
            request.splitDepth = splitDepth
        }
        return request
    }
}

/// The alphabet flags: each overrides the universe file's `"alphabet"` field of the same name.
struct AlphabetOptions: ParsableArguments {
    @Option(help: ArgumentHelp("The alphabet the other flags and the universe file's \"alphabet\" start from: standard (sizes 1-3, "
                               + "alignments 1,2, rw-,r--,none, every placement, ranges up to 3 pages and unaligned ones) or classic "
                               + "(the first alphabet, whose tiny counts are 561, 7,325, 74,881, 625,959 at depths 2-5). Default: "
                               + "standard, or classic when --sizes, --alignments, --protections or --max-range write the alphabet by hand.",
                               valueName: "standard|classic"))
    var alphabet: String?

    /// The named alphabet the flags override. Shape flags without `--alphabet` start from classic:
    /// an alphabet written by hand is then exactly what it lists (the four original placements,
    /// no unaligned or exec letters), which is what an equivalent model elsewhere (SPIN) encodes.
    func named() throws(InputError) -> AlphabetSettings {
        if let alphabet { return try AlphabetSettings.named(alphabet) }
        return writesShapeByHand ? .classic : .standard
    }

    private var writesShapeByHand: Bool { sizes != nil || alignments != nil || protections != nil || maxRange != nil }

    @Option(help: ArgumentHelp("mmap sizes in pages (standard 1,2,3).", valueName: "LIST"))
    var sizes: String?

    @Option(help: ArgumentHelp("mmap alignments in pages, powers of two (standard 1,2).", valueName: "LIST"))
    var alignments: String?

    @Option(help: ArgumentHelp("Protections for mmap and mprotect (standard rw-,r--,none).", valueName: "LIST"))
    var protections: String?

    @Option(help: ArgumentHelp("mmap placements (standard: all of anywhere,randomized,fixed-noreplace,fixed,top-down,hint).", valueName: "LIST"))
    var placements: String?

    @Option(help: ArgumentHelp("Addresses for fixed placements, e.g. 0x10000,0x12000 (default every page).", valueName: "LIST"))
    var addresses: String?

    @Option(help: ArgumentHelp("Longest munmap/mprotect range in pages; 0 leaves them out (standard 3).", valueName: "N"))
    var maxRange: UInt64?

    @Flag(help: "Leave out touch (user reads and writes).")
    var noTouch = false

    @Flag(help: "Leave out teardown (process exit).")
    var noTeardown = false

    @Flag(help: "Leave out injected page-table and frame allocation failures.")
    var noFaults = false

    func apply(to base: AlphabetSettings) throws(InputError) -> AlphabetSettings {
        var s = base
        // Empty items (`a,,b`, or an empty flag) are kept so that the parsers reject them.
        func list(_ text: String) -> [String] { text.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        if let sizes { s.sizes = try AlphabetSettings.numberList(sizes, flag: "--sizes"); s.origins["sizes"] = "--sizes" }
        if let alignments {
            s.alignments = try AlphabetSettings.numberList(alignments, flag: "--alignments")
            s.origins["alignments"] = "--alignments"
        }
        if let protections {
            s.protections = try AlphabetSettings.protections(list(protections), source: "--protections")
            s.origins["protections"] = "--protections"
        }
        if let placements {
            s.placements = try AlphabetSettings.placements(list(placements), source: "--placements")
            s.origins["placements"] = "--placements"
        }
        if let addresses {
            s.addresses = try AlphabetSettings.numberList(addresses, flag: "--addresses")
            s.origins["addresses"] = "--addresses"
        }
        if let maxRange { s.maxRange = maxRange; s.origins["maxRange"] = "--max-range" }
        if noTouch { s.touch = false }
        if noTeardown { s.teardown = false }
        if noFaults { s.faults = false }
        return s
    }
}
