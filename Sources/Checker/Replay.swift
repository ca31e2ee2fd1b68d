import Model

/// Re-runs a trace step by step on a fresh address space and compares each result with the
/// step's expectation.
public struct ReplayReport: Sendable {
    public struct StepOutcome: Sendable {
        public var index: Int
        public var step: Trace.Step
        public var result: OperationResult
        /// nil when the step carries no expectation.
        public var matched: Bool?
        /// The address space after the step.
        public var picture: String
    }

    public var trace: Trace
    public var source: String
    public var steps: [StepOutcome]
    public var mismatches: Int { steps.count { $0.matched == false } }
    public var expectationsChecked: Int { steps.count { $0.matched != nil } }
    public var passed: Bool { mismatches == 0 }
}

public enum Replayer {
    public static func run(_ trace: Trace, source: String) -> ReplayReport {
        var space = AddressSpace(universe: trace.universe, design: trace.design, mutations: trace.mutations)
        var outcomes: [ReplayReport.StepOutcome] = []
        for (i, step) in trace.steps.enumerated() {
            let result = step.operation.apply(to: &space)
            outcomes.append(ReplayReport.StepOutcome(
                index: i + 1, step: step, result: result,
                matched: step.expected.map { $0.matches(result) }, picture: space.picture))
        }
        return ReplayReport(trace: trace, source: source, steps: outcomes)
    }
}

extension ReplayReport {
    /// Each step, its result, whether it matched, and the address space after it.
    public var text: String {
        var lines: [String] = []
        lines.append("replay \(source)")
        if let description = trace.description { lines.append("  \(description)") }
        lines.append("  universe \(trace.universe)")
        lines.append("  design \(trace.design.rawValue), mutants \(trace.mutations)")
        for outcome in steps {
            var line = "\(outcome.index). \(outcome.step.operation) → \(outcome.result)"
            switch (outcome.matched, outcome.step.expected) {
            case (true?, let e?): line += "   ✓ expected \(e)"
            case (false?, let e?): line += "   ✗ MISMATCH: expected \(e)"
            default: break
            }
            if let note = outcome.step.note { line += "   (\(note))" }
            lines.append(line)
            lines.append(outcome.picture)
        }
        lines.append(passed
            ? "ok: \(steps.count) steps, \(expectationsChecked) expectations matched"
            : "FAILED: \(mismatches) of \(expectationsChecked) expectations did not match")
        return lines.joined(separator: "\n")
    }
}
