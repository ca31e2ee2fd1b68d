/// Concrete values a property is checked against: named integers and Booleans, and named
/// integer and Boolean arrays indexed `0..<count`. The bridge turns them into SMT-LIB2
/// definitions (`define-fun`), so a property's bounded quantifiers range over concrete data.
///
/// Names are SMT-LIB2 symbols; property files refer to a scalar as `name` and to an array
/// element as `(name i)`. An array read outside `0..<count` yields 0 (or false): properties
/// bound their indices by the matching count.
public struct Z3Facts: Equatable, Sendable {
    /// The kind of property these facts describe, when built for one (see `Z3Vocabulary`).
    public var kind: Z3PropertyKind?
    public var integers: [String: Int] = [:]
    public var booleans: [String: Bool] = [:]
    public var integerArrays: [String: [Int]] = [:]
    public var booleanArrays: [String: [Bool]] = [:]

    public init(kind: Z3PropertyKind? = nil) {
        self.kind = kind
    }

    /// All names defined, in the order they are emitted.
    public var names: [String] {
        (Array(integers.keys) + booleans.keys + integerArrays.keys + booleanArrays.keys).sorted()
    }

    /// The SMT-LIB2 definitions, one per line, sorted by name so that equal facts give equal text.
    public var smtlib: String {
        var lines: [String: String] = [:]
        for (name, value) in integers {
            lines[name] = "(define-fun \(Self.symbol(name)) () Int \(Self.numeral(value)))"
        }
        for (name, value) in booleans {
            lines[name] = "(define-fun \(Self.symbol(name)) () Bool \(value))"
        }
        for (name, values) in integerArrays {
            lines[name] = Self.array(name, sort: "Int", values.map(Self.numeral), otherwise: "0")
        }
        for (name, values) in booleanArrays {
            lines[name] = Self.array(name, sort: "Bool", values.map { String($0) }, otherwise: "false")
        }
        return lines.keys.sorted().map { lines[$0]! + "\n" }.joined()
    }

    /// `(define-fun name ((i Int)) S (ite (= i 0) v0 (ite (= i 1) v1 ... otherwise)))`
    static func array(_ name: String, sort: String, _ values: [String], otherwise: String) -> String {
        var body = otherwise
        for (index, value) in values.enumerated().reversed() {
            body = "(ite (= i \(index)) \(value) \(body))"
        }
        return "(define-fun \(symbol(name)) ((i Int)) \(sort) \(body))"
    }

    static func numeral(_ value: Int) -> String {
        // SMT-LIB2 has no negative literals; Int.min has no positive counterpart in Int.
        value >= 0 ? String(value) : "(- \(String(value.magnitude)))"
    }

    /// Quoted so that any name is a valid symbol; `|base|` and `base` are the same symbol.
    static func symbol(_ name: String) -> String {
        precondition(!name.isEmpty && !name.contains("|") && !name.contains("\\"), "invalid fact name \(name)")
        return "|\(name)|"
    }
}
