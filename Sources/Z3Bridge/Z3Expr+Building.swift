import CZ3

// A small builder vocabulary: property files are SMT-LIB2 text, so the Swift side needs only
// enough to state ad-hoc queries (tests, the checker's own sanity checks).
extension Z3Context {
    var intSort: Z3_sort { Z3_mk_int_sort(raw) }
    var boolSort: Z3_sort { Z3_mk_bool_sort(raw) }

    public func int(_ value: Int) throws(Z3Error) -> Z3Expr {
        try Z3Expr.make(self) { Z3_mk_int64(raw, Int64(value), intSort) }
    }

    public func bool(_ value: Bool) throws(Z3Error) -> Z3Expr {
        try Z3Expr.make(self) { value ? Z3_mk_true(raw) : Z3_mk_false(raw) }
    }

    /// An integer constant (a 0-ary function) named `name`.
    public func intConstant(_ name: String) throws(Z3Error) -> Z3Expr {
        try Z3Expr.make(self) { Z3_mk_const(raw, Z3_mk_string_symbol(raw, name), intSort) }
    }

    public func boolConstant(_ name: String) throws(Z3Error) -> Z3Expr {
        try Z3Expr.make(self) { Z3_mk_const(raw, Z3_mk_string_symbol(raw, name), boolSort) }
    }

    func nary(_ operands: [Z3Expr], _ build: (Z3_context?, UInt32, UnsafePointer<Z3_ast?>?) -> Z3_ast?) throws(Z3Error) -> Z3Expr {
        let asts: [Z3_ast?] = operands.map(\.raw)
        return try Z3Expr.make(self) { asts.withUnsafeBufferPointer { build(raw, UInt32($0.count), $0.baseAddress!) } }
    }

    public func and(_ operands: [Z3Expr]) throws(Z3Error) -> Z3Expr { try nary(operands, Z3_mk_and) }
    public func or(_ operands: [Z3Expr]) throws(Z3Error) -> Z3Expr { try nary(operands, Z3_mk_or) }
}

extension Z3Expr {
    public static func + (lhs: Z3Expr, rhs: Z3Expr) throws(Z3Error) -> Z3Expr { try lhs.context.nary([lhs, rhs], Z3_mk_add) }
    public static func - (lhs: Z3Expr, rhs: Z3Expr) throws(Z3Error) -> Z3Expr { try lhs.context.nary([lhs, rhs], Z3_mk_sub) }
    public static func * (lhs: Z3Expr, rhs: Z3Expr) throws(Z3Error) -> Z3Expr { try lhs.context.nary([lhs, rhs], Z3_mk_mul) }

    public static func == (lhs: Z3Expr, rhs: Z3Expr) throws(Z3Error) -> Z3Expr { try binary(lhs, rhs, Z3_mk_eq) }
    public static func < (lhs: Z3Expr, rhs: Z3Expr) throws(Z3Error) -> Z3Expr { try binary(lhs, rhs, Z3_mk_lt) }
    public static func <= (lhs: Z3Expr, rhs: Z3Expr) throws(Z3Error) -> Z3Expr { try binary(lhs, rhs, Z3_mk_le) }
    public static func > (lhs: Z3Expr, rhs: Z3Expr) throws(Z3Error) -> Z3Expr { try binary(lhs, rhs, Z3_mk_gt) }
    public static func >= (lhs: Z3Expr, rhs: Z3Expr) throws(Z3Error) -> Z3Expr { try binary(lhs, rhs, Z3_mk_ge) }

    public static prefix func ! (operand: Z3Expr) throws(Z3Error) -> Z3Expr {
        try Z3Expr.make(operand.context) { Z3_mk_not(operand.context.raw, operand.raw) }
    }

    static func binary(_ lhs: Z3Expr, _ rhs: Z3Expr, _ build: (Z3_context?, Z3_ast?, Z3_ast?) -> Z3_ast?) throws(Z3Error) -> Z3Expr {
        try Z3Expr.make(lhs.context) { build(lhs.context.raw, lhs.raw, rhs.raw) }
    }
}
