import Model

/// One way out of a state: a letter of the alphabet, the randomized candidate it takes, and the
/// allocation failure injected before it.
public struct Branch: Sendable, Hashable, CustomStringConvertible {
    public var letter: Int
    public var choice: UInt64?
    public var fault: AllocationKind?

    public init(letter: Int, choice: UInt64? = nil, fault: AllocationKind? = nil) {
        self.letter = letter
        self.choice = choice
        self.fault = fault
    }

    /// 16 bits of letter, 2 of fault, 14 of choice + 1 (0 = no choice): what each explored
    /// state stores to say how it was reached.
    var packed: UInt32 {
        let f: UInt32 = switch fault { case nil: 0; case .pageTable?: 1; case .frame?: 2 }
        let c = choice.map { UInt32($0) + 1 } ?? 0
        return UInt32(letter) | f << 16 | c << 18
    }

    init(packed: UInt32) {
        letter = Int(packed & 0xffff)
        switch packed >> 16 & 3 {
        case 1: fault = .pageTable
        case 2: fault = .frame
        default: fault = nil
        }
        let c = packed >> 18
        choice = c == 0 ? nil : UInt64(c - 1)
    }

    public var description: String {
        "letter \(letter)" + (choice.map { " choice \($0)" } ?? "") + (fault.map { " after a \($0.rawValue) failure" } ?? "")
    }
}
