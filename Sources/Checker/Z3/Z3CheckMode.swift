import Model

/// How often an exploring or random run also asks Z3 (`--z3 all|sampled|off`).
public enum Z3CheckMode: String, Sendable, CaseIterable, CustomStringConvertible {
    /// Every step.
    case all
    /// About one step in `Z3Sampling.every`, chosen by a hash of the step itself (the state
    /// before it and the operation), never by a counter: the same steps are chosen whatever the
    /// visiting order or worker count, so runs stay deterministic.
    case sampled
    /// Never (the default: Z3 is an independent second opinion, not the main check).
    case off

    public var description: String { rawValue }
}

/// The deterministic sample of `Z3CheckMode.sampled`.
public struct Z3Sampling: Sendable, Hashable {
    /// One step in `every` is checked (1 = every step).
    public var every: UInt64

    public init(every: UInt64 = 16) { self.every = max(1, every) }

    /// Whether `transition` belongs to the sample: FNV-1a over the canonical encoding of the
    /// state before the step and the operation's text.
    public func selects(_ transition: Transition) -> Bool {
        if every == 1 { return true }
        var bytes: [UInt8] = []
        var scratch = SnapshotScratch()
        transition.before.model!.encode(into: &bytes, scratch: &scratch)
        bytes.append(0xff)
        bytes.append(contentsOf: transition.operation.description.utf8)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return hash % every == 0
    }
}
