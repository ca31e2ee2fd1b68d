import Model

/// One step as the transition properties see it: the state before, what was asked, what came
/// back, and the state after. The explorer and the random runner build one per step.
public struct Transition: Sendable {
    public let before: AddressSpace
    public let operation: Operation
    public let result: OperationResult
    public let after: AddressSpace

    public init(before: AddressSpace, operation: Operation, result: OperationResult, after: AddressSpace) {
        self.before = before
        self.operation = operation
        self.result = result
        self.after = after
    }

    /// Applies `operation` to a copy of `before`.
    public init(applying operation: Operation, to before: AddressSpace) {
        var after = before
        let result = operation.apply(to: &after)
        self.init(before: before, operation: operation, result: result, after: after)
    }
}
