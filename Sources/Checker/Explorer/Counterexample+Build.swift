import Model

extension Counterexample {
    /// Turns the branches the explorer took into a trace (an injected failure becomes a
    /// `fail-next` step before its operation), with `violates` set, and replays it for the
    /// report's pictures.
    init(path: [Branch], violation: Violation, request: ExplorationRequest) {
        var steps: [Trace.Step] = path.flatMap { branch in request.alphabet.steps(of: branch).map { Trace.Step($0) } }
        if !steps.isEmpty { steps[steps.count - 1].note = "violates \(violation)" }
        let trace = Trace(
            universe: request.universe, design: request.design, mutations: request.mutations, serenityFixes: request.serenityFixes,
            description: "counterexample found by regioncheck explore (\(path.count) steps): \(violation.property)",
            violates: violation.property, steps: steps)
        self.init(violation: violation, trace: trace,
                  replay: Replayer.run(trace, source: "counterexample", properties: request.properties, z3: Self.replayCheck(request.z3)),
                  depth: path.count,
                  z3Confirmation: Z3Confirmation.text(for: violation, trace: trace, settings: request.z3))
    }

    /// The Z3 check a counterexample's replay runs on every step (nil when Z3 is off), so a
    /// violation only a property file sees shows at its step.
    static func replayCheck(_ settings: Z3Settings?) -> Z3PropertyCheck? {
        guard var settings, settings.mode != .off else { return nil }
        settings.mode = .all
        return try? settings.makeCheck()
    }
}
