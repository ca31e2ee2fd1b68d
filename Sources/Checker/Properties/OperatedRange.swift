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

