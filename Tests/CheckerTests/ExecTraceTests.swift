import Checker
import Foundation
import Model
import Testing

/// exec's set-up through the checker: the reference's failed exec leaves nothing behind; at
/// SerenityOS HEAD the same history ends with a dangling stack region (docs/findings-serenity.md §10).
@Suite struct ExecTraceTests {
    static func load(_ relative: String) throws -> Trace {
        let path = SerenityFinding.packageRoot.appendingPathComponent(relative).path
        do throws(InputError) { return try Trace.load(path: path) } catch { throw error }
    }

    static func firstViolation(_ trace: Trace) -> (step: Int, violation: Violation)? {
        var space = AddressSpace(universe: trace.universe, design: trace.design)
        for (i, step) in trace.steps.enumerated() {
            let t = Transition(applying: step.operation, to: space)
            if let v = PropertySet().firstViolation(t) { return (i + 1, v) }
            space = t.after.model!
        }
        return nil
    }

    @Test func theReferenceExecIsAtomic() throws {
        let trace = try Self.load("Examples/traces/exec-setup-atomic.json")
        let report = Replayer.run(trace, source: "exec-setup-atomic.json")
        #expect(report.passed, "\(report.text)")
        #expect(Self.firstViolation(trace) == nil)
    }

    @Test func serenityLeavesADanglingStackRegion() throws {
        let trace = try Self.load("docs/findings/exec-setup-not-rolled-back.json")
        #expect(trace.design == .serenity && trace.violates == "no-leak")
        let found = try #require(Self.firstViolation(trace))
        #expect(found.step == trace.steps.count)
        #expect(found.violation.property == "no-leak")
        #expect(found.violation.explanation.contains("dangling"))
    }

    @Test func anExecTraceRoundTrips() throws {
        let trace = try Self.load("Examples/traces/exec-setup-atomic.json")
        let again: Trace
        do throws(InputError) { again = try Trace.parse(Data(trace.jsonText().utf8), source: "round-trip") } catch { throw error }
        #expect(again.steps.map(\.operation) == trace.steps.map(\.operation))
    }
}
