/// The `; witness:` line of a property file: text with `{term}` placeholders that are filled
/// from Z3's model. A term is any SMT-LIB2 term over the file's symbols; an optional format
/// follows the first top-level colon: `{t}` / `{t:dec}` decimal, `{t:hex}` hexadecimal,
/// `{t:prot}` protection bits as `rwx`, `{t:enum(a|b|c)}` the value's label (0 = a).
/// `{{` and `}}` stand for literal braces.
public struct Z3WitnessTemplate: Equatable, Sendable {
    public enum Format: Equatable, Sendable {
        case decimal, hex, prot
        case names([String])
    }

    public enum Piece: Equatable, Sendable {
        case text(String)
        /// `column` is the term's 1-based position in the template text.
        case value(term: String, format: Format, column: Int)
    }

    public let pieces: [Piece]

    /// A template error at a 1-based column of the template text.
    public struct SyntaxError: Error, Equatable {
        public let column: Int
        public let message: String
    }

    public init(parsing text: String) throws(SyntaxError) {
        var pieces: [Piece] = []
        var literal = ""
        let characters = Array(text)
        var index = 0
        while index < characters.count {
            let character = characters[index]
            let next = index + 1 < characters.count ? characters[index + 1] : nil
            if (character == "{" && next == "{") || (character == "}" && next == "}") {
                literal.append(character)
                index += 2
                continue
            }
            if character == "}" { throw SyntaxError(column: index + 1, message: "unmatched '}' (write '}}' for a literal brace)") }
            guard character == "{" else {
                literal.append(character)
                index += 1
                continue
            }
            guard let close = characters[index...].firstIndex(of: "}") else {
                throw SyntaxError(column: index + 1, message: "unterminated placeholder")
            }
            if !literal.isEmpty { pieces.append(.text(literal)); literal = "" }
            let inner = characters[(index + 1)..<close]
            let (term, format) = try Self.split(inner, column: index + 2)
            pieces.append(.value(term: term, format: format, column: index + 2))
            index = close + 1
        }
        if !literal.isEmpty { pieces.append(.text(literal)) }
        self.pieces = pieces
    }

    /// The distinct terms the template needs, in order of first use.
    public var terms: [String] {
        var seen: Set<String> = []
        return pieces.compactMap { piece in
            guard case let .value(term, _, _) = piece, seen.insert(term).inserted else { return nil }
            return term
        }
    }

    /// The text with every placeholder replaced by its term's value.
    public func render(_ values: [String: Z3Value]) -> String {
        pieces.map { piece in
            switch piece {
            case let .text(text): text
            case let .value(term, format, _): values[term].map { Self.format($0, format) } ?? "{\(term)}"
            }
        }.joined()
    }

    static func format(_ value: Z3Value, _ format: Format) -> String {
        guard case let .int(number) = value else { return value.description }
        switch format {
        case .decimal:
            return String(number)
        case .hex:
            return (number < 0 ? "-0x" : "0x") + String(number.magnitude, radix: 16)
        case .prot:
            guard (0...7).contains(number) else { return "prot(\(number))" }
            return (number & 1 != 0 ? "r" : "-") + (number & 2 != 0 ? "w" : "-") + (number & 4 != 0 ? "x" : "-")
        case let .names(names):
            return names.indices.contains(number) ? names[number] : "?\(number)"
        }
    }

    /// Splits `term:format` at the first colon outside parentheses and `|quoted|` symbols.
    static func split(_ inner: ArraySlice<Character>, column: Int) throws(SyntaxError) -> (String, Format) {
        var depth = 0
        var quoted = false
        var colon: Int?
        for index in inner.indices {
            switch inner[index] {
            case "|": quoted.toggle()
            case "(" where !quoted: depth += 1
            case ")" where !quoted: depth -= 1
            case ":" where !quoted && depth == 0 && colon == nil: colon = index
            default: break
            }
        }
        let term = String(inner[inner.startIndex..<(colon ?? inner.endIndex)]).trimmingSpaces
        guard !term.isEmpty else { throw SyntaxError(column: column, message: "empty placeholder") }
        guard let colon else { return (term, .decimal) }
        let spec = String(inner[(colon + 1)...]).trimmingSpaces
        switch spec {
        case "dec": return (term, .decimal)
        case "hex": return (term, .hex)
        case "prot": return (term, .prot)
        default:
            if spec.hasPrefix("enum("), spec.hasSuffix(")") {
                let names = spec.dropFirst(5).dropLast().split(separator: "|", omittingEmptySubsequences: false).map(String.init)
                return (term, .names(names))
            }
            throw SyntaxError(column: column + (colon - inner.startIndex) + 1,
                              message: "unknown format '\(spec)' (use dec, hex, prot or enum(a|b|...))")
        }
    }
}

extension String {
    var trimmingSpaces: String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
