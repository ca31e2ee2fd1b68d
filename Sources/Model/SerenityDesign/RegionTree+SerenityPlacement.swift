/// Hole finding as `Kernel/Memory/RegionTree.cpp` does it at SerenityOS HEAD (serenity-notes §1),
/// uncorrected. Fixes of the findings are switched on by `SerenityFixes`.
extension RegionTree {
    /// AK's `round_up_to_power_of_two`: `(value + alignment - 1) & ~(alignment - 1)`. It assumes a
    /// power of two, but mmap only checks that the alignment is a page multiple, so other
    /// alignments get whatever the mask gives (a page-aligned value in `[value, value + alignment)`).
    public static func serenityRoundUp(_ value: UInt64, to alignment: UInt64) -> UInt64 {
        (value &+ alignment &- 1) & ~(alignment &- 1)
    }

    /// `allocate_range_anywhere`: walk the windows between regions from the bottom; a window is
    /// accepted iff it holds `size + alignment` bytes — even for alignment = P, so a hole of
    /// exactly `size` is skipped — and the result is `[roundup(window.base), +size)`. The tail
    /// window is tried only if the total range contains it. Nothing fits → ENOMEM.
    public func serenityFindAnywhere(size: UInt64, alignment: UInt64, fixes: SerenityFixes = []) throws(KernelError) -> VirtualRange {
        guard size > 0 else { throw .EINVAL }
        guard !size.addingReportingOverflow(alignment).overflow else { throw .EOVERFLOW }
        func fit(base: UInt64, size windowSize: UInt64) -> VirtualRange? {
            let aligned = Self.serenityRoundUp(base, to: alignment)
            if fixes.contains(.exactFitWindows) {
                // The fix: the aligned range itself must fit in the window.
                guard aligned >= base, aligned - base <= windowSize, windowSize - (aligned - base) >= size else { return nil }
            } else {
                guard windowSize >= size + alignment else { return nil }
            }
            return VirtualRange(uncheckedBase: aligned, size: size)
        }
        var windowStart = totalRange.base
        for region in regions {
            if region.range.base == windowStart {
                windowStart = region.range.end
                continue
            }
            // Wrapping subtraction, as the C++ computes it (regions never overlap there).
            let windowBase = windowStart
            let windowSize = region.range.base &- windowStart
            windowStart = region.range.end
            if let found = fit(base: windowBase, size: windowSize) { return found }
        }
        if windowStart >= totalRange.base, windowStart <= totalRange.end,
           let found = fit(base: windowStart, size: totalRange.end - windowStart) {
            return found
        }
        throw .ENOMEM
    }

    /// `allocate_range_specific`: size 0 → EINVAL; not inside the total range → ENOMEM; the region
    /// with the largest base at or below the range's last byte intersects it → ENOMEM. Never
    /// EEXIST. Sound while regions do not overlap, since only that region can reach the range.
    public func serenityAllocateSpecific(base: UInt64, size: UInt64) throws(KernelError) -> VirtualRange {
        guard size > 0 else { throw .EINVAL }
        guard let range = try? VirtualRange(base: base, size: size), totalRange.contains(range) else { throw .ENOMEM }
        if let i = tree.floor(range.last), tree[i].range.intersects(range) { throw .ENOMEM }
        return range
    }

    /// How many outcomes `allocate_range_randomized` can have: each candidate position that
    /// `allocate_range_specific` would accept, plus the first-fit fallback (see
    /// `serenityRandomized(size:alignment:choice:pageSize:fixes:)`).
    public func serenityRandomizedOutcomeCount(size: UInt64, alignment: UInt64, pageSize: UInt64) -> UInt64 {
        serenityAcceptedCandidateCount(size: size, alignment: alignment, pageSize: pageSize) + 1
    }

    /// `allocate_range_randomized`, with its random draws abstracted to their distinct outcomes.
    ///
    /// HEAD tries up to 1000 times `candidate = roundup(rand64 % total.end, alignment)`, skips a
    /// candidate the total range does not contain, and takes the first one that
    /// `allocate_range_specific` accepts; after 1000 misses it falls back to
    /// `allocate_range_anywhere`. Whatever the draws, the result is one of: an aligned position
    /// the specific check accepts (any of them can be drawn first), or the fallback (1000 misses
    /// always have a non-zero probability, since draws below the total range are skipped). So
    /// `choice` in `0 ..< accepted` picks the accepted position of that rank, ascending, and
    /// `choice == accepted` takes the fallback. The explorer enumerates every choice; a random run
    /// draws one (uniformly, which is not HEAD's distribution: the fallback is rare there).
    public func serenityRandomized(size: UInt64, alignment: UInt64, choice: UInt64, pageSize: UInt64,
                                   fixes: SerenityFixes = []) throws(KernelError) -> VirtualRange {
        guard size > 0 else { throw .EINVAL }
        let accepted = serenityAcceptedCandidateCount(size: size, alignment: alignment, pageSize: pageSize)
        if choice < accepted, let range = serenityAcceptedCandidate(choice, size: size, alignment: alignment, pageSize: pageSize) {
            return range
        }
        return try serenityFindAnywhere(size: size, alignment: alignment, fixes: fixes)
    }

    /// Candidates the specific check accepts are exactly the reachable positions lying in a hole
    /// (regions are disjoint; `no-overlap` reports it otherwise). With a power-of-two alignment the
    /// reachable positions are its multiples, so the reference's hole arithmetic counts them.
    func serenityAcceptedCandidateCount(size: UInt64, alignment: UInt64, pageSize: UInt64) -> UInt64 {
        if alignment.isPowerOfTwo { return randomizedCandidateCount(size: size, alignment: alignment) }
        return UInt64(serenityMaskedCandidates(size: size, alignment: alignment, pageSize: pageSize).count)
    }

    func serenityAcceptedCandidate(_ k: UInt64, size: UInt64, alignment: UInt64, pageSize: UInt64) -> VirtualRange? {
        if alignment.isPowerOfTwo { return randomizedCandidate(k, size: size, alignment: alignment) }
        let all = serenityMaskedCandidates(size: size, alignment: alignment, pageSize: pageSize)
        return k < all.count ? VirtualRange(uncheckedBase: all[Int(k)], size: size) : nil
    }

    /// The positions `roundup(x, alignment)` can take for x in `[0, total.end)` when the alignment
    /// is not a power of two, restricted to those in a hole, ascending. For x = q·P + r the mask
    /// gives `(m·P) & ~(alignment - 1)` with m = q + alignment/P - (r == 0 ? 1 : 0), a value in
    /// `[m·P - (alignment - P), m·P]`, so each hole needs only the m near it. Linear in the free
    /// pages: fine for the small universes, slow for the 64-bit one.
    func serenityMaskedCandidates(size: UInt64, alignment: UInt64, pageSize: UInt64) -> [UInt64] {
        let perAlignment = alignment / pageSize
        let lowestM = perAlignment - 1
        let highestM = (totalRange.end - 1) / pageSize + perAlignment
        var found: [UInt64] = []
        forEachHole { start, end in
            guard end - start >= size else { return false }
            let last = end - size
            var m = max(lowestM, start / pageSize)
            let mEnd = min(highestM, (last + alignment - pageSize) / pageSize)
            while m <= mEnd {
                let candidate = (m * pageSize) & ~(alignment - 1)
                if candidate >= start && candidate <= last { found.append(candidate) }
                m += 1
            }
            return false
        }
        found.sort()
        var unique: [UInt64] = []
        for c in found where unique.last != c { unique.append(c) }
        return unique
    }
}
