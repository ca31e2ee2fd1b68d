import Model

/// The page-rounded range a munmap / mprotect / fixed mmap step operates on, when it is valid.
func operatedRange(of operation: Operation, pageSize: UInt64) -> VirtualRange? {
    switch operation {
    case let .munmap(address, size), let .mprotect(address, size, _):
        return try? VirtualRange.pageRounded(address: address, size: size, pageSize: pageSize)
    case let .mmap(size, _, .fixed, address?, _, _):
        // Whatever the alignment: MAP_FIXED ignores it, and the serenity design accepts any page
        // multiple, so a request MmapRequest calls invalid can still replace this range.
        return try? VirtualRange.pageRounded(address: address, size: size, pageSize: pageSize)
    default:
        return nil
    }
}

extension AddressSpace {
    /// The VMObject page behind every address of `segment` is `objectPage(segment.base) + i`, so
    /// two regions show the same pages on a segment iff they agree at its base.
    func sameBacking(_ a: Region, _ b: Region, at address: UInt64) -> Bool {
        a.object == b.object && a.objectPage(of: address, pageSize: pageSize) == b.objectPage(of: address, pageSize: pageSize)
    }
}
