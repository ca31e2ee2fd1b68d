import Model
import Z3Bridge

/// Before `prove` says PROVED, the encoding it proved must still answer exactly as the Swift
/// code it claims to encode. On concrete layouts — one Z3 model per branch of the encoding (the
/// window that answers first — or, top-down, last —, exact fits, each region `tree.floor` can find with each answer,
/// each way a split can cut), then boundary and seeded random ones — the encoding's answer
/// (evaluated by Z3 with the values pinned), the code's (run through `ProvedCode`) and the
/// specification's (`ProveOracle`) are compared. A difference is never a proof: if the code
/// breaks the specification it is a counterexample; otherwise the encoding no longer matches
/// the code, and the sample says where.
enum EncodingConformance {
    /// How many random layouts per question (besides the boundary ones); fixed, so every run
    /// checks the same samples.
    static let randomSamples = 12
    static let seed: UInt64 = 0x7e_c0de

    enum Outcome {
        case agrees(ConformanceSummary)
        case counterexample(ProveCounterexample)
        case mismatch(EncodingMismatch)
    }

    /// One way of asking: the encoding as a query, its branches, and how to read a sample and
    /// each side's answer.
    struct Probe {
        let name: String
        let base: String
        let branches: [EncodingBranch]
        let samples: [ConformanceSample]
        /// The sample a model of `base` describes.
        let read: (Z3Model) throws(Z3Error) -> ConformanceSample
        /// The SMT-LIB2 assertions pinning a sample's values.
        let pins: (ConformanceSample) -> String
        /// The encoding's answer in a model of `base` (pinned or taking a branch).
        let encoded: (Z3Model, ConformanceSample) throws(Z3Error) -> ConformanceAnswer
        let specified: (ConformanceSample) -> ConformanceAnswer
        /// The code's answer from its result and the address space after the request.
        let observed: (OperationResult, AddressSpace, ConformanceSample) -> ConformanceAnswer
    }

    /// Checks `obligation`'s encoding (with `mutations`) against `code` on K-region layouts;
    /// the code's address spaces have `codeMutations` (by default the same). `probes` replaces
    /// the obligation's own (a test's edited encoding).
    static func check(_ obligation: ProveObligation, regions: Int, mutations: Mutations, code: ProvedCode, universe: Universe,
                      timeout: Double, codeMutations: Mutations? = nil, probes given: [Probe]? = nil) throws(Z3Error) -> Outcome {
        let codeMutations = codeMutations ?? mutations
        let start = ContinuousClock.now
        var summary = ConformanceSummary()
        let context = Z3Context(timeout: timeout)
        let solver = try Z3Solver(context: context)
        for probe in given ?? probes(obligation, regions: regions, mutations: mutations, universe: universe) {
            // Parsed once: the common assertions, then one assertion per branch.
            let text = probe.base + probe.branches.map { "(assert \($0.condition))\n" }.joined()
            let assertions = try context.parse(text, file: "<\(obligation.rawValue) conformance, \(probe.name)>")
            let conditions = Array(assertions.suffix(probe.branches.count))
            try solver.reset()
            try solver.assert(Array(assertions.prefix(assertions.count - probe.branches.count)))
            // Each sample with the encoding's answer.
            var samples: [(ConformanceSample, ConformanceAnswer)] = []
            for (branch, condition) in zip(probe.branches, conditions) {
                try solver.push()
                try solver.assert(condition)
                let answer = try solver.check(timeout: remaining(timeout, start))
                try solver.pop()
                switch answer {
                case let .sat(model):
                    var sample = try probe.read(model)
                    sample.origin = "branch \"\(branch.name)\" (\(probe.name))"
                    samples.append((sample, try probe.encoded(model, sample)))
                    summary.branchesTaken += 1
                case .unsat: summary.branchesUnreachable += 1
                case let .unknown(reason): throw .unknown(reason: "conformance of \(obligation.rawValue), branch \(branch.name): \(reason)")
                }
            }
            for var sample in probe.samples {
                try solver.push()
                try solver.assert(try context.parse(probe.pins(sample), file: "<\(obligation.rawValue) sample>"))
                let answer = try solver.check(timeout: remaining(timeout, start))
                try solver.pop()
                sample.origin += " layout (\(probe.name))"
                guard case let .sat(model) = answer else {
                    let reason = if case .unsat = answer { "admits no answer" } else { "could not be evaluated" }
                    return .mismatch(EncodingMismatch(obligation: obligation, origin: sample.origin, regions: sample.regions, request: "\(sample.operation)",
                                                      encoding: "the encoding \(reason) on this input", code: "\(outcome(probe, sample, code, universe: universe, mutations: codeMutations))",
                                                      specification: "\(probe.specified(sample))"))
                }
                samples.append((sample, try probe.encoded(model, sample)))
                summary.concreteSamples += 1
            }
            for (sample, encoded) in samples {
                let specified = probe.specified(sample)
                let observed = outcome(probe, sample, code, universe: universe, mutations: codeMutations)
                if observed == .answer(encoded) && encoded == specified { continue }
                if observed != .answer(specified) {
                    // As small as the question: drop regions while the code still breaks the specification.
                    var smallest = sample, smallestObserved = observed
                    var shrunk = true
                    while shrunk {
                        shrunk = false
                        for index in smallest.regions.indices {
                            var candidate = smallest
                            candidate.regions.remove(at: index)
                            let candidateObserved = outcome(probe, candidate, code, universe: universe, mutations: codeMutations)
                            if candidateObserved != .answer(probe.specified(candidate)) {
                                (smallest, smallestObserved, shrunk) = (candidate, candidateObserved, true)
                                break
                            }
                        }
                    }
                    // The encoding's answer on the smaller layout is not asked again: the code is what is wrong.
                    let found = (smallest, smallestObserved, smallest.regions.count == sample.regions.count ? encoded : nil, probe.specified(smallest))
                    return .counterexample(counterexample(obligation, found.0, observed: found.1, encoded: found.2, specified: found.3, code: code, universe: universe))
                }
                return .mismatch(EncodingMismatch(obligation: obligation, origin: sample.origin, regions: sample.regions, request: "\(sample.operation)",
                                                  encoding: "\(encoded)", code: "\(observed)", specification: "\(specified)"))
            }
        }
        summary.seconds = (ContinuousClock.now - start) / .seconds(1)
        return .agrees(summary)
    }

