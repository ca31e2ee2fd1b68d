import CZ3

/// Makes a parsed property concrete: fact applications become their values, and bounded
/// integer quantifiers become finite conjunctions and disjunctions.
///
/// The facts are concrete, so `(forall ((k Int)) (=> (and (<= 0 k) (< k region_count)) B))`
/// ranges over a known, small set of indices. Left to Z3's quantifier engine such queries take
/// seconds (or end `unknown`) once there are a few dozen regions; expanded they are ground and
/// take milliseconds. An array read at a symbolic index (a witness constant) becomes a
/// balanced `ite` tree over the index. A quantifier whose bounds are not recognised is kept:
/// still exact, only slower.
///
/// Recognised guards (bounds must be numerals once the facts are substituted): for `forall`,
/// the conjuncts of an `=>` premise, of a negated `and`, or the negated disjuncts of an `or`;
/// for `exists`, the conjuncts of an `and`. A bound is `(<= L k)`, `(< L k)`, `(< k H)`,
/// `(<= k H)`, or the same with `>=` / `>`. Every instance keeps the whole body, guard
/// included, so the expansion is exact.
struct Z3Grounding {
    let context: Z3Context
    let facts: Z3FactBinding
    /// Above this many instances a quantifier is left to Z3.
    let limit: Int
    /// Results by input AST id. The input is kept too: Z3 reuses the id of a freed AST.
    var memo: [UInt32: (input: Z3Expr, result: Z3Expr)] = [:]
    /// Instances all expansions of one query may make together: nested quantifiers multiply
    /// their bounds, and a 211-byte file once asked for billions (Properties/README.md).
    static let termBudget = 50_000
    var budgetLeft = Z3Grounding.termBudget
    /// Past this instant grounding stops with `.timeout`: it counts against the query's limit.
    let deadline: ContinuousClock.Instant?

    init(facts: Z3FactBinding, limit: Int = 50_000, deadline: ContinuousClock.Instant? = nil) {
        self.context = facts.context
        self.facts = facts
        self.limit = limit
        self.deadline = deadline
    }

    mutating func ground(_ expression: Z3Expr) throws(Z3Error) -> Z3Expr {
        let c = context.raw
        let id = Z3_get_ast_id(c, expression.raw)
        if let done = memo[id] { return done.result }
        let result: Z3Expr
        switch Z3_get_ast_kind(c, expression.raw) {
        case Z3_APP_AST:
            let app = Z3_to_app(c, expression.raw)
            let count = Z3_get_app_num_args(c, app)
            var arguments: [Z3Expr] = []
            var changed = false
            for index in 0..<count {
                let argument = try Z3Expr.make(context) { Z3_get_app_arg(c, app, index) }
                let grounded = try ground(argument)
                changed = changed || grounded.raw != argument.raw
                arguments.append(grounded)
            }
            if let value = facts.value(ofApplication: app) {
                result = try read(value, at: arguments.first)
            } else if changed {
                let asts: [Z3_ast?] = arguments.map(\.raw)
                result = try Z3Expr.make(context) {
                    asts.withUnsafeBufferPointer { Z3_update_term(c, expression.raw, count, $0.baseAddress) }
                }
            } else {
                result = expression
            }
        case Z3_QUANTIFIER_AST:
            if let expanded = try expand(expression) {
                result = expanded
            } else {
                let body = try Z3Expr.make(context) { Z3_get_quantifier_body(c, expression.raw) }
                var grounded: Z3_ast? = try ground(body).raw
                result = try Z3Expr.make(context) { Z3_update_term(c, expression.raw, 1, &grounded) }
            }
        default:
            result = expression
        }
        memo[id] = (expression, result)
        return result
    }

    /// A fact's value; for an array at a symbolic index, a balanced `ite` tree over it.
    func read(_ value: Z3FactBinding.Value, at index: Z3Expr?) throws(Z3Error) -> Z3Expr {
        switch value {
        case let .int(number): return try context.int(number)
        case let .bool(flag): return try context.bool(flag)
        case let .ints(numbers): return try select(numbers.map { n throws(Z3Error) in try context.int(n) }, default: context.int(0), at: index!)
        case let .bools(flags): return try select(flags.map { f throws(Z3Error) in try context.bool(f) }, default: context.bool(false), at: index!)
        }
    }

