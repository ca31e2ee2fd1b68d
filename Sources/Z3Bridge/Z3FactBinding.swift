import CZ3

/// The facts as Z3 declarations: the parser sees every fact name as an ordinary function
/// symbol (so a property file is parsed with no preamble and keeps its own line numbers),
/// and `Z3Grounding` then replaces each application by its concrete value.
final class Z3FactBinding {
    enum Value {
        case int(Int)
        case bool(Bool)
        case ints([Int])
        case bools([Bool])
    }

    let context: Z3Context
    /// Declaration ASTs, kept referenced for the binding's lifetime.
    let declarations: [Z3Expr]
    let names: [String]
    /// Fact value by declaration AST id.
    let values: [UInt32: Value]

    init(_ facts: Z3Facts, context: Z3Context) throws(Z3Error) {
        self.context = context
        let c = context.raw
        var declarations: [Z3Expr] = []
        var names: [String] = []
        var values: [UInt32: Value] = [:]
        func declare(_ name: String, _ value: Value) throws(Z3Error) {
            let isArray: Bool
            let range: Z3_sort
            switch value {
            case .int: isArray = false; range = context.intSort
            case .bool: isArray = false; range = context.boolSort
            case .ints: isArray = true; range = context.intSort
            case .bools: isArray = true; range = context.boolSort
            }
            var domain: [Z3_sort?] = [context.intSort]
            let decl = try context.call {
                Z3_mk_func_decl(c, Z3_mk_string_symbol(c, name), isArray ? 1 : 0, &domain, range)
            }
            let ast = try Z3Expr.make(context) { Z3_func_decl_to_ast(c, decl) }
            declarations.append(ast)
            names.append(name)
            values[Z3_get_ast_id(c, ast.raw)] = value
        }
        for (name, value) in facts.integers { try declare(name, .int(value)) }
        for (name, value) in facts.booleans { try declare(name, .bool(value)) }
        for (name, value) in facts.integerArrays { try declare(name, .ints(value)) }
        for (name, value) in facts.booleanArrays { try declare(name, .bools(value)) }
        self.declarations = declarations
        self.names = names
        self.values = values
    }

    /// The fact an application refers to, if its function is one of ours.
    func value(ofApplication app: Z3_app?) -> Value? {
        let c = context.raw
        return values[Z3_get_ast_id(c, Z3_func_decl_to_ast(c, Z3_get_app_decl(c, app)))]
    }

    /// Runs `body` with the C arrays `Z3_parse_smtlib2_string` takes for extra declarations.
    func withDeclarations<T>(_ body: (UInt32, UnsafePointer<Z3_symbol?>?, UnsafePointer<Z3_func_decl?>?) -> T) -> T {
        let c = context.raw
        let symbols: [Z3_symbol?] = names.map { Z3_mk_string_symbol(c, $0) }
        let decls: [Z3_func_decl?] = declarations.map { Z3_to_func_decl(c, $0.raw) }
        return symbols.withUnsafeBufferPointer { s in
            decls.withUnsafeBufferPointer { d in body(UInt32(names.count), s.baseAddress, d.baseAddress) }
        }
    }
}
