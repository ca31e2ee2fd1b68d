/// What an address-space operation can return, named after the errno it stands for. Operations
/// throw these through typed throws. All but one are legitimate answers; `ENOTRECOVERABLE`
/// ("state not recoverable") says that the code broke one of the model's own assumptions — a
/// duplicate key in the tree, a frame freed twice, a page table freed while it holds PTEs — so
/// that a bug in the code under test reaches the checker as a reportable failure, not a trap.
public enum KernelError: Error, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case EINVAL
    case ENOMEM
    case EEXIST
    case EFAULT
    case EPERM
    case EOVERFLOW
    case ENOTRECOVERABLE(BrokenAssumption)

    /// The legitimate answers (the broken-assumption failure is not one).
    public static let allCases: [KernelError] = [.EINVAL, .ENOMEM, .EEXIST, .EFAULT, .EPERM, .EOVERFLOW]

    /// Whether the code broke one of the model's own assumptions.
    public var brokenAssumption: BrokenAssumption? {
        if case .ENOTRECOVERABLE(let broken) = self { broken } else { nil }
    }

    public var errno: Int32 {
        switch self {
        case .EPERM: 1
        case .ENOMEM: 12
        case .EFAULT: 14
        case .EEXIST: 17
        case .EINVAL: 22
        case .EOVERFLOW: 75
        case .ENOTRECOVERABLE: 131
        }
    }

    public var description: String {
        switch self {
        case .EINVAL: "EINVAL"
        case .ENOMEM: "ENOMEM"
        case .EEXIST: "EEXIST"
        case .EFAULT: "EFAULT"
        case .EPERM: "EPERM"
        case .EOVERFLOW: "EOVERFLOW"
        case .ENOTRECOVERABLE: "ENOTRECOVERABLE"
        }
    }

    /// Parses an errno name as written in trace files ("ENOMEM").
    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.description == name }) else { return nil }
        self = match
    }
}

/// One of the model's own assumptions that the code broke, said as what was assumed and what
/// was found instead.
public struct BrokenAssumption: Sendable, Hashable, CustomStringConvertible {
    public let explanation: String
    public init(_ explanation: String) { self.explanation = explanation }
    public var description: String { explanation }
}
