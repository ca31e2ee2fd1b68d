/// The SMT-LIB2 text Z3 parses for one property:
///
///     <the property file>
///     (assert (= T T))   ; one probe per witness term T, never given to the solver
///
/// The fact names are declared to the parser, not written out, so Z3's line numbers are the
/// file's own. Probes make Z3 parse each witness term in the file's scope; the parsed term is
/// evaluated in the model. An error in a probe is mapped back to the witness header line.
struct Z3PropertyQuery {
    let property: Z3Property
    let text: String
    let fileLines: Int
    static let probePrefix = "(assert (= "

    init(_ property: Z3Property) {
        self.property = property
        var body = property.source
        if !body.hasSuffix("\n") { body += "\n" }
        fileLines = body.count(where: { $0 == "\n" })
        let probes = property.witness.terms.map { "\(Self.probePrefix)\($0) \($0)))\n" }.joined()
        text = body + probes
    }

    /// Parses the query: the property's assertions, then each witness term.
    func parse(with facts: Z3FactBinding) throws(Z3Error) -> (assertions: [Z3Expr], terms: [String: Z3Expr]) {
        let parsed: [Z3Expr]
        do {
            parsed = try facts.context.parse(text, file: property.path, facts: facts)
        } catch {
            throw relocate(error)
        }
        let terms = property.witness.terms
        guard parsed.count >= terms.count else {
            throw .parse(file: property.path, line: property.witnessLine, column: property.witnessColumn,
                         message: "the file pops the assertion scope; witness terms cannot be read")
        }
        let assertions = Array(parsed.dropLast(terms.count))
        var values: [String: Z3Expr] = [:]
        for (term, probe) in zip(terms, parsed.suffix(terms.count)) {
            values[term] = try probe.argument(0)
        }
        return (assertions, values)
    }

    func relocate(_ error: Z3Error) -> Z3Error {
        guard case let .parse(file, line, column, message) = error else { return error }
        if line <= fileLines { return error }
        let probe = line - fileLines - 1
        let terms = property.witness.terms
        guard terms.indices.contains(probe) else {
            return .parse(file: file, line: fileLines, column: column, message: message)
        }
        var termColumn = property.witnessColumn
        for piece in property.witness.pieces {
            if case let .value(term, _, at) = piece, term == terms[probe] {
                termColumn = property.witnessColumn + at - 1
                break
            }
        }
        let offset = max(0, column - (Self.probePrefix.count + 1))
        return .parse(file: file, line: property.witnessLine, column: termColumn + min(offset, terms[probe].count),
                      message: "in witness placeholder {\(terms[probe])}: \(message)")
    }
}
