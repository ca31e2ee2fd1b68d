import Model

/// One step the checker drives the model with: a syscall, a fault injection, or process exit.
/// Addresses and sizes are bytes, exactly as a trace file writes them.
public enum Operation: Sendable, Hashable {
    case mmap(size: UInt64, protection: Protection, placement: PlacementKind, address: UInt64?, alignment: UInt64?, choice: UInt64?)
    case munmap(address: UInt64, size: UInt64)
    case mprotect(address: UInt64, size: UInt64, protection: Protection)
    case touch(address: UInt64, write: Bool, value: UInt32)
    /// The next `count` allocations of `kind` fail (the explorer's nondeterministic fault).
    case failNext(kind: AllocationKind, count: Int)
    case teardown
    /// exec's region set-up: a fresh region per ELF segment and for the stack, in order.
    case exec(segments: [ExecSegment])

    /// Which `mmap` placement; the address lives beside it so a trace names it once.
    public enum PlacementKind: String, Sendable, Hashable, CaseIterable {
        case anywhere
        case randomized
        case fixedNoReplace = "fixed-noreplace"
        case fixed
        /// The highest fitting aligned range (Linux's default); no address.
        case topDown = "top-down"
        /// A non-fixed address: tried first, else anywhere.
        case hint
    }

    /// The model's placement for an mmap step.
    public static func placement(_ kind: PlacementKind, address: UInt64?) -> Placement {
        switch kind {
        case .anywhere: .anywhere
        case .randomized: .randomized
        case .fixedNoReplace: .fixedNoReplace(address ?? 0)
        case .fixed: .fixed(address ?? 0)
        case .topDown: .topDown
        case .hint: .hint(address ?? 0)
        }
    }

    /// Convenience constructors that read like the syscalls.
    public static func mmap(_ size: UInt64, _ protection: Protection = .readWrite, at placement: Placement = .anywhere,
                            alignment: UInt64? = nil, choice: UInt64? = nil) -> Operation {
        switch placement {
        case .anywhere: .mmap(size: size, protection: protection, placement: .anywhere, address: nil, alignment: alignment, choice: choice)
        case .randomized: .mmap(size: size, protection: protection, placement: .randomized, address: nil, alignment: alignment, choice: choice)
        case .fixedNoReplace(let a): .mmap(size: size, protection: protection, placement: .fixedNoReplace, address: a, alignment: alignment, choice: choice)
        case .fixed(let a): .mmap(size: size, protection: protection, placement: .fixed, address: a, alignment: alignment, choice: choice)
        case .topDown: .mmap(size: size, protection: protection, placement: .topDown, address: nil, alignment: alignment, choice: choice)
        case .hint(let a): .mmap(size: size, protection: protection, placement: .hint, address: a, alignment: alignment, choice: choice)
        }
    }

    /// Is this a placement (the `allocation-free`, `hole-*` and `first-fit` properties look at these)?
    public var isMmap: Bool { if case .mmap = self { true } else { false } }
}

extension Operation: CustomStringConvertible {
    public var description: String {
        switch self {
        case let .mmap(size, protection, placement, address, alignment, choice):
            var s = "mmap \(size.hex) \(protection) \(placement.rawValue)"
            if let address { s += " \(address.hex)" }
            if let alignment { s += " align \(alignment.hex)" }
            if let choice { s += " choice \(choice)" }
            return s
        case let .munmap(address, size): return "munmap \(address.hex) \(size.hex)"
        case let .mprotect(address, size, protection): return "mprotect \(address.hex) \(size.hex) \(protection)"
        case let .touch(address, write, value): return write ? "touch write \(address.hex) = \(value)" : "touch read \(address.hex)"
        case let .failNext(kind, count): return "fail next \(count) \(kind.rawValue)"
        case .teardown: return "teardown"
        case let .exec(segments):
            return "exec " + segments.map { s in "\(s.address.map(\.hex) ?? "anywhere")+\(s.size.hex) \(s.protection)" }.joined(separator: ", ")
        }
    }
}
