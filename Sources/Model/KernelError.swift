/// What an address-space operation can legitimately return, named after the errno it stands for.
/// Operations throw these through typed throws; a broken internal invariant is never one of them.
public enum KernelError: Error, Sendable, Hashable, CaseIterable, CustomStringConvertible {
    case EINVAL
    case ENOMEM
    case EEXIST
    case EFAULT
    case EPERM
    case EOVERFLOW

    public var errno: Int32 {
        switch self {
        case .EPERM: 1
        case .ENOMEM: 12
        case .EFAULT: 14
        case .EEXIST: 17
        case .EINVAL: 22
        case .EOVERFLOW: 75
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
        }
    }

    /// Parses an errno name as written in trace files ("ENOMEM").
    public init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.description == name }) else { return nil }
        self = match
    }
}
