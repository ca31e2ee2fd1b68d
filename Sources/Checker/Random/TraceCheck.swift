import Model

/// Steps a trace with property checking: each concrete operation applied to the state the trace
/// has reached, then every selected property checked on the transition, as random runs and the
/// explorer check them. Used to replay counterexamples and the corpus.
public enum TraceCheck {
    public struct Finding: Sendable {
        public var violation: Violation
        /// 1-based number of the step after which it was found (0: the initial state).
        public var step: Int
    }

    /// The first violation of the trace's run, or nil when every step keeps every property.
    public static func firstViolation(of trace: Trace, properties: PropertySet = PropertySet()) -> Finding? {
        var space = AddressSpace(universe: trace.universe, design: trace.design, mutations: trace.mutations,
                                 serenityFixes: trace.serenityFixes)
        var checker = StepChecker(properties)
        var current = ObservedState(model: space)
        if let v = checker.firstViolation(initial: current) { return Finding(violation: v, step: 0) }
        for (i, step) in trace.steps.enumerated() {
            let result = step.operation.apply(to: &space)
            let after = ObservedState(model: space)
            let transition = Transition(before: current, operation: step.operation, result: result, after: after)
            if let v = checker.firstViolation(transition) { return Finding(violation: v, step: i + 1) }
            current = after
        }
        return nil
    }
}
