import CZ3

/// A concrete value read from a Z3 model.
public enum Z3Value: Equatable, Hashable, Sendable, CustomStringConvertible {
    case int(Int)
    case bool(Bool)
    /// Anything else (an integer beyond 64 bits, a real, an uninterpreted value), as SMT-LIB2 text.
    case other(String)

    public var description: String {
        switch self {
        case let .int(value): String(value)
        case let .bool(value): String(value)
        case let .other(text): text
        }
    }
}

/// A satisfying assignment: the witness of a violation.
public final class Z3Model {
    public let context: Z3Context
    let raw: Z3_model

    init(_ context: Z3Context, _ raw: Z3_model) {
        self.context = context
        self.raw = raw
        Z3_model_inc_ref(context.raw, raw)
    }

    deinit { Z3_model_dec_ref(context.raw, raw) }

    /// The value of `expression` in this model; symbols the model leaves open get a default
    /// value (model completion), so the answer is always concrete.
    public func evaluate(_ expression: Z3Expr) throws(Z3Error) -> Z3Value {
        var result: Z3_ast?
        let ok = try context.call { Z3_model_eval(context.raw, raw, expression.raw, true, &result) }
        guard ok, let result else { throw .api(code: "Z3_MODEL_EVAL", message: "cannot evaluate \(expression)") }
        return try Z3Expr(context, result).value()
    }

    /// The value of the constant `name` (declared with `declare-const`), or nil if the model
    /// does not mention it.
    public func value(of name: String) throws(Z3Error) -> Z3Value? {
        guard let decl = try declaration(named: name, arity: 0) else { return nil }
        let app = try Z3Expr.make(context) { Z3_mk_app(context.raw, decl, 0, nil) }
        return try evaluate(app)
    }

    /// The value of the integer-indexed function `name` (declared with `declare-fun`) at
    /// `arguments`, or nil if the model does not mention it.
    public func value(of name: String, at arguments: [Int]) throws(Z3Error) -> Z3Value? {
        guard let decl = try declaration(named: name, arity: arguments.count) else { return nil }
        var args: [Z3Expr] = []
        for (index, argument) in arguments.enumerated() {
            let sort = try context.call { Z3_get_domain(context.raw, decl, UInt32(index)) }
            args.append(try Z3Expr.make(context) { Z3_mk_int64(context.raw, Int64(argument), sort) })
        }
        let asts: [Z3_ast?] = args.map(\.raw)
        let app = try Z3Expr.make(context) { asts.withUnsafeBufferPointer { Z3_mk_app(context.raw, decl, UInt32($0.count), $0.baseAddress) } }
        return try withExtendedLifetime(args) { () throws(Z3Error) -> Z3Value in try evaluate(app) }
    }

    /// Names of the constants the model assigns.
    public var constantNames: [String] {
        let c = context.raw
        return (0..<Z3_model_get_num_consts(c, raw)).map { index in
            String(cString: Z3_get_symbol_string(c, Z3_get_decl_name(c, Z3_model_get_const_decl(c, raw, index))))
        }
    }

    func declaration(named name: String, arity: Int) throws(Z3Error) -> Z3_func_decl? {
        let c = context.raw
        let count = arity == 0 ? Z3_model_get_num_consts(c, raw) : Z3_model_get_num_funcs(c, raw)
        for index in 0..<count {
            let decl = try context.call { arity == 0 ? Z3_model_get_const_decl(c, raw, index) : Z3_model_get_func_decl(c, raw, index) }
            guard let decl else { continue }
            let declName = String(cString: Z3_get_symbol_string(c, Z3_get_decl_name(c, decl)))
            if declName == name && Int(Z3_get_domain_size(c, decl)) == arity { return decl }
        }
        return nil
    }
}

extension Z3Expr {
    /// Reads a value (numeral or Boolean literal) out of an evaluated expression.
    func value() throws(Z3Error) -> Z3Value {
        let c = context.raw
        let kind = try context.call { Z3_get_ast_kind(c, raw) }
        if kind == Z3_NUMERAL_AST {
            var number: Int64 = 0
            if Z3_get_numeral_int64(c, raw, &number) { return .int(Int(number)) }
            return .other(String(cString: Z3_get_numeral_string(c, raw)))
        }
        switch Z3_get_bool_value(c, raw) {
        case Z3_L_TRUE: return .bool(true)
        case Z3_L_FALSE: return .bool(false)
        default: return .other(description)
        }
    }
}
