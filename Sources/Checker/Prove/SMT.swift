/// A few SMT-LIB2 term builders: the prove encodings are SMT-LIB2 text that Z3Bridge parses,
/// so that this module never touches the Z3 C API and a query can be saved and re-run with any Z3.
enum SMT {
    static func int(_ value: Int) -> String { value >= 0 ? String(value) : "(- \(value.magnitude))" }
    static func and(_ terms: [String]) -> String { terms.isEmpty ? "true" : terms.count == 1 ? terms[0] : "(and \(terms.joined(separator: " ")))" }
    static func or(_ terms: [String]) -> String { terms.isEmpty ? "false" : terms.count == 1 ? terms[0] : "(or \(terms.joined(separator: " ")))" }
    static func not(_ term: String) -> String { "(not \(term))" }
    static func ite(_ condition: String, _ then: String, _ otherwise: String) -> String { "(ite \(condition) \(then) \(otherwise))" }
    static func max(_ a: String, _ b: String) -> String { "(ite (>= \(a) \(b)) \(a) \(b))" }
    static func min(_ a: String, _ b: String) -> String { "(ite (<= \(a) \(b)) \(a) \(b))" }

    /// A 64-bit bit-vector literal.
    static func bv(_ value: UInt64) -> String { "(_ bv\(value) 64)" }

    /// `(declare-const name sort)` lines.
    static func declare(_ names: [String], _ sort: String) -> String {
        names.map { "(declare-const \($0) \(sort))\n" }.joined()
    }

    /// A name that is a function of others: declared, then pinned by an equation, so Z3's model
    /// reports its value by name.
    static func define(_ name: String, _ sort: String, _ term: String) -> String {
        "(declare-const \(name) \(sort))\n(assert (= \(name) \(term)))\n"
    }
}
