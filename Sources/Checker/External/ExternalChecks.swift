import Model

/// What an external run checks: the catalogue's properties (`PropertyCatalogue`, judged on
/// observations against the checker's oracles) that the implementation's capabilities can feed,
/// with the errno conventions of the design it claims to follow; plus `no-crash` (the worker
/// died or hung) and the contract's own rule that an errno is one of its names.
public struct ExternalChecks: Sendable {
    public let universe: Universe
    public let design: Design
    public let properties: [Property]
    /// Selected properties the capabilities cannot feed (reports list them).
    public let skipped: [String]
    let conventions: ErrorConventions

    public static let noCrashID = "no-crash"

    public init(capabilities: ObservationCapabilities, propertyIDs: Set<String>?, design: Design, universe: Universe) {
        let chosen = PropertyCatalogue.all.filter { propertyIDs?.contains($0.id) ?? true }
        self.universe = universe
        self.design = design
        self.properties = chosen.filter { $0.isCheckable(on: capabilities) }
        self.skipped = chosen.filter { !$0.isCheckable(on: capabilities) }.map(\.id)
        self.conventions = ErrorConventions(of: design)
    }

    public var ids: [String] { properties.map(\.id) + [Self.noCrashID] }

    func state(_ observation: Observation) -> ObservedState {
        ObservedState(observation: observation, universe: universe, design: design)
    }

    /// The first property the step violates, in catalogue order.
    public func firstViolation(before: Observation, operation: Operation, outcome: StepReport, after: Observation) -> Violation? {
        allViolations(before: before, operation: operation, outcome: outcome, after: after).first
    }

    public func allViolations(before: Observation, operation: Operation, outcome: StepReport, after: Observation) -> [Violation] {
        var found: [Violation] = []
        if let raw = outcome.unknownErrno {
            found.append(Violation(property: "honest-result", explanation: "\(operation) returned \(raw), which is not an errno of the contract"))
        }
        let transition = Transition(before: state(before), operation: operation, result: outcome.result, after: state(after))
        for property in properties {
            if let violation = property.check(transition, conventions: conventions) { found.append(violation) }
        }
        return found
    }

    /// State invariants of the initial state.
    public func firstViolation(initial: Observation) -> Violation? {
        let initialState = state(initial)
        for property in properties { if let violation = property.check(state: initialState) { return violation } }
        return nil
    }
}
