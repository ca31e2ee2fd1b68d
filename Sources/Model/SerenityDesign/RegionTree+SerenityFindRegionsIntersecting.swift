/// The region lookups of `Kernel/Memory/AddressSpace.cpp` at HEAD (SPEC §6.2) that
/// munmap and mprotect choose their case with.
extension RegionTree {
    /// `find_region_from_range`: the region starting exactly at the range's base whose size
    /// equals the (page-rounded) range's size.
    public func serenityRegion(matching range: VirtualRange) throws(KernelError) -> Region? {
        guard let region = try region(at: range.base), region.range.size == range.size else { return nil }
        return region
    }

    /// `find_region_containing`: the region with the largest base at or below the range's base,
    /// if it contains the whole range.
    public func serenityRegion(containing range: VirtualRange) throws(KernelError) -> Region? {
        guard let i = tree.floor(range.base) else { return nil }
        let region = try tree.value(at: i)
        return region.range.contains(range) ? region : nil
    }

    /// `find_regions_intersecting`, literally (since 61f0aa6e75e):
    /// 1. start at the region with the largest base ≤ range.base — or return nothing if there is
    ///    none, even when regions above the range's base intersect it;
    /// 2. walk upward collecting every region that intersects the range;
    /// 3. after each one add `r.size − |r ∩ range|` (the part of r *outside* the range) to a
    ///    running total, and stop when the total equals `range.size`.
    /// `SerenityFixes.intersectingFromFirstRegion` and `.intersectingCountsCoveredBytes` correct
    /// steps 1 and 3.
    public func serenityRegionsIntersecting(_ range: VirtualRange, fixes: SerenityFixes = []) throws(KernelError) -> [Region] {
        var index = tree.floor(range.base)
        if index == nil {
            guard fixes.contains(.intersectingFromFirstRegion) else { return [] }
            index = tree.first
        }
        var result: [Region] = []
        var collected: UInt64 = 0
        while let i = index {
            let region = try tree.value(at: i)
            if region.range.base < range.end && region.range.end > range.base {
                result.append(region)
                guard let covered = region.range.intersection(range)?.size else {
                    throw .ENOTRECOVERABLE(BrokenAssumption("\(region.range) passed the intersection test with \(range) but has no intersection"))
                }
                collected += fixes.contains(.intersectingCountsCoveredBytes) ? covered : region.range.size - covered
                if collected == range.size { break }
            }
            index = tree.successor(ofLive: i)
        }
        return result
    }
}
