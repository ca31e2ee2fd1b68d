import Model

/// The error codes a design documents for the same situation. A property that judges an errno
/// asks these, so that a documented difference between designs is not reported as a violation;
/// everything else is checked the same way for every design.
public struct ErrorConventions: Sendable, Hashable, CustomStringConvertible {
    /// fixed-noreplace over a mapped range: EEXIST in the reference (SPEC §2); ENOMEM at
    /// SerenityOS HEAD, whose allocate_range_specific never returns EEXIST (SPEC §6.1).
    public var fixedNoReplaceCollision: KernelError
    /// A fixed placement whose range is not a user range — it reaches past the ceiling (the total
    /// range's end) or wraps: ENOMEM in the reference (outside the total range); EFAULT at HEAD,
    /// whose sys$mmap checks is_user_range before placing (SPEC §6.2, syscall layer).
    public var fixedPastUserCeiling: KernelError
    /// Anonymous executable mappings: allowed in the reference; EINVAL at HEAD, whose sys$mmap
    /// rejects PROT_EXEC without MS_AXALLOWED before placing anything (SPEC §6.2).
    public var anonymousExecRejected: Bool
    /// A non-fixed address: a hint the reference honours when its range is free; SerenityOS
    /// HEAD's sys$mmap ignores it and places first fit (serenity-notes §2, syscall layer).
    public var hintsIgnored: Bool

    public init(fixedNoReplaceCollision: KernelError, fixedPastUserCeiling: KernelError, anonymousExecRejected: Bool = false,
                hintsIgnored: Bool = false) {
        self.fixedNoReplaceCollision = fixedNoReplaceCollision
        self.fixedPastUserCeiling = fixedPastUserCeiling
        self.anonymousExecRejected = anonymousExecRejected
        self.hintsIgnored = hintsIgnored
    }

    public static let reference = ErrorConventions(fixedNoReplaceCollision: .EEXIST, fixedPastUserCeiling: .ENOMEM)
    public static let serenity = ErrorConventions(fixedNoReplaceCollision: .ENOMEM, fixedPastUserCeiling: .EFAULT,
                                                  anonymousExecRejected: true, hintsIgnored: true)

    /// The conventions `design` documents.
    public init(of design: Design) {
        switch design {
        case .reference: self = .reference
        case .serenity: self = .serenity
        }
    }

    public var description: String {
        self == .reference ? "reference" : self == .serenity ? "serenity"
            : "collision \(fixedNoReplaceCollision), past the ceiling \(fixedPastUserCeiling)"
    }
}
