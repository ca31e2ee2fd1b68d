import CZ3
import Foundation

/// What Z3 said about a set of assertions.
public enum Z3CheckResult {
    case sat(Z3Model)
    case unsat
    case unknown(Z3Unknown)
}

/// Why Z3 could not decide. Never to be read as "holds".
public enum Z3Unknown: Equatable, Sendable, CustomStringConvertible {
    /// The per-query time limit expired.
    case timeout(seconds: Double)
    /// Z3 gave up for another reason (incomplete theory or quantifier handling, ...).
    case incomplete(String)

    public var description: String {
        switch self {
        case let .timeout(seconds): "timeout after \(seconds) s"
        case let .incomplete(reason): reason
        }
    }
}

extension Z3CheckResult {
    /// The result as sat/unsat, turning `unknown` into a thrown error for callers that must stop.
    public func decided() throws(Z3Error) -> Z3Model? {
        switch self {
        case let .sat(model): return model
        case .unsat: return nil
        case let .unknown(.timeout(seconds)): throw .timeout(seconds: seconds)
        case let .unknown(.incomplete(reason)): throw .unknown(reason: reason)
        }
    }
}

/// A Z3 solver. Every `check` runs under a time limit.
public final class Z3Solver {
    public let context: Z3Context
    let raw: Z3_solver

    public init(context: Z3Context) throws(Z3Error) {
        self.context = context
        // The plain SMT core: the default solver re-runs its preprocessing tactics after each
        // reset, which costs ~7 ms per query; our queries are small and need none of it.
        let solver = Z3_mk_simple_solver(context.raw)
        try context.check()
        guard let solver else { throw .api(code: "Z3_NULL", message: "Z3 returned no solver") }
        raw = solver
        Z3_solver_inc_ref(context.raw, raw)
    }

    deinit { Z3_solver_dec_ref(context.raw, raw) }

    public func assert(_ expression: Z3Expr) throws(Z3Error) {
        try context.call { Z3_solver_assert(context.raw, raw, expression.raw) }
    }

    public func assert(_ expressions: [Z3Expr]) throws(Z3Error) {
        for expression in expressions { try assert(expression) }
    }

    /// Removes every assertion, so the solver can serve the next query.
    public func reset() throws(Z3Error) {
        try context.call { Z3_solver_reset(context.raw, raw) }
    }

    public func push() throws(Z3Error) { try context.call { Z3_solver_push(context.raw, raw) } }
    public func pop(_ levels: Int = 1) throws(Z3Error) { try context.call { Z3_solver_pop(context.raw, raw, UInt32(levels)) } }

    /// Checks the assertions with a time limit of `timeout` seconds (default: the context's).
    public func check(timeout: Double? = nil) throws(Z3Error) -> Z3CheckResult {
        let seconds = timeout ?? context.timeout
        try setTimeout(seconds)
        let start = ContinuousClock.now
        let answer = try context.call { Z3_solver_check(context.raw, raw) }
        switch answer {
        case Z3_L_TRUE:
            let model = try context.call { Z3_solver_get_model(context.raw, raw) }
            guard let model else { throw .api(code: "Z3_NULL", message: "sat without a model") }
            return .sat(Z3Model(context, model))
        case Z3_L_FALSE:
            return .unsat
        default:
            let reason = try context.call { String(cString: Z3_solver_get_reason_unknown(context.raw, raw)) }
            let elapsed = ContinuousClock.now - start
            // Z3 reports an expired timer as "timeout" or "canceled" depending on where it stopped.
            if reason.contains("timeout") || reason.contains("canceled") || elapsed >= .milliseconds(Self.milliseconds(seconds)) {
                return .unknown(.timeout(seconds: seconds))
            }
            return .unknown(.incomplete(reason))
        }
    }

    static func milliseconds(_ seconds: Double) -> Int {
        // Z3 takes an unsigned millisecond count; 0 would mean "no limit", so round up to 1.
        // Clamped as a Double first: converting 1e30 or infinity to Int traps (NaN counts as 1).
        let ms = (seconds * 1000).rounded(.up)
        guard ms >= 1 else { return 1 }
        return ms < Double(UInt32.max) ? Int(ms) : Int(UInt32.max)
    }

    func setTimeout(_ seconds: Double) throws(Z3Error) {
        let c = context.raw
        let params = try context.call { Z3_mk_params(c) }
        guard let params else { throw .api(code: "Z3_NULL", message: "Z3 returned no params") }
        Z3_params_inc_ref(c, params)
        defer { Z3_params_dec_ref(c, params) }
        try context.call { Z3_params_set_uint(c, params, Z3_mk_string_symbol(c, "timeout"), UInt32(Self.milliseconds(seconds))) }
        try context.call { Z3_solver_set_params(c, raw, params) }
    }
}