    func select(_ elements: [Z3Expr], default otherwise: Z3Expr, at index: Z3Expr) throws(Z3Error) -> Z3Expr {
        let c = context.raw
        var concrete: Int64 = 0
        if Z3_is_numeral_ast(c, index.raw), Z3_get_numeral_int64(c, index.raw, &concrete) {
            return elements.indices.contains(Int(concrete)) ? elements[Int(concrete)] : otherwise
        }
        guard !elements.isEmpty else { return otherwise }
        func tree(_ range: Range<Int>) throws(Z3Error) -> Z3Expr {
            if range.count == 1 { return elements[range.lowerBound] }
            let middle = range.lowerBound + range.count / 2
            let condition = try index < context.int(middle)
            let low = try tree(range.lowerBound..<middle), high = try tree(middle..<range.upperBound)
            return try Z3Expr.make(context) { Z3_mk_ite(c, condition.raw, low.raw, high.raw) }
        }
        let inside = try context.and([try index >= context.int(0), try index < context.int(elements.count)])
        let body = try tree(0..<elements.count)
        return try Z3Expr.make(context) { Z3_mk_ite(c, inside.raw, body.raw, otherwise.raw) }
    }

    mutating func expand(_ quantifier: Z3Expr) throws(Z3Error) -> Z3Expr? {
        let c = context.raw
        let isForall = Z3_is_quantifier_forall(c, quantifier.raw)
        guard isForall || Z3_is_quantifier_exists(c, quantifier.raw) else { return nil }
        let variables = Int(Z3_get_quantifier_num_bound(c, quantifier.raw))
        for index in 0..<variables {
            guard Z3_get_sort_kind(c, Z3_get_quantifier_bound_sort(c, quantifier.raw, UInt32(index))) == Z3_INT_SORT else { return nil }
        }
        let body = try Z3Expr.make(context) { Z3_get_quantifier_body(c, quantifier.raw) }
        let guards = try guardAtoms(body, universal: isForall)
        // De Bruijn index j is the variable declared (variables - 1 - j)-th; Z3_substitute_vars
        // takes values in index order, which is how `ranges` is built.
        var ranges: [Range<Int>] = []
        for variable in 0..<variables {
            guard let range = try bounds(of: variable, in: guards) else { return nil }
            ranges.append(range)
        }
        if ranges.contains(where: \.isEmpty) { return try context.bool(isForall) }
        var total = 1
        for range in ranges {
            let (width, overflow) = range.upperBound.subtractingReportingOverflow(range.lowerBound)
            guard !overflow, width <= limit else { return nil }
            total *= width
            guard total <= limit else { return nil }
        }

        guard total <= budgetLeft else { throw .groundingLimit(terms: Z3Grounding.termBudget) }
        budgetLeft -= total

        var instances: [Z3Expr] = []
        var values = ranges.map(\.lowerBound)
        while true {
            if let deadline, ContinuousClock.now > deadline { throw .timeout(seconds: 0) }
            var numerals: [Z3Expr] = []
            for value in values { numerals.append(try context.int(value)) }
            let asts: [Z3_ast?] = numerals.map(\.raw)
            let instance = try Z3Expr.make(context) {
                asts.withUnsafeBufferPointer { Z3_substitute_vars(c, body.raw, UInt32(asts.count), $0.baseAddress) }
            }
            let before = budgetLeft
            instances.append(try ground(instance).simplified())
            // The first instance shows what each costs in nested expansions: refuse now what the
            // others would take past the budget, instead of building it first.
            if instances.count == 1, before > budgetLeft {
                let (projected, overflow) = (before - budgetLeft).multipliedReportingOverflow(by: total - 1)
                if overflow || projected > budgetLeft { throw .groundingLimit(terms: Z3Grounding.termBudget) }
            }
            // Next combination, odometer style.
            var position = 0
            while position < values.count {
                values[position] += 1
                if values[position] < ranges[position].upperBound { break }
                values[position] = ranges[position].lowerBound
                position += 1
            }
            if position == values.count { break }
        }
        return isForall ? try context.and(instances) : try context.or(instances)
    }

