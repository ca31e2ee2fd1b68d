/// Hole finding as `Kernel/Memory/RegionTree.cpp` does it at SerenityOS HEAD (SPEC §6.1),
/// uncorrected. Fixes of the findings are switched on by `SerenityFixes`.
extension RegionTree {
    /// AK's `round_up_to_power_of_two`: `((value - 1) & ~(alignment - 1)) + alignment`. It assumes
    /// a power of two (then it is the usual round-up, 0 aside), but mmap only checks that the
    /// alignment is a page multiple, so other alignments get whatever the mask gives: a
    /// page-aligned value in `[value, value + alignment)`, e.g. 0x11000 → 0x13000 for 0x3000,
    /// where `(value + alignment - 1) & ~(alignment - 1)` would give 0x11000.
    public static func serenityRoundUp(_ value: UInt64, to alignment: UInt64) -> UInt64 {
        ((value &- 1) & ~(alignment &- 1)) &+ alignment
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
        if let i = tree.floor(range.last), try tree.value(at: i).range.intersects(range) { throw .ENOMEM }
        return range
    }

    /// How many outcomes `allocate_range_randomized` can have: each candidate position that
    /// `allocate_range_specific` would accept, plus the first-fit fallback (see
    /// `serenityRandomized(size:alignment:choice:fixes:)`).
    public func serenityRandomizedOutcomeCount(size: UInt64, alignment: UInt64) -> UInt64 {
        serenityAcceptedCandidateCount(size: size, alignment: alignment) + 1
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
    public func serenityRandomized(size: UInt64, alignment: UInt64, choice: UInt64,
                                   fixes: SerenityFixes = []) throws(KernelError) -> VirtualRange {
        guard size > 0 else { throw .EINVAL }
        let accepted = serenityAcceptedCandidateCount(size: size, alignment: alignment)
        if choice < accepted, let range = serenityAcceptedCandidate(choice, size: size, alignment: alignment) {
            return range
        }
        return try serenityFindAnywhere(size: size, alignment: alignment, fixes: fixes)
    }

    /// Candidates the specific check accepts are exactly the reachable positions lying in a hole
    /// (regions are disjoint; `no-overlap` reports it otherwise). With a power-of-two alignment the
    /// reachable positions are its multiples, so the reference's hole arithmetic counts them.
    ///
    /// Otherwise they are `u + A` for the values u with no bit of `A - 1`, lying in a hole:
    /// `roundup(x, A) = ((x - 1) & ~(A - 1)) + A` only ever yields such a `u + A`, and each u up to
    /// the total range's end is reached (by x = u + 1; x = 0 wraps to 0, outside every range). A is
    /// a page multiple, so `A - 1` holds the page-offset bits and every candidate is page aligned.
    /// Counting the u of a hole `[first, last]` means counting them in `[first - A, last - A]`:
    /// 64 steps, not one per free page, which matters in the 64-bit `serenity` range.
    func serenityAcceptedCandidateCount(size: UInt64, alignment: UInt64) -> UInt64 {
        if alignment.isPowerOfTwo { return randomizedCandidateCount(size: size, alignment: alignment) }
        var count: UInt64 = 0
        forEachMaskedWindow(size: size, alignment: alignment) { first, last in
            count += Self.maskedPositions(avoiding: alignment - 1, in: first, last)
            return false
        }
        return count
    }

    func serenityAcceptedCandidate(_ k: UInt64, size: UInt64, alignment: UInt64) -> VirtualRange? {
        if alignment.isPowerOfTwo { return randomizedCandidate(k, size: size, alignment: alignment) }
        var remaining = k
        var found: UInt64?
        forEachMaskedWindow(size: size, alignment: alignment) { first, last in
            let here = Self.maskedPositions(avoiding: alignment - 1, in: first, last)
            guard remaining < here else { remaining -= here; return false }
            found = Self.maskedPosition(remaining, avoiding: alignment - 1, in: first, last)
            return true
        }
        return found.map { VirtualRange(uncheckedBase: $0 + alignment, size: size) }
    }

    /// Per hole, the u whose candidate `u + alignment` is a base that fits: the fitting bases
    /// shifted down by the alignment (those below it have no u).
    private func forEachMaskedWindow(size: UInt64, alignment: UInt64, _ body: (UInt64, UInt64) -> Bool) {
        forEachFittingWindow(size: size) { first, last in
            guard last >= alignment else { return false }
            return body(first >= alignment ? first - alignment : 0, last - alignment)
        }
    }

    /// The bases a range of `size` can start at in each hole, as closed intervals, ascending.
    private func forEachFittingWindow(size: UInt64, _ body: (UInt64, UInt64) -> Bool) {
        forEachHole { start, end in
            guard end - start >= size else { return false }
            return body(start, end - size)
        }
    }

    /// How many v in `first ... last` have no bit of `mask` set.
    static func maskedPositions(avoiding mask: UInt64, in first: UInt64, _ last: UInt64) -> UInt64 {
        guard first <= last else { return 0 }
        return positions(avoiding: mask, upTo: last) - (first == 0 ? 0 : positions(avoiding: mask, upTo: first - 1))
    }

    /// The `k`-th (from 0) value in `first ... last` with no bit of `mask` set: the least v whose
    /// count reaches k + 1, by bisection over the monotone count.
    static func maskedPosition(_ k: UInt64, avoiding mask: UInt64, in first: UInt64, _ last: UInt64) -> UInt64 {
        let below = first == 0 ? 0 : positions(avoiding: mask, upTo: first - 1)
        var low = first, high = last
        while low < high {
            let middle = low + (high - low) / 2
            if positions(avoiding: mask, upTo: middle) - below >= k + 1 { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// How many v in `0 ... n` have no bit of `mask` set, digit by digit from the top bit: where n
    /// has a 1, every v that has a 0 there and matches n above it is below n, and its lower free
    /// bits are arbitrary. `mask` has the page-offset bits, so the count stays below 2^64.
    static func positions(avoiding mask: UInt64, upTo n: UInt64) -> UInt64 {
        var count: UInt64 = 0
        for bit in stride(from: 63, through: 0, by: -1) {
            let one: UInt64 = 1 << UInt64(bit)
            guard n & one != 0 else { continue }
            count += 1 << UInt64((~mask & (one - 1)).nonzeroBitCount)
            // n's own 1 here is a bit v may not have: nothing matching n further down is allowed.
            if mask & one != 0 { return count }
        }
        return count + 1  // n itself has no bit of the mask
    }
}
