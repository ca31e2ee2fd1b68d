import CZ3

extension Z3Context {
    /// Parses SMT-LIB2 text and returns its assertions in order. A rejected input throws
    /// `Z3Error.parse` with Z3's own line and column in `text` and `file` as the name.
    public func parse(_ text: String, file: String = "<input>") throws(Z3Error) -> [Z3Expr] {
        try parse(text, file: file, facts: nil)
    }

    /// Parses with the fact names declared (see `Z3FactBinding`).
    func parse(_ text: String, file: String, facts: Z3FactBinding?) throws(Z3Error) -> [Z3Expr] {
        let vector = facts?.withDeclarations { count, names, decls in
            Z3_parse_smtlib2_string(raw, text, 0, nil, nil, count, names, decls)
        } ?? Z3_parse_smtlib2_string(raw, text, 0, nil, nil, 0, nil, nil)
        // Read the error before any other call: every API entry resets the error code.
        let code = Z3_get_error_code(raw)
        let message = code == Z3_OK ? "" : String(cString: Z3_get_error_msg(raw, code))
        // The vector exists even when parsing failed: take and drop a reference so it is freed.
        if let vector { Z3_ast_vector_inc_ref(raw, vector) }
        defer { if let vector { Z3_ast_vector_dec_ref(raw, vector) } }
        if code == Z3_PARSER_ERROR { throw Self.parseError(message, file: file) }
        if code != Z3_OK { throw .api(code: Self.name(of: code), message: message) }
        guard let vector else { throw .api(code: "Z3_NULL", message: "Z3 returned no assertions") }
        let count = try call { Z3_ast_vector_size(raw, vector) }
        var assertions: [Z3Expr] = []
        assertions.reserveCapacity(Int(count))
        for index in 0..<count {
            assertions.append(try Z3Expr.make(self) { Z3_ast_vector_get(raw, vector, index) })
        }
        return assertions
    }

    /// Z3 reports parse errors as `(error "line L column C: message")`, possibly several;
    /// the first one is the cause. Z3's columns count from 0; ours from 1, like compilers.
    static func parseError(_ output: String, file: String) -> Z3Error {
        let firstLine = output.split(separator: "\n").first.map(String.init) ?? output
        var text = Substring(firstLine)
        if text.hasPrefix("(error \"") && text.hasSuffix("\")") {
            text = text.dropFirst("(error \"".count).dropLast(2)
        }
        let words = text.split(separator: " ", maxSplits: 4)
        if words.count == 5, words[0] == "line", words[2] == "column",
           let line = Int(words[1]), let column = Int(words[3].dropLast()), words[3].hasSuffix(":") {
            return .parse(file: file, line: line, column: column + 1, message: String(words[4]))
        }
        return .parse(file: file, line: 0, column: 0, message: String(text))
    }
}
