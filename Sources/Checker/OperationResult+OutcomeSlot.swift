import Model

/// A result as a slot in a table of counts per result: 0 is success, then each legitimate
/// errno in `KernelError.allCases` order, then a broken model assumption. Random statistics and
/// coverage count results this way, without building an array per step.
extension OperationResult {
    static let outcomeSlots = 2 + KernelError.allCases.count

    @inline(__always)
    var outcomeSlot: Int {
        switch self {
        case .ok: 0
        case .error(let e): 1 + e.outcomeIndex
        }
    }
}

extension KernelError {
    /// The position in `KernelError.allCases`; the broken-assumption case comes after them.
    @inline(__always)
    var outcomeIndex: Int {
        switch self {
        case .EINVAL: 0
        case .ENOMEM: 1
        case .EEXIST: 2
        case .EFAULT: 3
        case .EPERM: 4
        case .EOVERFLOW: 5
        case .ENOTRECOVERABLE: 6
        }
    }
}
