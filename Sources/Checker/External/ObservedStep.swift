import Model

/// One step of an external implementation as the observation-based checks see it: the
/// observations before and after, what was asked, what came back, and what the checker's pools
/// saw (allocations refused during the step).
public struct ObservedStep: Sendable {
    public var universe: Universe
    public var before: Observation
    public var operation: Operation
    public var result: OperationResult
    public var after: Observation
    /// Allocations the pools refused in this step (an ENOMEM after one is legitimate).
    public var refusals: Int
    /// An errno the implementation returned that the contract does not know.
    public var unknownErrno: Int64?

    public init(universe: Universe, before: Observation, operation: Operation, result: OperationResult, after: Observation,
                refusals: Int = 0, unknownErrno: Int64? = nil) {
        self.universe = universe
        self.before = before
        self.operation = operation
        self.result = result
        self.after = after
        self.refusals = refusals
        self.unknownErrno = unknownErrno
    }
}
