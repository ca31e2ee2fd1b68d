/// What Z3's parser would silently accept but a property file must not contain: commands the
/// checker runs itself (`check-sat`, `push`, …) and names in the reserved `regioncheck.`
/// namespace (Properties/README.md). Found by a small SMT-LIB2 tokenizer, so each is reported
/// at its own line and column; comments, string literals and `|quoted|` symbols are honoured.
enum Z3PropertySourceScan {
    /// Commands a property file may not issue: the checker owns the solver's stack and query.
    static let forbiddenCommands: Set<String> = [
        "check-sat", "check-sat-assuming", "push", "pop", "reset", "reset-assertions", "get-model", "get-value",
        "get-assignment", "get-proof", "get-unsat-core", "get-info", "get-option", "set-option", "set-info",
        "set-logic", "exit", "echo", "eval", "simplify",
    ]

    static let reservedPrefix = "regioncheck."

    /// A symbol token with where it starts (1-based) and whether it follows an opening parenthesis.
    struct Token {
        var text: String
        var line: Int
        var column: Int
        var opensList: Bool
        /// Open parentheses around the token (1 for the head of a top-level form).
        var depth: Int
    }

    static func check(_ source: String, file: String) throws(Z3Error) {
        for token in symbols(source) {
            if token.opensList && forbiddenCommands.contains(token.text) {
                throw .parse(file: file, line: token.line, column: token.column,
                             message: "'(\(token.text)' is not allowed in a property file: the checker runs the query (declare, define and assert only)")
            }
            if token.text.hasPrefix(reservedPrefix) {
                throw .parse(file: file, line: token.line, column: token.column,
                             message: "'\(token.text)': names starting with '\(reservedPrefix)' are reserved for the checker")
            }
        }
    }

    /// The first `forall` or `exists` inside the `index`-th (0-based) top-level `assert`, else
    /// the file's first quantifier: where a grounding over budget is reported.
    static func firstQuantifier(inAssertion index: Int, of source: String) -> (line: Int, column: Int)? {
        var assertion = -1
        var inside = false
        var first: (Int, Int)?
        for token in symbols(source) {
            if token.opensList && token.depth == 1 {
                inside = token.text == "assert"
                if inside { assertion += 1 }
            }
            guard token.opensList, token.text == "forall" || token.text == "exists" else { continue }
            if inside && assertion == index { return (token.line, token.column) }
            if first == nil { first = (token.line, token.column) }
        }
        return first
    }

    static func symbols(_ source: String) -> [Token] {
        var tokens: [Token] = []
        var line = 1, column = 0, depth = 0
        var previousOpen = false
        var chars = Array(source.unicodeScalars)[...]
        func next() -> Unicode.Scalar? {
            guard let c = chars.first else { return nil }
            chars = chars.dropFirst()
            if c == "\n" { line += 1; column = 0 } else { column += 1 }
            return c
        }
        while let c = next() {
            switch c {
            case ";":
                while let d = chars.first, d != "\n" { _ = next(); _ = d }
            case "\"":
                // A string literal; "" is an escaped quote.
                while let d = next() {
                    if d == "\"" { if chars.first == "\"" { _ = next() } else { break } }
                }
                previousOpen = false
            case "(":
                previousOpen = true
                depth += 1
            case ")":
                previousOpen = false
                depth -= 1
            case "|":
                let (l, col) = (line, column)
                var text = ""
                while let d = next(), d != "|" { text.unicodeScalars.append(d) }
                tokens.append(Token(text: text, line: l, column: col, opensList: previousOpen, depth: depth))
                previousOpen = false
            default:
                if c.properties.isWhitespace { continue }
                let (l, col) = (line, column)
                var text = String(c)
                while let d = chars.first, !d.properties.isWhitespace, !"()|;\"".unicodeScalars.contains(d) {
                    text.unicodeScalars.append(d)
                    _ = next()
                }
                tokens.append(Token(text: text, line: l, column: col, opensList: previousOpen, depth: depth))
                previousOpen = false
            }
        }
        return tokens
    }
}
