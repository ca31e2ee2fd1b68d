import Model

extension AddressSpace {
    /// Whether `other` holds field for field the same regions, VMObjects and frames (and, with
    /// `includingMMU`, page tables, PTEs, TLB and the legacy allocator); injected faults and
    /// counters aside. Equal fields give equal canonical snapshots, so properties use this as a
    /// fast path before the full comparison. It is cheap exactly when nothing changed: an
    /// untouched array still shares its storage, and array equality checks that first.
    func isUnchanged(from other: AddressSpace, includingMMU: Bool) -> Bool {
        guard regions.count == other.regions.count, objects == other.objects, frames == other.frames else { return false }
        if includingMMU {
            guard directory == other.directory, tlb == other.tlb, legacyAllocator == other.legacyAllocator else { return false }
        }
        var mine = regions.regions.makeIterator()
        var theirs = other.regions.regions.makeIterator()
        while let a = mine.next() {
            guard let b = theirs.next(), a == b else { return false }
        }
        return true
    }
}

extension RegionTree {
    /// Calls `body` with every region intersecting `range`, ascending, until it returns true;
    /// like `regions(intersecting:)` without building an array.
    func forEachRegion(intersecting range: VirtualRange, _ body: (Region) -> Bool) {
        var index = tree.floor(range.base) ?? tree.first
        while let i = index {
            let region = tree[i]
            if region.range.base >= range.end { return }
            if region.range.intersects(range), body(region) { return }
            index = tree.successor(of: i)
        }
    }
}
