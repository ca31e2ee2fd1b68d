import Model
import Z3Bridge

/// `regioncheck prove`: each obligation's encoding handed to Z3; unsatisfiable means proved for
/// every layout of up to `regions` regions, a model is decoded into a counterexample, and
/// `unknown` (a time limit included) is reported as such, never as a proof.
///
/// The `mutants` kill matrix calls `run(regions:mutations:obligations:timeout:)` as its prove
/// detector: a mutant is killed when some obligation has a counterexample.
public enum ProveRun {
    public static let defaultRegions = 16
    public static let defaultTimeout = 60.0

    /// Proves `obligations` for the encoded algorithms with `mutations` switched in. `timeout`
    /// is the time limit of each obligation, in seconds (shared by its queries).
    public static func run(regions: Int = defaultRegions, mutations: Mutations = [], obligations: [ProveObligation] = ProveObligation.allCases,
                           timeout: Double = defaultTimeout, universe: Universe = .serenity) throws(InputError) -> ProveReport {
        guard regions >= 1 && regions <= 256 else { throw InputError(source: "--regions", message: "must be 1...256, got \(regions)") }
        guard timeout > 0 else { throw InputError(source: "--timeout", message: "must be positive, got \(timeout)") }
        let unsupported = mutations.intersection(.notEncodedByProve)
        guard unsupported.isEmpty else {
            throw InputError(source: "--mutant", message: "\(unsupported) replaces the placement algorithm by the legacy free-range allocator, which prove does not encode")
        }
        var results: [ObligationResult] = []
        for obligation in obligations {
            let start = ContinuousClock.now
            let (verdict, queries) = prove(obligation, regions: regions, mutations: mutations, timeout: timeout, universe: universe, start: start)
            results.append(ObligationResult(obligation: obligation, verdict: verdict, seconds: (ContinuousClock.now - start) / .seconds(1), queries: queries))
        }
        return ProveReport(regions: regions, universe: universe, mutations: mutations, timeout: timeout, results: results)
    }

    static func prove(_ obligation: ProveObligation, regions: Int, mutations: Mutations, timeout: Double, universe: Universe,
                      start: ContinuousClock.Instant) -> (ProveVerdict, Int) {
        let layout = SymbolicLayout(regions: regions, universe: universe)
        let queries: [(text: String, decode: (Z3Model) throws(Z3Error) -> ProveCounterexample)]
        switch obligation {
        case .anywhere:
            queries = ProveObligation.alignmentExponents.map { j in
                let encoding = AnywhereEncoding(layout: layout, alignmentExponent: j, mutations: mutations)
                return (encoding.obligation, { (model: Z3Model) throws(Z3Error) in try ProveDecoding.anywhere(model, encoding) })
            }
        case .fixedNoReplace:
            let encoding = SpecificEncoding(regions: regions, universe: universe, mutations: mutations)
            queries = [(encoding.obligation, { (model: Z3Model) throws(Z3Error) in try ProveDecoding.specific(model, encoding) })]
        case .split:
            let encoding = SplitEncoding(layout: layout, mutations: mutations)
            queries = [(encoding.obligation, { (model: Z3Model) throws(Z3Error) in try ProveDecoding.split(model, encoding) })]
        }
        var asked = 0
        do throws(Z3Error) {
            let context = Z3Context(timeout: timeout)
            let solver = try Z3Solver(context: context)
            for (index, query) in queries.enumerated() {
                let remaining = timeout - (ContinuousClock.now - start) / .seconds(1)
                guard remaining > 0 else {
                    return (.unknown(reason: "time limit of \(timeout) s reached after \(index) of \(queries.count) queries"), asked)
                }
                try solver.reset()
                try solver.assert(try context.parse(query.text, file: "<\(obligation.rawValue) obligation>"))
                asked += 1
                switch try solver.check(timeout: remaining) {
                case .unsat: continue
                case let .unknown(reason): return (.unknown(reason: "Z3: \(reason)"), asked)
                case let .sat(model): return (.counterexample(try query.decode(model)), asked)
                }
            }
            return (.proved, asked)
        } catch {
            // A Z3 failure is not a proof.
            return (.unknown(reason: error.description), asked)
        }
    }

    /// The SMT-LIB2 text of an obligation's queries (for `--dump`-style inspection and tests).
    public static func queryTexts(_ obligation: ProveObligation, regions: Int, mutations: Mutations = [], universe: Universe = .serenity) -> [String] {
        let layout = SymbolicLayout(regions: regions, universe: universe)
        switch obligation {
        case .anywhere:
            return ProveObligation.alignmentExponents.map { AnywhereEncoding(layout: layout, alignmentExponent: $0, mutations: mutations).obligation }
        case .fixedNoReplace:
            return [SpecificEncoding(regions: regions, universe: universe, mutations: mutations).obligation]
        case .split:
            return [SplitEncoding(layout: layout, mutations: mutations).obligation]
        }
    }
}
