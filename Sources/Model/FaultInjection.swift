/// Which pool an injected failure hits.
public enum AllocationKind: String, Sendable, Hashable, Codable, CaseIterable {
    case frame
    case pageTable
}

/// Failures the checker asked for: the next `n` allocations of a kind fail with ENOMEM, as if
/// the pool were exhausted. Consumed failures stay consumed even when the operation rolls back.
public struct FaultInjection: Sendable, Hashable {
    public var pendingFrameFailures: Int = 0
    public var pendingPageTableFailures: Int = 0

    public init() {}

    public subscript(kind: AllocationKind) -> Int {
        get { kind == .frame ? pendingFrameFailures : pendingPageTableFailures }
        set { if kind == .frame { pendingFrameFailures = newValue } else { pendingPageTableFailures = newValue } }
    }

    /// True (and one failure consumed) when the next allocation of `kind` must fail.
    mutating func consume(_ kind: AllocationKind) -> Bool {
        guard self[kind] > 0 else { return false }
        self[kind] -= 1
        return true
    }
}
