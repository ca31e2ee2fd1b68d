import Foundation
import Testing
@testable import Z3Bridge

@Suite struct Z3LifetimeTests {
    /// Resident memory of this process in bytes, from /proc/self/statm (Linux).
    static func residentBytes() -> Int? {
        guard let statm = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return nil }
        let fields = statm.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    /// 5,000 property checks on one long-lived context (as the checker runs them): Z3's own
    /// allocation and the process's resident memory must stay bounded. A leaked expression,
    /// model or parsed query per check would grow Z3's heap by megabytes here.
    @Test func thousandsOfQueriesDoNotLeak() throws {
        let checker = try Z3PropertyChecker()
        let noOverlap = try builtIn("no-overlap", checker)
        let holes = try builtIn("hole-completeness", checker)
        func run(_ rounds: Range<Int>) throws {
            for index in rounds {
                // A region that moves every round makes every query's ASTs new: Z3 shares
                // equal ASTs, so repeating one query would hide a leak.
                let regions = [region(0, 2), region(1 + index % 3, 1, object: 1), region(16 + index, 1, object: 2)]
                let state = Z3Facts.state(universe: small, regions: regions, leaks: .init())
                let verdict = try checker.check(noOverlap, facts: state)
                // Every third state overlaps; the others hold.
                #expect((witness(verdict) != nil) == (index % 3 == 0))
                let step = Z3Facts.transition(universe: small, before: regions,
                                              operation: .init(kind: .mmapAnywhere, size: P, align: P, prot: 3),
                                              result: .failure(Z3Errno.enomem), after: regions)
                #expect(witness(try checker.check(holes, facts: step)) != nil)
            }
        }
        try run(0..<500)  // warm up: caches, symbol tables, allocator pools
        // Z3's allocation counter is process-wide, and other suites (the prove and agreement
        // tests) build and free large queries in parallel in this process. A leak grows the heap
        // in every window; their noise does not: the smallest growth of three windows is judged.
        var z3Growth = Int64.max
        var rssGrowth = Int.max
        for window in 0 ..< 3 {
            let z3Before = Z3Context.estimatedAllocatedBytes
            let rssBefore = Self.residentBytes()
            try run((500 + window * 1000) ..< (1500 + window * 1000))
            z3Growth = min(z3Growth, Int64(Z3Context.estimatedAllocatedBytes) - Int64(z3Before))
            if let rssBefore, let rssAfter = Self.residentBytes() { rssGrowth = min(rssGrowth, rssAfter - rssBefore) }
        }
        // A leaked expression, model or AST vector per check grows Z3's heap by 7-20 MB per
        // window of 1,000 rounds; a clean run by nothing.
        #expect(z3Growth < 4 << 20, "Z3 heap grew by \(z3Growth) bytes over 2,000 checks")
        #expect(rssGrowth < 64 << 20, "resident memory grew by \(rssGrowth) bytes")
    }

    /// Wrappers keep their context alive: using an expression after dropping every other
    /// reference to its context is safe.
    @Test func expressionsKeepTheirContextAlive() throws {
        var context: Z3Context? = Z3Context()
        let x = try context!.intConstant("x")
        weak let weakContext = context
        context = nil
        #expect(weakContext != nil)
        let solver = try Z3Solver(context: x.context)
        try solver.assert(try x > x.context.int(3))
        guard case let .sat(model) = try solver.check() else { Issue.record("expected sat"); return }
        guard case let .int(value) = try model.evaluate(x) else { Issue.record("not an int"); return }
        #expect(value > 3)
    }
}
