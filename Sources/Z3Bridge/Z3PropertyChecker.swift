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
    public func validate(_ property: Z3Property) throws(Z3Error) {
        let facts = try Z3FactBinding(Z3Vocabulary.placeholderFacts(for: property.kind), context: context)
        let (assertions, _) = try Z3PropertyQuery(property).parse(with: facts)
        if assertions.isEmpty {
            throw .header(file: property.path, line: 1, message: "the file asserts nothing; it must assert the property's violation")
        }
    }

    /// Checks `property` on `facts`: `.violated` with the filled witness if the violation is
    /// satisfiable, `.holds` if it is not, `.unknown` if Z3 cannot tell within `timeout`
    /// seconds (default: the context's).
    public func check(_ property: Z3Property, facts: Z3Facts, timeout: Double? = nil) throws(Z3Error) -> Z3Verdict {
        if let kind = facts.kind, kind != property.kind {
            throw .kindMismatch(property: property.id, expected: property.kind, got: kind)
        }
        let binding = try Z3FactBinding(facts, context: context)
        let (assertions, terms) = try Z3PropertyQuery(property).parse(with: binding)
        var grounding = Z3Grounding(facts: binding)
        try solver.reset()
        for assertion in assertions {
            try solver.assert(try grounding.ground(assertion).simplified())
        }
        switch try solver.check(timeout: timeout) {
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
