import CZ3

/// A Z3 AST owned by Swift: one Z3 reference for the wrapper's lifetime. The wrapper keeps its
/// context alive, so an expression can never outlive the context it belongs to.
public final class Z3Expr {
    public let context: Z3Context
    let raw: Z3_ast

    /// Takes a reference on `raw`, a fresh AST returned by a Z3 call on `context`.
    init(_ context: Z3Context, _ raw: Z3_ast) {
        self.context = context
        self.raw = raw
        Z3_inc_ref(context.raw, raw)
    }

    deinit { Z3_dec_ref(context.raw, raw) }

    /// Wraps the result of a Z3 call that builds an AST, throwing the call's error if any.
    static func make(_ context: Z3Context, _ body: () -> Z3_ast?) throws(Z3Error) -> Z3Expr {
        let ast = body()
        try context.check()
        guard let ast else { throw .api(code: "Z3_NULL", message: "Z3 returned no AST") }
        return Z3Expr(context, ast)
    }
}

extension Z3Expr: CustomStringConvertible {
    /// The expression in SMT-LIB2 syntax.
    public var description: String {
        guard let text = Z3_ast_to_string(context.raw, raw) else { return "<ast>" }
        return String(cString: text)
    }
}

extension Z3Expr {
    /// The `index`-th argument of an application.
    func argument(_ index: Int) throws(Z3Error) -> Z3Expr {
        let c = context.raw
        guard try context.call({ Z3_get_ast_kind(c, raw) }) == Z3_APP_AST,
              try context.call({ Z3_get_app_num_args(c, Z3_to_app(c, raw)) }) > UInt32(index) else {
            throw .api(code: "Z3_INVALID_ARG", message: "\(self) has no argument \(index)")
        }
        return try Z3Expr.make(context) { Z3_get_app_arg(c, Z3_to_app(c, raw), UInt32(index)) }
    }
}

extension Z3Expr {
    /// Z3's rewriter applied: with concrete facts, array reads at known indices fold away.
    func simplified() throws(Z3Error) -> Z3Expr {
        try Z3Expr.make(context) { Z3_simplify(context.raw, raw) }
    }
}
