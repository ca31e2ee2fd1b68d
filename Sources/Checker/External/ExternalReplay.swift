import Model

/// Re-runs a trace on an external implementation step by step (one request per step, each
/// observed), checking expectations and the observation-based properties; a crash or hang ends
/// the replay at that step with `no-crash` and what ended the worker.
public enum ExternalReplayer {
    public static func run(_ trace: Trace, source: String, implementation spec: ImplementationSpec,
                           propertyIDs: Set<String>? = nil) throws(InputError) -> ReplayReport {
        if let i = trace.steps.firstIndex(where: { !WorkerProtocol.supports($0.operation) }) {
            throw InputError(source: source, message: "step \(i + 1): \(trace.steps[i].operation) is not in the C contract (ABI 1: mmap anywhere, randomized, fixed-noreplace or fixed; munmap; mprotect; touch; teardown)")
        }
        let implementation = try ExternalImplementation(spec: spec, universe: trace.universe)
        let checks = ExternalChecks(capabilities: implementation.capabilities, propertyIDs: propertyIDs, design: trace.design,
                                    universe: trace.universe)
        let ids = checks.ids
        var outcomes: [ReplayReport.StepOutcome] = []
        guard case .completed(let root) = implementation.run([], fresh: true, observe: true), var before = root.observation else {
            return ReplayReport(trace: trace, source: source, steps: [], propertyIDs: ids)
        }
        var identities = ObjectIdentities()
        identities.advance(to: before, created: nil)
        for (i, step) in trace.steps.enumerated() {
            switch implementation.run([step.operation], fresh: false, observe: true) {
            case .crashed(let how):
                outcomes.append(ReplayReport.StepOutcome(
                    index: i + 1, step: step, result: .error(.EFAULT), matched: step.expected.map { _ in false },
                    violations: [Violation(property: ExternalChecks.noCrashID, explanation: "\(step.operation): \(how)")],
                    observation: before, identities: identities, picture: "   (the implementation's worker ended: \(how))"))
                return ReplayReport(trace: trace, source: source, steps: outcomes, propertyIDs: ids)
            case .completed(let outcome):
                let after = outcome.observation!
                identities.advance(to: after, created: ObjectIdentities.created(by: step.operation, result: outcome.result, after: after))
                outcomes.append(ReplayReport.StepOutcome(
                    index: i + 1, step: step, result: outcome.result, matched: step.expected.map { $0.matches(outcome.result) },
                    violations: checks.allViolations(before: before, operation: step.operation, outcome: outcome, after: after),
                    observation: after, identities: identities, picture: after.picture(universe: trace.universe, identities: identities)))
                before = after
            }
        }
        return ReplayReport(trace: trace, source: source, steps: outcomes, propertyIDs: ids)
    }
}
