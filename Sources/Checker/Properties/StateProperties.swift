import Model

/// Invariants of every reachable state: the region tree's shape and the regions' ranges.
enum StateProperties {
    static let noOverlap = Property(id: "no-overlap", summary: "regions are pairwise disjoint") { space in
        var previous: Region?
        for region in space.regions.regions {
            if let p = previous, region.range.base < p.range.end {
                return "regions \(p.range) and \(region.range) overlap on \(p.range.intersection(region.range).map(\.description) ?? "?")"
            }
            if previous == nil || region.range.end > previous!.range.end { previous = region }
        }
        return nil
    }

    static let inBounds = Property(
        id: "in-bounds", summary: "every region is page-aligned, non-empty and inside the total range"
    ) { space in
        let total = space.universe.totalRange
        for region in space.regions.regions {
            let r = region.range
            if !r.base.isAligned(to: space.pageSize) || !r.size.isAligned(to: space.pageSize) {
                return "region \(r) is not page-aligned"
            }
            if r.size == 0 { return "region at \(r.base.hex) is empty" }
            if !total.contains(r) { return "region \(r) reaches outside the total range \(total)" }
        }
        return nil
    }

    static let treeShape = Property(
        id: "tree-shape", summary: "the red-black tree is well formed and its keys are the region bases"
    ) { space in
        do throws(TreeInvariantViolation) {
            try space.regions.checkInvariants()
            return nil
        } catch {
            return error.message
        }
    }
}
