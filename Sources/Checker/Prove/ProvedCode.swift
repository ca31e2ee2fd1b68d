import Model

/// The implementation the encodings claim to encode, as prove's conformance check drives it:
/// one operation on an address space, its result observed. The model (`Operation.apply`) by
/// default; a test passes a wrapper that edits what the code does, to show that prove does not
/// prove an encoding the code has left behind.
public struct ProvedCode: Sendable {
    public var name: String
    public var apply: @Sendable (Operation, inout AddressSpace) -> OperationResult

    public init(name: String, apply: @escaping @Sendable (Operation, inout AddressSpace) -> OperationResult) {
        self.name = name
        self.apply = apply
    }

    /// The Swift model in `Sources/Model`, with the address space's mutations switched in.
    public static let model = ProvedCode(name: "the Swift code") { operation, space in operation.apply(to: &space) }
}
