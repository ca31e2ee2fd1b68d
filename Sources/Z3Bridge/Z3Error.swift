/// Everything that can go wrong between the checker and Z3. Z3 never exits or crashes the
/// process: its errors are recorded by a no-op handler and surface here.
public enum Z3Error: Error, Equatable, Sendable {
    /// SMT-LIB2 that Z3 rejected (syntax error, unknown symbol, sort error), located in the
    /// property file's own line and column numbers (1-based).
    case parse(file: String, line: Int, column: Int, message: String)
    /// A property file's header comments are missing a field or malformed.
    case header(file: String, line: Int, message: String)
    /// Any other Z3 API failure; `code` is the Z3_error_code name.
    case api(code: String, message: String)
    /// A query hit its time limit.
    case timeout(seconds: Double)
    /// Z3 answered `unknown` for a reason other than the time limit.
    case unknown(reason: String)
    /// A property directory or file could not be read.
    case io(path: String, message: String)
    /// Two property files declare the same id.
    case duplicateProperty(id: String, files: [String])
    /// Facts built for one kind of property were given to a property of another kind.
    case kindMismatch(property: String, expected: Z3PropertyKind, got: Z3PropertyKind)
    /// A witness placeholder could not be evaluated in Z3's model.
    case witness(property: String, message: String)
    /// Grounding the bounded quantifiers would make more than `terms` instances
    /// (`Z3Grounding.termBudget`); the checker locates it in the file as a `.parse` error.
    case groundingLimit(terms: Int)
}

extension Z3Error: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .parse(file, line, column, message):
            return "\(file):\(line):\(column): \(message)"
        case let .header(file, line, message):
            return "\(file):\(line): \(message)"
        case let .api(code, message):
            return "Z3 error \(code): \(message)"
        case let .timeout(seconds):
            return "Z3 timed out after \(seconds) s"
        case let .unknown(reason):
            return "Z3 answered unknown: \(reason)"
        case let .io(path, message):
            return "\(path): \(message)"
        case let .duplicateProperty(id, files):
            return "property id '\(id)' is declared by more than one file: \(files.joined(separator: ", "))"
        case let .kindMismatch(property, expected, got):
            return "property '\(property)' is a \(expected.rawValue) property but was given \(got.rawValue) facts"
        case let .witness(property, message):
            return "property '\(property)': witness: \(message)"
        case let .groundingLimit(terms):
            return "the bounded quantifiers ground to more than \(terms) instances"
        }
    }
}
