/// Page protection: any subset of read, write, execute. The empty set is PROT_NONE.
public struct Protection: OptionSet, Sendable, Hashable, Codable, CustomStringConvertible {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue & 0b111 }

    public static let read = Protection(rawValue: 1)
    public static let write = Protection(rawValue: 2)
    public static let execute = Protection(rawValue: 4)
    public static let none: Protection = []
    public static let readWrite: Protection = [.read, .write]

    /// PROT_NONE regions are placed but never get page tables or PTEs.
    public var isAccessible: Bool { rawValue != 0 }

    /// Whether the pages get present PTEs. Our PTE, like x86's without protection keys, has no
    /// read bit: an execute-only (`--x`) page keeps its page table but gets no present entry,
    /// so a user read of it faults (a read needs R or W) instead of being served by the MMU.
    public var hasPresentEntries: Bool { permits(write: false) }

    /// Whether a user access is allowed: writes need W, reads need R or W (as on x86, W implies R).
    public func permits(write: Bool) -> Bool {
        write ? contains(.write) : !isDisjoint(with: [.read, .write])
    }

    /// "rw-", "r-x", "---".
    public var description: String {
        (contains(.read) ? "r" : "-") + (contains(.write) ? "w" : "-") + (contains(.execute) ? "x" : "-")
    }

    /// Parses "rw-", "rw", "r-x", "none", "---" (trace files and flags).
    public init?(text: String) {
        if text == "none" || text == "---" || text.isEmpty { self = []; return }
        var p: Protection = []
        for c in text {
            switch c {
            case "r": p.insert(.read)
            case "w": p.insert(.write)
            case "x": p.insert(.execute)
            case "-": continue
            default: return nil
            }
        }
        self = p
    }
}