    static func remaining(_ timeout: Double, _ start: ContinuousClock.Instant) -> Double {
        max(0.001, timeout - (ContinuousClock.now - start) / .seconds(1))
    }

    /// What the code did: its answer, or the layout step it refused (building a layout is a
    /// fixed-noreplace mmap of a free range and a munmap, which must succeed).
    enum CodeOutcome: Equatable, CustomStringConvertible {
        case answer(ConformanceAnswer)
        case layoutRefused(step: Int, Operation, OperationResult, built: ProveOracle.Layout)

        var description: String {
            switch self {
            case let .answer(a): "\(a)"
            case let .layoutRefused(step, operation, result, _): "building the layout failed: step \(step + 1), \(operation), returned \(result)"
            }
        }

        static func == (a: CodeOutcome, b: CodeOutcome) -> Bool { a.description == b.description }
    }

    static func outcome(_ probe: Probe, _ sample: ConformanceSample, _ code: ProvedCode, universe: Universe, mutations: Mutations) -> CodeOutcome {
        var space = AddressSpace(universe: universe, mutations: mutations)
        var built: ProveOracle.Layout = [], index = 0
        // From the highest region down, as `ProveLayoutSpace.steps` builds a layout.
        for region in sample.regions.sorted(by: { $0.base > $1.base }) {
            for step in ProveLayoutSpace.steps([region], universe: universe) ?? [] {
                let result = code.apply(step.operation, &space)
                guard result.isSuccess else { return .layoutRefused(step: index, step.operation, result, built: built) }
                index += 1
            }
            built.append(region)
        }
        let result = code.apply(sample.operation, &space)
        return .answer(probe.observed(result, space, sample))
    }

    /// `encoded` is nil when the layout was shrunk after the encoding answered on the original.
    static func counterexample(_ obligation: ProveObligation, _ sample: ConformanceSample, observed: CodeOutcome, encoded: ConformanceAnswer?,
                               specified: ConformanceAnswer, code: ProvedCode, universe: Universe) -> ProveCounterexample {
        var c = ProveCounterexample(regions: sample.regions, request: "\(sample.operation)",
                                    returned: encoded.map { "\($0) (the encoding)" } ?? "\(observed) (the code; the layout was shrunk from the branch model)",
                                    expected: "\(specified)",
                                    witness: "on the \(sample.origin), \(code.name) answers \(observed) where the specification expects \(specified)")
        c.swiftReturned = "\(observed)"
        c.swiftAgrees = encoded.map { observed == .answer($0) }
        c.operation = sample.operation
        if case let .layoutRefused(_, operation, _, built) = observed, case .mmap = operation {
            // The trace is the layout up to the refused mmap, then that mmap.
            c.regions = built
            c.operation = operation
        }
        return c
    }
}

/// How much the conformance check compared.
public struct ConformanceSummary: Sendable {
    /// Branches a Z3 model took, and branches no layout of K regions can take.
    public var branchesTaken = 0
    public var branchesUnreachable = 0
    /// Boundary and random layouts.
    public var concreteSamples = 0
    public var seconds = 0.0

    public var line: String {
        String(format: "the code answers as the encoding on %d branch models (%d branches unreachable) and %d boundary and random layouts, %.3f s",
               branchesTaken, branchesUnreachable, concreteSamples, seconds)
    }
}

/// The encoding no longer answers as the code does, and the code meets the specification: the
/// proof is about something else than the code. Where, and what each side answers.
public struct EncodingMismatch: Sendable {
    public var obligation: ProveObligation
    public var origin: String
    public var regions: [(base: UInt64, end: UInt64, offset: UInt64)]
    public var request: String
    public var encoding: String
    public var code: String
    public var specification: String

    public var lines: [String] {
        ["where: the \(origin)", "layout: " + (regions.isEmpty ? "empty" : regions.map { "[\($0.base.hex), \($0.end.hex))" + ($0.offset == 0 ? "" : " offset \($0.offset)") }.joined(separator: ", ")),
         "request: \(request)", "encoding answers: \(encoding)", "code answers: \(code)", "specification expects: \(specification)"]
    }
}
