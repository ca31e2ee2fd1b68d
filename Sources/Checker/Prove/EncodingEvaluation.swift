import Z3Bridge

/// Solves an encoding with concrete values pinned and reads named results back: how the
/// differential tests run an encoded algorithm on the same inputs as the Swift code.
enum EncodingEvaluation {
    enum Failure: Error { case z3(Z3Error) }

    /// Values of `names` (Int, Bool, or bit-vectors as `.int`/`.other`) in a model of `text`.
    static func evaluate(_ text: String, names: [String], timeout: Double = 10) throws(Failure) -> [String: Z3Value] {
        let answer: Z3CheckResult
        let values: [String: Z3Value]
        do throws(Z3Error) {
            let context = Z3Context(timeout: timeout)
            let solver = try Z3Solver(context: context)
            try solver.assert(try context.parse(text, file: "<evaluation>"))
            answer = try solver.check()
            guard case let .sat(model) = answer else { values = [:]; return try unsolved(answer) }
            var read: [String: Z3Value] = [:]
            for name in names { read[name] = try ProveDecoding.value(model, name) }
            values = read
        } catch {
            throw .z3(error)
        }
        return values
    }

    static func unsolved(_ answer: Z3CheckResult) throws(Z3Error) -> [String: Z3Value] {
        throw .unknown(reason: "the encoding with the pinned values is \({ if case .unsat = answer { "unsatisfiable" } else { "undecided" } }())")
    }
}
