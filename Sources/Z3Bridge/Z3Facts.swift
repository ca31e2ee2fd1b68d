/// Concrete values a property is checked against: named integers and Booleans, and named
/// integer and Boolean arrays indexed `0..<count`. The checker declares the names to Z3's
/// parser and substitutes the values (`Z3FactBinding`, `Z3Grounding`), so a property's bounded
/// quantifiers range over concrete data; `smtlib` renders the same facts as text.
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

    /// The facts as standalone SMT-LIB2 definitions, sorted by name so that equal facts give
    /// equal text: prepend to a property file to reproduce a check with any Z3 front end.
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

    /// An array is an SMT array constant built by a chain of `store`s over a constant default,
    /// read through a function so files write `(name i)`:
    ///
    ///     (define-fun |regioncheck.name| () (Array Int S) (store (store ((as const (Array Int S)) d) 0 v0) 1 v1))
    ///     (define-fun |name| ((i Int)) S (select |regioncheck.name| i))
    ///
    /// (Z3 4.8 parses `define-fun` bodies made of `ite` in quadratic time; stores are linear.)
    static func array(_ name: String, sort: String, _ values: [String], otherwise: String) -> String {
        let storage = symbol("regioncheck." + name)
        var chain = String(repeating: "(store ", count: values.count) + "((as const (Array Int \(sort))) \(otherwise))"
        for (index, value) in values.enumerated() {
            chain += " \(index) \(value))"
        }
        return "(define-fun \(storage) () (Array Int \(sort)) \(chain))\n"
            + "(define-fun \(symbol(name)) ((i Int)) \(sort) (select \(storage) i))"
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
