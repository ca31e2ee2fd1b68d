/// Where `mmap` puts a new region (SPEC §2).
public enum Placement: Sendable, Hashable {
    /// The lowest-address aligned range that lies entirely in a hole.
    case anywhere
    /// The highest-address aligned range that lies entirely in a hole (Linux mmap's default,
    /// top-down allocation).
    case topDown
    /// Any aligned hole position; the choice comes from the caller's chooser.
    case randomized
    /// Exactly `[address, address + size)`; EEXIST if anything is mapped there.
    case fixedNoReplace(UInt64)
    /// Exactly `[address, address + size)`, replacing what is mapped there, atomically.
    case fixed(UInt64)
    /// A non-fixed address: a hint. The reference takes `[address, address + size)` if it is
    /// aligned, inside the total range and free, else places anywhere.
    case hint(UInt64)

    public var fixedAddress: UInt64? {
        switch self {
        case .anywhere, .topDown, .randomized, .hint: nil
        case .fixedNoReplace(let a), .fixed(let a): a
        }
    }

    /// The address a hinted placement would like, nil for every other placement.
    public var hintAddress: UInt64? {
        if case .hint(let a) = self { a } else { nil }
    }
}
