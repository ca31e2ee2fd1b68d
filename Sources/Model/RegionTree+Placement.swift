/// Hole finding directly in the region tree: no allocation, no second authority.
extension RegionTree {
    /// The lowest-address aligned range of `size` bytes that lies entirely in a hole.
    /// `mutations` switches in the historical window bugs. ENOMEM when nothing fits.
    public func findAnywhere(size: UInt64, alignment: UInt64, mutations: Mutations = []) throws(KernelError) -> VirtualRange {
        var windowStart = totalRange.base
        var index = tree.first
        while let i = index {
            let region = try tree.value(at: i)
            if region.range.base > windowStart,
               let found = fit(in: windowStart, region.range.base, size: size, alignment: alignment, isTail: false, mutations: mutations) {
                return found
            }
            windowStart = max(windowStart, region.range.end)
            index = tree.successor(ofLive: i)
        }
        if windowStart < totalRange.end,
           let found = fit(in: windowStart, totalRange.end, size: size, alignment: alignment, isTail: true, mutations: mutations) {
            return found
        }
        throw .ENOMEM
    }

    /// The highest-address aligned range of `size` bytes that lies entirely in a hole (top-down
    /// allocation). ENOMEM when nothing fits.
    public func findTopDown(size: UInt64, alignment: UInt64) throws(KernelError) -> VirtualRange {
        var found: VirtualRange?
        forEachHole { start, end in
            // Holes come in ascending order: the last one that fits holds the highest start.
            if end - start >= size {
                let top = (end - size) & ~(alignment - 1)
                if top >= start { found = VirtualRange(uncheckedBase: top, size: size) }
            }
            return false
        }
        guard let found else { throw .ENOMEM }
        return found
    }

    /// The aligned `size`-byte range at the bottom of the window `[start, end)`, if it fits.
    private func fit(in start: UInt64, _ end: UInt64, size: UInt64, alignment: UInt64, isTail: Bool, mutations: Mutations) -> VirtualRange? {
        let (aligned, overflow) = start.roundedUp(to: alignment)
        if mutations.contains(.windowNeedsSizePlusAlignment) {
            // Mutant seam: SerenityOS's FIXME — the window must hold size + alignment bytes.
            let (need, o) = size.addingReportingOverflow(alignment)
            guard !o, end - start >= need, !overflow else { return nil }
        } else {
            guard !overflow, aligned < end, end - aligned >= size else { return nil }
        }
        if isTail && mutations.contains(.tailWindowUntrimmed) {
            // Mutant seam: the tail window is returned whole.
            return VirtualRange(uncheckedBase: aligned, size: end - aligned)
        }
        return VirtualRange(uncheckedBase: aligned, size: size)
    }

    /// How many aligned positions a `size`-byte range could take inside holes: the branches of a
    /// randomized placement.
    public func randomizedCandidateCount(size: UInt64, alignment: UInt64) -> UInt64 {
        var total: UInt64 = 0
        forEachHole { start, end in
            total += Self.positions(in: start, end, size: size, alignment: alignment)
            return false
        }
        return total
    }

    /// The `k`-th candidate (ascending address) of a randomized placement, k < candidate count.
    public func randomizedCandidate(_ k: UInt64, size: UInt64, alignment: UInt64) -> VirtualRange? {
        var remaining = k
        var found: VirtualRange?
        forEachHole { start, end in
            let n = Self.positions(in: start, end, size: size, alignment: alignment)
            if remaining < n {
                let first = start.roundedUp(to: alignment).value
                found = VirtualRange(uncheckedBase: first + remaining * alignment, size: size)
                return true
            }
            remaining -= n
            return false
        }
        return found
    }

    /// Number of aligned starts `a` with `[a, a + size)` inside `[start, end)`.
    private static func positions(in start: UInt64, _ end: UInt64, size: UInt64, alignment: UInt64) -> UInt64 {
        let (first, overflow) = start.roundedUp(to: alignment)
        guard !overflow, first < end, end - first >= size else { return 0 }
        return (end - first - size) / alignment + 1
    }

    /// Calls `body` with every hole `[start, end)` in ascending order until it returns true. A
    /// link to a freed slot ends the walk instead of trapping (the holes beyond it are not
    /// known); the `tree-shape` check reports such a tree.
    public func forEachHole(_ body: (UInt64, UInt64) -> Bool) {
        var windowStart = totalRange.base
        var index = tree.first
        while let i = index {
            guard let region = tree.liveValue(i) else { return }
            if region.range.base > windowStart, body(windowStart, region.range.base) { return }
            windowStart = max(windowStart, region.range.end)
            index = tree.successor(ofLive: i)
        }
        if windowStart < totalRange.end { _ = body(windowStart, totalRange.end) }
    }

    /// Checks that `range` may be placed exactly: inside the total range (else ENOMEM) and free
    /// (else EEXIST). Regions are disjoint, so only the one with the largest base at or below the
    /// range's last byte can overlap it.
    public func checkSpecific(_ range: VirtualRange, mutations: Mutations = []) throws(KernelError) {
        guard totalRange.contains(range) else { throw .ENOMEM }
        // Mutant seam: the lookup keyed on the base misses a region that starts inside the range.
        let probe = mutations.contains(.specificCheckKeyedOnBase) ? range.base : range.last
        if let i = tree.floor(probe), try tree.value(at: i).range.intersects(range) { throw .EEXIST }
    }
}
