/// exec's region set-up: one fresh anonymous region per ELF segment and one for the stack.
extension AddressSpace {
    /// Maps every segment, in order, and returns their ranges. The reference is atomic (SPEC §2):
    /// if one segment cannot be placed or mapped, none stays. Addresses must be page-aligned
    /// (EINVAL); a segment with an address must fit there (fixed-noreplace's errors).
    @discardableResult
    public mutating func exec(segments: [ExecSegment]) throws(KernelError) -> [VirtualRange] {
        if design == .serenity { return try serenityExec(segments: segments) }
        guard !segments.isEmpty else { throw .EINVAL }
        return try transact { (space: inout AddressSpace, _: inout Bool) throws(KernelError) -> [VirtualRange] in
            var ranges: [VirtualRange] = []
            for segment in segments {
                let placement: Placement = segment.address.map { .fixedNoReplace($0) } ?? .anywhere
                ranges.append(try space.mmap(size: segment.size, protection: segment.protection, placement: placement))
            }
            return ranges
        }
    }
}
