/// Where `mmap` puts a new region (SPEC §2).
public enum Placement: Sendable, Hashable {
    /// The lowest-address aligned range that lies entirely in a hole.
    case anywhere
    /// Any aligned hole position; the choice comes from the caller's chooser.
    case randomized
    /// Exactly `[address, address + size)`; EEXIST if anything is mapped there.
    case fixedNoReplace(UInt64)
    /// Exactly `[address, address + size)`, replacing what is mapped there, atomically.
    case fixed(UInt64)

    public var fixedAddress: UInt64? {
        switch self {
        case .anywhere, .randomized: nil
        case .fixedNoReplace(let a), .fixed(let a): a
        }
    }
}
