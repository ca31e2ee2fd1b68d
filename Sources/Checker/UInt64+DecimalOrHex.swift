extension UInt64 {
    /// A number as users write it in flags and files: decimal or `0x`/`0X` hex, `_` allowed as a
    /// digit separator. nil for anything else (the caller names the flag or field).
    public init?(decimalOrHex text: String) {
        let digits = text.replacingOccurrences(of: "_", with: "")
        let value = digits.hasPrefix("0x") || digits.hasPrefix("0X") ? UInt64(digits.dropFirst(2), radix: 16) : UInt64(digits)
        guard let value else { return nil }
        self = value
    }
}
