/// Checks property files against facts. One checker owns one context and one solver, reused
/// across queries; like its context it is not thread-safe.
public final class Z3PropertyChecker {
    public let context: Z3Context
    let solver: Z3Solver

    public init(context: Z3Context = Z3Context()) throws(Z3Error) {
        self.context = context
        solver = try Z3Solver(context: context)
    }

    /// Type-checks a property file against its kind's vocabulary (filled with zeros): syntax
    /// errors, unknown symbols, sort errors and bad witness terms surface here, at load time.
    /// Commands and reserved names Z3 would accept are refused first, and the assertions are
    /// ground once, so that numeral bounds that multiply past `Z3Grounding.termBudget` are
    /// refused here, located at their quantifier.
    public func validate(_ property: Z3Property) throws(Z3Error) {
        try Z3PropertySourceScan.check(property.source, file: property.path)
        let facts = try Z3FactBinding(Z3Vocabulary.placeholderFacts(for: property.kind), context: context)
        let (assertions, _) = try Z3PropertyQuery(property).parse(with: facts)
        if assertions.isEmpty {
            throw .header(file: property.path, line: 1, message: "the file asserts nothing; it must assert the property's violation")
        }
        var grounding = Z3Grounding(facts: facts)
        for (index, assertion) in assertions.enumerated() {
            do throws(Z3Error) { _ = try grounding.ground(assertion) } catch { throw located(error, property, assertion: index) }
        }
    }

    /// A grounding over budget, placed at the quantifier of the assertion that caused it.
    func located(_ error: Z3Error, _ property: Z3Property, assertion index: Int) -> Z3Error {
        guard case let .groundingLimit(terms) = error else { return error }
        let place = Z3PropertySourceScan.firstQuantifier(inAssertion: index, of: property.source)
        return .parse(file: property.path, line: place?.line ?? 1, column: place?.column ?? 1,
                      message: "the bounded quantifiers here would ground to more than \(terms) instances, the limit "
                        + "(Properties/README.md); use smaller bounds, or bound by a fact such as region_count")
    }

    /// Checks `property` on `facts`: `.violated` with the filled witness if the violation is
    /// satisfiable, `.holds` if it is not, `.unknown` if Z3 cannot tell within `timeout`
    /// seconds (default: the context's).
    public func check(_ property: Z3Property, facts: Z3Facts, timeout: Double? = nil) throws(Z3Error) -> Z3Verdict {
        if let kind = facts.kind, kind != property.kind {
            throw .kindMismatch(property: property.id, expected: property.kind, got: kind)
        }
        // Grounding counts against the time limit: the solver gets what it left.
        let seconds = timeout ?? context.timeout
        let start = ContinuousClock.now
        let binding = try Z3FactBinding(facts, context: context)
        let (assertions, terms) = try Z3PropertyQuery(property).parse(with: binding)
        var grounding = Z3Grounding(facts: binding, deadline: start + .milliseconds(Z3Solver.milliseconds(seconds)))
        try solver.reset()
        for (index, assertion) in assertions.enumerated() {
            do throws(Z3Error) {
                try solver.assert(try grounding.ground(assertion).simplified())
            } catch {
                if case .timeout = error { return .unknown(.timeout(seconds: seconds)) }
                throw located(error, property, assertion: index)
            }
        }
        let spent = ContinuousClock.now - start
        let left = seconds - Double(spent.components.seconds) - Double(spent.components.attoseconds) / 1e18
        guard left > 0 else { return .unknown(.timeout(seconds: seconds)) }
        switch try solver.check(timeout: left) {
        case .unsat:
            return .holds
        case let .unknown(reason):
            return .unknown(reason)
        case let .sat(model):
            var values: [String: Z3Value] = [:]
            for (term, expression) in terms {
                do {
                    values[term] = try model.evaluate(try grounding.ground(expression))
                } catch {
                    throw .witness(property: property.id, message: "cannot evaluate {\(term)}: \(error)")
                }
            }
            return .violated(Z3Witness(text: property.witness.render(values), values: values))
        }
    }
}
