import Model

/// A counterexample written as a trace `replay` re-runs, the same for `regioncheck prove` and
/// for the kill matrix's prove detector.
public struct ReplayedCounterexample: Sendable {
    /// The layout and the request (or the request alone when the layout cannot be built), with
    /// `violates` set to the property the replay reports.
    public var trace: Trace
    /// The replay's first violation, or the obligation's property with Z3's witness when the
    /// replay sees none.
    public var violation: Violation
    public var replay: ReplayReport
}

extension ProveCounterexample {
    /// Builds the trace, replays it with `properties` and names the violation it shows.
    public func replayed(obligation: ProveObligation, mutations: Mutations, source: String,
                         properties: PropertySet = PropertySet(), universe: Universe = .serenity) -> ReplayedCounterexample {
        var trace = trace(universe: universe, mutations: mutations, obligation: obligation)
            ?? Trace(universe: universe, mutations: mutations, description: "prove \(obligation.rawValue): \(request) (layout not buildable)",
                     steps: operation.map { [.init($0)] } ?? [])
        let replay = Replayer.run(trace, source: source, properties: properties)
        let violation = replay.violatingSteps.first?.violations.first
            ?? Violation(property: obligation.property, explanation: "Z3: \(witness)")
        trace.violates = violation.property
        return ReplayedCounterexample(trace: trace, violation: violation, replay: replay)
    }
}