    /// The atoms that must hold for an instance to matter (see the type's comment).
    func guardAtoms(_ body: Z3Expr, universal: Bool) throws(Z3Error) -> [Z3Expr] {
        if !universal { return try conjuncts(body) }
        switch kind(body) {
        case Z3_OP_IMPLIES, Z3_OP_NOT:
            return try conjuncts(try arguments(body)[0])
        case Z3_OP_OR:
            var atoms: [Z3Expr] = []
            for disjunct in try arguments(body) where kind(disjunct) == Z3_OP_NOT {
                atoms.append(try arguments(disjunct)[0])
            }
            return atoms
        default:
            return []
        }
    }

    /// The range of de Bruijn variable `variable` that the guard atoms allow, if bounded both ways.
    mutating func bounds(of variable: Int, in guards: [Z3Expr]) throws(Z3Error) -> Range<Int>? {
        let c = context.raw
        var lower: Int?
        var upper: Int?
        func isVariable(_ e: Z3Expr) -> Bool {
            Z3_get_ast_kind(c, e.raw) == Z3_VAR_AST && Int(Z3_get_index_value(c, e.raw)) == variable
        }
        for atom in guards {
            guard var op = kind(atom), [Z3_OP_LT, Z3_OP_LE, Z3_OP_GT, Z3_OP_GE].contains(op) else { continue }
            let sides = try arguments(atom)
            guard sides.count == 2 else { continue }
            // Normalise to "variable OP value".
            let value: Int
            if isVariable(sides[0]), let number = try numeral(sides[1]) {
                value = number
            } else if isVariable(sides[1]), let number = try numeral(sides[0]) {
                value = number
                op = [Z3_OP_LT: Z3_OP_GT, Z3_OP_LE: Z3_OP_GE, Z3_OP_GT: Z3_OP_LT, Z3_OP_GE: Z3_OP_LE][op]!
            } else {
                continue
            }
            let successor = value == Int.max ? value : value + 1
            switch op {
            case Z3_OP_LT: upper = min(upper ?? value, value)
            case Z3_OP_LE: upper = min(upper ?? successor, successor)
            case Z3_OP_GT: lower = max(lower ?? successor, successor)
            default: lower = max(lower ?? value, value)
            }
        }
        guard let lower, let upper else { return nil }
        return lower..<max(lower, upper)
    }

    /// The integer a ground term denotes once the facts are substituted, if it is one.
    mutating func numeral(_ term: Z3Expr) throws(Z3Error) -> Int? {
        let c = context.raw
        guard Z3_get_ast_kind(c, term.raw) != Z3_VAR_AST else { return nil }
        let simplified = try ground(term).simplified()
        var value: Int64 = 0
        guard Z3_is_numeral_ast(c, simplified.raw), Z3_get_numeral_int64(c, simplified.raw, &value) else { return nil }
        return Int(value)
    }

    func kind(_ e: Z3Expr) -> Z3_decl_kind? {
        let c = context.raw
        guard Z3_get_ast_kind(c, e.raw) == Z3_APP_AST else { return nil }
        return Z3_get_decl_kind(c, Z3_get_app_decl(c, Z3_to_app(c, e.raw)))
    }

    func arguments(_ e: Z3Expr) throws(Z3Error) -> [Z3Expr] {
        let c = context.raw
        let app = Z3_to_app(c, e.raw)
        var result: [Z3Expr] = []
        for index in 0..<Z3_get_app_num_args(c, app) {
            result.append(try Z3Expr.make(context) { Z3_get_app_arg(c, app, index) })
        }
        return result
    }

    func conjuncts(_ e: Z3Expr) throws(Z3Error) -> [Z3Expr] {
        guard kind(e) == Z3_OP_AND else { return [e] }
        var result: [Z3Expr] = []
        for argument in try arguments(e) { result += try conjuncts(argument) }
        return result
    }
}
