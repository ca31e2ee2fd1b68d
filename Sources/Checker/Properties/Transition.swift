import Model

/// One step as the transition properties see it: the observed state before, what was asked,
/// what came back, and the observed state after. The explorer and the random runner build one
/// per step; an external implementation's driver builds it from its own observations.
public struct Transition: Sendable {
    public let before: ObservedState
    public let operation: Operation
    public let result: OperationResult
    public let after: ObservedState
    /// The step's mmap arguments as the placement properties read them (nil for other steps),
    /// made once here rather than by each of the half-dozen properties that ask.
    let mmapRequest: MmapRequest?
    /// Whether the regions before and after the step are known ascending and chained (set by a
    /// checker that established it, `StepChecker`): the region lookups then bisect instead of
    /// scanning (`RegionLookupOracle`'s `chained:` forms). False: not known, they scan.
    var beforeRegionsChained = false
    var afterRegionsChained = false
    /// The holes before the step, when a checker of consecutive steps listed them at the step
    /// before (`StepChecker`, from `no-leak`'s change check); nil: listed here when asked.
    var knownHolesBefore: [AddressSpan]?

    /// The holes of the state before the step (`HoleOracle`), listed once by whoever knew them.
    var holesBefore: [AddressSpan] { knownHolesBefore ?? HoleOracle.holes(of: before.regions.elements, in: before.universe.totalRange) }

    public init(before: ObservedState, operation: Operation, result: OperationResult, after: ObservedState) {
        self.before = before
        self.operation = operation
        self.result = result
        self.after = after
        mmapRequest = MmapRequest(operation, pageSize: before.pageSize, rounding: AlignmentRounding(of: before.design))
    }

    /// A step of the reference model, observed lazily.
    public init(before: AddressSpace, operation: Operation, result: OperationResult, after: AddressSpace) {
        self.init(before: ObservedState(model: before), operation: operation, result: result, after: ObservedState(model: after))
    }

    /// Applies `operation` to a copy of `before`.
    public init(applying operation: Operation, to before: AddressSpace) {
        var after = before
        let result = operation.apply(to: &after)
        self.init(before: before, operation: operation, result: result, after: after)
    }

    /// Applies `operation` to a copy of an implementation's state.
    public static func applying<I: ImplementationUnderTest>(_ operation: Operation, to before: I) -> Transition {
        var after = before
        let result = after.apply(operation)
        return Transition(before: ObservedState(observation: before.observe(), universe: before.universe, design: before.design, implementation: before),
                          operation: operation, result: result,
                          after: ObservedState(observation: after.observe(), universe: after.universe, design: after.design, implementation: after))
    }
}
