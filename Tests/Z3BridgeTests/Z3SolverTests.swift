import Testing
@testable import Z3Bridge

@Suite struct Z3SolverTests {
    @Test func satGivesAModelWithNamedConstants() throws {
        let context = Z3Context()
        let solver = try Z3Solver(context: context)
        let x = try context.intConstant("x"), y = try context.intConstant("y")
        try solver.assert(try x + y == context.int(10))
        try solver.assert(try x > context.int(7))
        try solver.assert(try context.boolConstant("flag"))
        guard case let .sat(model) = try solver.check() else { Issue.record("expected sat"); return }
        let xv = try #require(try model.value(of: "x"))
        let yv = try #require(try model.value(of: "y"))
        guard case let .int(a) = xv, case let .int(b) = yv else { Issue.record("not integers: \(xv) \(yv)"); return }
        #expect(a + b == 10 && a > 7)
        #expect(try model.value(of: "flag") == .bool(true))
        #expect(try model.value(of: "absent") == nil)
        #expect(Set(model.constantNames) == ["x", "y", "flag"])
    }

    @Test func unsatIsUnsat() throws {
        let context = Z3Context()
        let solver = try Z3Solver(context: context)
        let x = try context.intConstant("x")
        try solver.assert(try x < context.int(0))
        try solver.assert(try x > context.int(0))
        guard case .unsat = try solver.check() else { Issue.record("expected unsat"); return }
        #expect(try solver.check().decided() == nil)
    }

    @Test func modelEvaluatesNamedFunctions() throws {
        let context = Z3Context()
        let solver = try Z3Solver(context: context)
        try solver.assert(try context.parse("(declare-fun f (Int) Int) (assert (= (f 3) 42)) (assert (= (f 4) 7))"))
        guard case let .sat(model) = try solver.check() else { Issue.record("expected sat"); return }
        #expect(try model.value(of: "f", at: [3]) == .int(42))
        #expect(try model.value(of: "f", at: [4]) == .int(7))
        #expect(try model.value(of: "g", at: [4]) == nil)
    }

    @Test func apiMisuseThrowsInsteadOfExiting() throws {
        let context = Z3Context()
        // Int + Bool is a sort error: Z3's default handler would exit the process.
        #expect(throws: Z3Error.self) { try context.intConstant("x") + context.bool(true) }
        do {
            _ = try context.intConstant("x") + context.bool(true)
        } catch {
            guard case let .api(code, message) = error else { Issue.record("unexpected \(error)"); return }
            // Z3 4.8 reports sort errors from the builder API as exceptions.
            #expect(["Z3_SORT_ERROR", "Z3_EXCEPTION"].contains(code))
            #expect(message.contains("Sort mismatch"))
        }
        // The context stays usable after an error.
        #expect(try context.int(5).description == "5")
    }

    @Test func parseErrorsCarryZ3LineAndColumn() throws {
        let context = Z3Context()
        #expect(throws: Z3Error.parse(file: "t.smt2", line: 2, column: 12, message: "unknown constant y")) {
            try context.parse("(declare-const x Int)\n(assert (> y 0))\n", file: "t.smt2")
        }
    }

    /// A nonlinear integer problem Z3 cannot settle in a millisecond: it must come back as
    /// unknown (a timeout), never as sat or unsat.
    @Test func aTimeoutIsUnknownNotHolds() throws {
        let context = Z3Context(timeout: 0.001)
        let solver = try Z3Solver(context: context)
        try solver.assert(try context.parse("""
            (declare-const x Int) (declare-const y Int) (declare-const z Int)
            (assert (and (> x 1) (> y 1) (> z 1) (= (+ (* x x x) (* y y y)) (* z z z))))
            """))
        let start = ContinuousClock.now
        let result = try solver.check()
        #expect(ContinuousClock.now - start < .seconds(5))
        guard case let .unknown(reason) = result else { Issue.record("expected unknown, got \(result)"); return }
        #expect(reason == .timeout(seconds: 0.001))
        #expect(throws: Z3Error.timeout(seconds: 0.001)) { try result.decided() }
    }
}

@Suite struct Z3UnknownTests {
    /// Z3 gives up on exponentiation at once: an unknown that is not a timeout.
    @Test func anIncompleteAnswerIsUnknownWithZ3sReason() throws {
        let context = Z3Context()
        let solver = try Z3Solver(context: context)
        try solver.assert(try context.parse("(declare-const x Int) (assert (= (^ 2 x) 8))"))
        let result = try solver.check()
        guard case let .unknown(.incomplete(reason)) = result else { Issue.record("expected incomplete, got \(result)"); return }
        #expect(reason.contains("incomplete"))
        #expect(throws: Z3Error.unknown(reason: reason)) { try result.decided() }
    }

    @Test func anUndecidedPropertyIsUnknownNotHolds() throws {
        let checker = try Z3PropertyChecker()
        let property = try Z3Property(path: "pow.smt2", source: """
            ; id: pow
            ; kind: state
            ; witness: e = {e}
            (declare-const e Int)
            (assert (and (> e region_count) (= (^ 2 e) 8)))
            """)
        try checker.validate(property)
        let facts = Z3Facts.state(universe: small, regions: [], leaks: .init())
        let verdict = try checker.check(property, facts: facts)
        guard case .unknown = verdict else { Issue.record("expected unknown, got \(verdict)"); return }
    }
}
