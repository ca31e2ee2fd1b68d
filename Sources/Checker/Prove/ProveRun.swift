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
                           timeout: Double = defaultTimeout, universe: Universe = .serenity,
                           code: ProvedCode = .model) throws(InputError) -> ProveReport {
        guard regions >= 1 && regions <= 256 else { throw InputError(source: "--regions", message: "must be 1...256, got \(regions)") }
        guard timeout > 0 else { throw InputError(source: "--timeout", message: "must be positive, got \(timeout)") }
        let unsupported = mutations.intersection(.notEncodedByProve)
        guard unsupported.isEmpty else {
            throw InputError(source: "--mutant", message: "\(unsupported) replaces the placement algorithm by the legacy free-range allocator, which prove does not encode")
        }
        var results: [ObligationResult] = []
        for obligation in obligations {
            let start = ContinuousClock.now
            var (verdict, queries) = prove(obligation, regions: regions, mutations: mutations, timeout: timeout, universe: universe, start: start)
            var conformance: ConformanceSummary? = nil
            if case .proved = verdict {
                // The proof is about the encoding: it stands only if the encoding still answers as the code.
                do throws(Z3Error) {
                    let remaining = EncodingConformance.remaining(timeout, start)
                    switch try EncodingConformance.check(obligation, regions: regions, mutations: mutations, code: code, universe: universe, timeout: remaining) {
                    case let .agrees(summary): conformance = summary
                    case let .counterexample(c): verdict = .counterexample(c)
                    case let .mismatch(m): verdict = .mismatch(m)
                    }
                } catch {
                    verdict = .unknown(reason: "checking that the encoding still matches the code: \(error.description)")
                }
            }
            results.append(ObligationResult(obligation: obligation, verdict: verdict, seconds: (ContinuousClock.now - start) / .seconds(1), queries: queries,
                                            conformance: conformance))
        }
        return ProveReport(regions: regions, universe: universe, mutations: mutations, timeout: timeout, results: results)
    }

    /// One solver session: the common assertions once, then each case pushed, checked, popped.
    struct Query {
        let name: String
        let base: String
        let cases: [String]
        let decode: (Z3Model, Int) throws(Z3Error) -> ProveCounterexample
        /// For a lemma: the query to ask instead when the lemma fails.
        var fallback: FallbackQuery? = nil

        init(name: String, base: String, cases: [String], decode: @escaping (Z3Model, Int) throws(Z3Error) -> ProveCounterexample,
             fallback: Query? = nil) {
            self.name = name
            self.base = base
            self.cases = cases
            self.decode = decode
            self.fallback = fallback.map(FallbackQuery.init)
        }
    }

    /// A box, so that `Query` can hold a `Query`.
    final class FallbackQuery {
        let query: Query
        init(_ query: Query) { self.query = query }
    }

    /// The sessions of the fixed-noreplace and split obligations, and the pieces of the
    /// anywhere and top-down obligations (see `WindowLemma`).
    static func queries(_ obligation: ProveObligation, regions: Int, mutations: Mutations, universe: Universe) -> [Query] {
        let layout = SymbolicLayout(regions: regions, universe: universe)
        switch obligation {
        case .anywhere:
            let lemma = RoundingLemma(universe: universe)
            let composition = WindowComposition(layout: layout, direction: .lowest)
            var queries = [Query(name: "rounding lemma", base: lemma.base, cases: lemma.cases, decode: { (_, j) throws(Z3Error) in
                ProveCounterexample(regions: [], request: "roundedUp(to:) with alignment P·2^\(j)", returned: "a bit-level rounding",
                                    expected: "a·⌈x/a⌉", witness: "the bit-level round-up disagrees with the integer encoding")
            })]
            for j in ProveObligation.alignmentExponents {
                let encoding = AnywhereEncoding(layout: layout, alignmentExponent: j, mutations: mutations)
                for isTail in [false, true] {
                    queries.append(Query(name: "window lemma, alignment 2^\(j) pages\(isTail ? ", tail" : "")",
                                         base: WindowLemma(encoding: encoding, isTail: isTail).text, cases: ["true"],
                                         decode: { (_, _) throws(Z3Error) in ProveCounterexample(regions: [], request: "", returned: "", expected: "", witness: "") },
                                         fallback: Query(name: "alignment 2^\(j) pages, the whole loop", base: encoding.obligation, cases: ["true"],
                                                         decode: { (model: Z3Model, _: Int) throws(Z3Error) in try ProveDecoding.anywhere(model, encoding) })))
                }
            }
            queries.append(Query(name: "composition of the window lemmas", base: composition.base, cases: composition.cases, decode: { (_, h) throws(Z3Error) in
                throw .unknown(reason: "the window lemmas hold but their composition could not be shown (case \(h)): the abstraction is too weak to decide")
            }))
            return queries
        case .topDown:
            let lemma = RoundingLemma(universe: universe)
            var queries = [Query(name: "rounding-down lemma", base: lemma.base, cases: lemma.downCases, decode: { (_, j) throws(Z3Error) in
                ProveCounterexample(regions: [], request: "x & ~(a − 1) with alignment P·2^\(j)", returned: "a bit-level rounding down",
                                    expected: "a·⌊x/a⌋", witness: "the bit-level round-down disagrees with the integer encoding")
            })]
            for j in ProveObligation.alignmentExponents {
                let encoding = TopDownEncoding(layout: layout, alignmentExponent: j)
                queries.append(Query(name: "top-down window lemma, alignment 2^\(j) pages", base: WindowLemma(encoding: encoding).text, cases: ["true"],
                                     decode: { (_, _) throws(Z3Error) in ProveCounterexample(regions: [], request: "", returned: "", expected: "", witness: "") },
                                     fallback: Query(name: "top-down, alignment 2^\(j) pages, the whole loop", base: encoding.obligation, cases: ["true"],
                                                     decode: { (model: Z3Model, _: Int) throws(Z3Error) in try ProveDecoding.topDown(model, encoding) })))
            }
            let composition = WindowComposition(layout: layout, direction: .highest)
            queries.append(Query(name: "composition of the top-down window lemmas", base: composition.base, cases: composition.cases, decode: { (_, h) throws(Z3Error) in
                throw .unknown(reason: "the top-down window lemmas hold but their composition could not be shown (case \(h)): the abstraction is too weak to decide")
            }))
            return queries
        case .fixedNoReplace:
            let encoding = SpecificEncoding(layout: layout, mutations: mutations)
            return [Query(name: "fixed-noreplace", base: encoding.caseBase, cases: encoding.cases,
                          decode: { (model: Z3Model, _: Int) throws(Z3Error) in try ProveDecoding.specific(model, encoding) })]
        case .split:
            let encoding = SplitEncoding(layout: layout, mutations: mutations)
            return [Query(name: "split", base: encoding.caseBase, cases: encoding.cases,
                          decode: { (model: Z3Model, _: Int) throws(Z3Error) in try ProveDecoding.split(model, encoding) })]
        }
    }

    enum SessionAnswer { case unsat, sat(Z3Model, case: Int), unknown(String) }

    static func prove(_ obligation: ProveObligation, regions: Int, mutations: Mutations, timeout: Double, universe: Universe,
                      start: ContinuousClock.Instant) -> (ProveVerdict, Int) {
        var asked = 0
        do throws(Z3Error) {
            let context = Z3Context(timeout: timeout)
            let solver = try Z3Solver(context: context)
            var casesOfLastSession: [Z3Expr]? = nil
            func session(_ query: Query) throws(Z3Error) -> SessionAnswer {
                // Parsed once: the common assertions, then one assertion per case.
                let text = query.base + query.cases.map { "(assert \($0))\n" }.joined()
                let assertions = try context.parse(text, file: "<\(obligation.rawValue) obligation, \(query.name)>")
                let common = assertions.count - query.cases.count
                try solver.reset()
                try solver.assert(Array(assertions.prefix(common)))
                casesOfLastSession = Array(assertions.suffix(query.cases.count))
                for (index, condition) in assertions.suffix(query.cases.count).enumerated() {
                    let remaining = timeout - (ContinuousClock.now - start) / .seconds(1)
                    guard remaining > 0 else { return .unknown("time limit of \(timeout) s reached after \(asked) queries") }
                    try solver.push()
                    try solver.assert(condition)
                    asked += 1
                    switch try solver.check(timeout: remaining) {
                    case .unsat: try solver.pop()
                    case let .unknown(reason): return .unknown("Z3 (\(query.name), case \(index)): \(reason)")
                    case let .sat(model):
                        try solver.pop()
                        return try fewestRegions(model, case: index)
                    }
                }
                return .unsat
            }
            /// A counterexample with as few regions as the question needs: with the region count
            /// bounded from 0 upward, the first bound some case is satisfiable under (Z3 picks any
            /// layout, often all K slots in use). A lemma has no layout and is returned as it is.
            func fewestRegions(_ model: Z3Model, case index: Int) throws(Z3Error) -> SessionAnswer {
                guard let found = try? ProveDecoding.int(model, "n"), found > 0, let cases = casesOfLastSession else { return .sat(model, case: index) }
                let bounds = try context.parse("(declare-const n Int)\n" + (0 ..< found).map { "(assert (<= n \($0)))\n" }.joined(), file: "<region bound>")
                for bound in bounds {
                    for (i, condition) in cases.enumerated() {
                        let remaining = timeout - (ContinuousClock.now - start) / .seconds(1)
                        guard remaining > 0 else { return .sat(model, case: index) }
                        try solver.push()
                        try solver.assert(condition)
                        try solver.assert(bound)
                        asked += 1
                        let answer = try solver.check(timeout: remaining)
                        try solver.pop()
                        if case let .sat(smaller) = answer { return .sat(smaller, case: i) }
                    }
                }
                return .sat(model, case: index)
            }
            for query in queries(obligation, regions: regions, mutations: mutations, universe: universe) {
                switch try session(query) {
                case .unsat: continue
                case let .unknown(reason): return (.unknown(reason: reason), asked)
                case let .sat(model, index):
                    guard let fallback = query.fallback?.query else { return (.counterexample(try query.decode(model, index)), asked) }
                    // A lemma failed: ask the whole algorithm, which gives a real layout or proves this part.
                    switch try session(fallback) {
                    case .unsat: continue
                    case let .unknown(reason): return (.unknown(reason: reason), asked)
                    case let .sat(model, index): return (.counterexample(try fallback.decode(model, index)), asked)
                    }
                }
            }
            return (.proved, asked)
        } catch {
            // A Z3 failure is not a proof.
            return (.unknown(reason: error.description), asked)
        }
    }

    /// The SMT-LIB2 text of an obligation's queries, each case asserted on its own line after
    /// the common part (to inspect or re-run with any Z3, one `(push)(assert …)(check-sat)(pop)` per case).
    public static func queryTexts(_ obligation: ProveObligation, regions: Int, mutations: Mutations = [], universe: Universe = .serenity) -> [String] {
        queries(obligation, regions: regions, mutations: mutations, universe: universe).map { query in
            query.base + query.cases.map { "(push)\n(assert \($0))\n(check-sat)\n(pop)\n" }.joined()
        }
    }
}
