/// The SMT-LIB2 text Z3 parses for one property on some facts:
///
///     <facts, one definition per line>
///     <the property file>
///     (assert (= T T))   ; one probe per witness term T, never given to the solver
///
/// Probes make Z3 parse each witness term in the file's scope; the parsed term is then
/// evaluated in the model. Error positions are mapped back to the file (or to the witness
/// header line, for a probe).
struct Z3PropertyQuery {
    let property: Z3Property
    let text: String
    let factLines: Int
    let fileLines: Int
    static let probePrefix = "(assert (= "

    init(_ property: Z3Property, facts: Z3Facts) {
        self.property = property
        let definitions = facts.smtlib
        var body = property.source
        if !body.hasSuffix("\n") { body += "\n" }
        factLines = definitions.count(where: { $0 == "\n" })
        fileLines = body.count(where: { $0 == "\n" })
        let probes = property.witness.terms.map { "\(Self.probePrefix)\($0) \($0)))\n" }.joined()
        text = definitions + body + probes
    }

    /// Parses the query: the property's assertions, then each witness term.
    func parse(in context: Z3Context) throws(Z3Error) -> (assertions: [Z3Expr], terms: [String: Z3Expr]) {
        let parsed: [Z3Expr]
        do {
            parsed = try context.parse(text, file: property.path)
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
        if line <= factLines {
            // The facts are generated: an error there is the caller's, not the file's.
            return .api(code: "Z3_PARSER_ERROR", message: "facts line \(line) column \(column): \(message)")
        }
        if line <= factLines + fileLines {
            return .parse(file: file, line: line - factLines, column: column, message: message)
        }
        let probe = line - factLines - fileLines - 1
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
