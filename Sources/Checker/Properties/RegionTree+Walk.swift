import Model

/// Walks over the regions that intersect a range without building an array: the properties run
/// around every explored step, so `regions(intersecting:)`'s allocation adds up.
extension RegionTree {
    /// Calls `body` with every region intersecting `range`, ascending — the same regions, in the
    /// same order, as `regions(intersecting:)` — until it returns false.
    func forEachRegion(intersecting range: VirtualRange, _ body: (Region) -> Bool) {
        var index = tree.floor(range.base) ?? tree.first
        while let i = index {
            let region = tree[i]
            if region.range.base >= range.end { return }
            if region.range.intersects(range), !body(region) { return }
            index = tree.successor(of: i)
        }
    }

    /// The first region `regions(intersecting:)` would return.
    func firstRegion(intersecting range: VirtualRange) -> Region? {
        var found: Region?
        forEachRegion(intersecting: range) { found = $0; return false }
        return found
    }
}
