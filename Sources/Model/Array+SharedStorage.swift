extension Array {
    /// Whether both hold the very same element storage: copies of one array that neither changed
    /// since (copy-on-write gives a changed copy storage of its own), so their elements are equal
    /// without reading one.
    public func sharesStorage(with other: [Element]) -> Bool {
        withUnsafeBufferPointer { mine in
            other.withUnsafeBufferPointer { theirs in mine.baseAddress == theirs.baseAddress && mine.count == theirs.count }
        }
    }
}
