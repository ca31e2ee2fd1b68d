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
    /// Allocations of each kind that still succeed before the pending failures start, so a
    /// failure can be aimed at any allocation point of an operation, not only the first.
    public var frameGrace: Int = 0
    public var pageTableGrace: Int = 0

    public init() {}

    /// Fails the `(grace + 1)`-th next allocation of `kind` (and `count - 1` after it).
    public mutating func schedule(_ kind: AllocationKind, count: Int = 1, after grace: Int = 0) {
        self[kind] += count
        if kind == .frame { frameGrace = grace } else { pageTableGrace = grace }
    }

    public subscript(kind: AllocationKind) -> Int {
        get { kind == .frame ? pendingFrameFailures : pendingPageTableFailures }
        set { if kind == .frame { pendingFrameFailures = newValue } else { pendingPageTableFailures = newValue } }
    }

    /// True (and one failure consumed) when the next allocation of `kind` must fail.
    mutating func consume(_ kind: AllocationKind) -> Bool {
        guard self[kind] > 0 else { return false }
        if kind == .frame, frameGrace > 0 { frameGrace -= 1; return false }
        if kind == .pageTable, pageTableGrace > 0 { pageTableGrace -= 1; return false }
        self[kind] -= 1
        return true
    }
}
