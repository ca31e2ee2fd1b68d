/// One region exec sets up: an ELF segment or the main stack (serenity-notes §2,
/// `allocate_region`). A nil address places it anywhere; any other address, exactly there.
public struct ExecSegment: Sendable, Hashable {
    public var address: UInt64?
    public var size: UInt64
    public var protection: Protection

    public init(address: UInt64? = nil, size: UInt64, protection: Protection) {
        self.address = address
        self.size = size
        self.protection = protection
    }
}
