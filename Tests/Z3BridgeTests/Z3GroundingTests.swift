import Testing
@testable import Z3Bridge

@Suite struct Z3GroundingTests {
    /// Forty regions, a thousand frames: every built-in property decides quickly because
    /// bounded quantifiers are expanded over the concrete facts (left to Z3's quantifier
    /// engine, the same checks took seconds each or timed out).
    @Test func builtInPropertiesStayFastOnLargerStates() throws {
        let checker = try Z3PropertyChecker()
        let all = try builtInProperties(checker)
        let n = 40
        let universe = Z3UniverseFact(pageSize: P, totalBase: 0x10000, totalEnd: 0x10000 + 2 * n * P)
        let regions = (0..<n).map { Z3RegionFact(base: 0x10000 + $0 * 2 * P, end: 0x10000 + ($0 * 2 + 1) * P, prot: 3, object: $0, offset: 0) }
        let leaks = Z3LeakFacts(frames: Array(repeating: .init(used: true, owned: true), count: 1000),
                                objects: Array(repeating: .init(refs: 1, live: true), count: n),
                                tables: Array(repeating: .init(allocated: true, needed: true), count: n))
        let state = Z3Facts.state(universe: universe, regions: regions, leaks: leaks)
        let failedMmap = Z3Facts.transition(universe: universe, before: regions,
                                            operation: .init(kind: .mmapAnywhere, size: 2 * P, align: P, prot: 3),
                                            result: .failure(Z3Errno.enomem), after: regions)
        let munmap = Z3Facts.transition(universe: universe, before: regions,
                                        operation: .init(kind: .munmap, addr: 0x10000, size: P, align: P),
                                        result: .success(), after: Array(regions.dropFirst()))
        let start = ContinuousClock.now
        for (id, facts) in [("no-overlap", state), ("no-leak", state), ("hole-completeness", failedMmap), ("split-partition", munmap)] {
            #expect(try checker.check(#require(all[id]), facts: facts, timeout: 10) == .holds, "\(id)")
        }
        #expect(ContinuousClock.now - start < .seconds(5))
    }

    /// A quantifier without recognisable bounds is left to Z3, and still answered exactly.
    @Test func unboundedQuantifiersAreKept() throws {
        let checker = try Z3PropertyChecker()
        let property = try Z3Property(path: "unbounded.smt2", source: """
            ; id: unbounded
            ; kind: state
            ; witness: x = {x}
            (declare-const x Int)
            (assert (and (> x region_count) (forall ((k Int)) (=> (> k x) (> (* 2 k) x)))))
            """)
        try checker.validate(property)
        let facts = Z3Facts.state(universe: small, regions: [region(0, 1)], leaks: .init())
        let verdict = try checker.check(property, facts: facts)
        guard case let .violated(witness) = verdict, case let .int(x) = witness.values["x"] else {
            Issue.record("expected a violation, got \(verdict)"); return
        }
        #expect(x > 1)
    }

    /// Out-of-range reads give 0 / false, also at a symbolic index.
    @Test func arraysReadZeroOutsideTheirRange() throws {
        let checker = try Z3PropertyChecker()
        let property = try Z3Property(path: "outside.smt2", source: """
            ; id: outside
            ; kind: state
            ; witness: base {k} = {(base k)}
            (declare-const k Int)
            (assert (and (>= k region_count) (< k (+ region_count 3)) (not (= (base k) 0))))
            """)
        try checker.validate(property)
        let facts = Z3Facts.state(universe: small, regions: [region(0, 1), region(2, 1)], leaks: .init())
        #expect(try checker.check(property, facts: facts) == .holds)
    }
}
