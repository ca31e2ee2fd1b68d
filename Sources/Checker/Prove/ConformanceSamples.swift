import Model

/// One concrete input of the conformance check: a layout (regions in bytes, VMObject offsets in
/// pages) and the request run on it, and where it comes from (the branch it takes, or
/// "boundary"/"random").
struct ConformanceSample {
    var origin: String
    var regions: ProveOracle.Layout
    var operation: Operation
}

/// Boundary and seeded random inputs for the conformance check, inside the encodings' domain
/// (at most K regions; requests that pass mmap's EINVAL checks): empty and full layouts, regions
/// against either end of the range, exact-fit holes and holes a page short, addresses at region
/// edges and near 2^64. Deterministic: the same seed gives the same samples.
struct ConformanceSamples {
    let universe: Universe
    let maxRegions: Int
    var rng: SplitMix64

    var P: UInt64 { universe.pageSize }

    /// Fixed layouts at the edges: empty, one page at the bottom, one page at the top, K
    /// adjacent regions from the bottom, K adjacent regions ending at the top.
    var boundaryLayouts: [ProveOracle.Layout] {
        let base = universe.totalRange.base, end = universe.totalRange.end, K = UInt64(maxRegions)
        return [[], [(base, base + P, 0)], [(end - P, end, 0)],
                (0 ..< K).map { (base + $0 * 2 * P, base + ($0 * 2 + 2) * P, 0) },
                (0 ..< K).map { (end - (K - $0) * 3 * P, end - (K - $0 - 1) * 3 * P, 0) }]
    }

    /// Sorted, disjoint regions near the bottom, near the top or spread out; gaps of 0 pages
    /// happen; `offsets` gives each region an offset no larger than the gap below it.
    mutating func randomLayout(offsets: Bool) -> ProveOracle.Layout {
        let n = Int.random(in: 0 ... maxRegions, using: &rng)
        let totalPages = universe.pages
        let span: UInt64 = [64, 4096, totalPages / 2][Int.random(in: 0 ... 2, using: &rng)]
        var page = Bool.random(using: &rng) ? totalPages - min(totalPages, span + 64) : 0
        var regions: ProveOracle.Layout = []
        for _ in 0 ..< n {
            let gap = [0, 0, 1, 2, 3, UInt64.random(in: 1 ... 16, using: &rng), span / 8][Int.random(in: 0 ... 6, using: &rng)]
            let size = [1, 1, 2, 3, UInt64.random(in: 1 ... 8, using: &rng), span / 16 + 1][Int.random(in: 0 ... 5, using: &rng)]
            let offset = offsets && gap > 0 ? UInt64.random(in: 0 ... min(gap, 64), using: &rng) : 0
            page += gap
            guard page + size <= totalPages else { break }
            regions.append((universe.base + page * P, universe.base + (page + size) * P, offset))
            page += size
        }
        return regions
    }

    /// Hole sizes in pages.
    func holes(_ regions: ProveOracle.Layout) -> [UInt64] {
        var start = universe.base, sizes: [UInt64] = []
        for r in regions {
            if r.base > start { sizes.append((r.base - start) / P) }
            start = r.end
        }
        if start < universe.end { sizes.append((universe.end - start) / P) }
        return sizes
    }

    /// mmap anywhere requests with alignment `P·2^j`: exact hole sizes, a page more, small,
    /// huge and larger than the range.
    /// `placement` is `.anywhere` or `.topDown`: both ask the same question of the holes.
    mutating func anywhere(alignmentExponent j: Int, count: Int, placement: Placement = .anywhere) -> [ConformanceSample] {
        var layouts = boundaryLayouts.map { ("boundary", $0) }
        for _ in 0 ..< count { layouts.append(("random", randomLayout(offsets: false))) }
        return layouts.map { origin, regions in
            let holes = holes(regions)
            var sizes: [UInt64] = [1, 2, 3, UInt64.random(in: 1 ... 64, using: &rng), universe.pages / 3, universe.pages + 1]
            if let hole = holes.randomElement(using: &rng) { sizes += [hole, hole, hole + 1, max(1, hole - 1)] }
            let pages = sizes.randomElement(using: &rng)!
            return ConformanceSample(origin: origin, regions: regions, operation: .mmap(pages * P, .none, at: placement, alignment: P << UInt64(j)))
        }
    }

    /// fixed-noreplace requests at, inside, around and past regions, below the range and near 2^64.
    mutating func fixedNoReplace(count: Int) -> [ConformanceSample] {
        var layouts = boundaryLayouts.map { ("boundary", $0) }
        for _ in 0 ..< count { layouts.append(("random", randomLayout(offsets: false))) }
        return layouts.map { origin, regions in
            var addresses: [UInt64] = [universe.base, 0, universe.end - P, UInt64.max - P + 1 - UInt64.random(in: 0 ... 4, using: &rng) * P]
            for r in regions { addresses += [r.base, r.end, r.base &- P, r.end - P] }
            let address = addresses.randomElement(using: &rng)! & ~(P - 1)
            let pages = [1, 2, 3, UInt64.random(in: 1 ... 32, using: &rng), 1 << 40, UInt64.max / P - 1].randomElement(using: &rng)!
            return ConformanceSample(origin: origin, regions: regions, operation: .mmap(pages * P, .none, at: .fixedNoReplace(address)))
        }
    }

    /// munmap ranges inside the total range that start and end at, inside or around regions.
    mutating func munmap(count: Int) -> [ConformanceSample] {
        var layouts = boundaryLayouts.map { ("boundary", $0) }
        for _ in 0 ..< count { layouts.append(("random", randomLayout(offsets: true))) }
        return layouts.map { origin, regions in
            var edges: [UInt64] = [universe.base, universe.end]
            for r in regions { edges += [r.base, r.end, r.base + P, r.end - P, r.base &- P, r.end + P] }
            edges = edges.filter { $0 >= universe.base && $0 <= universe.end }
            var low = edges.randomElement(using: &rng)!, high = edges.randomElement(using: &rng)!
            if low > high { swap(&low, &high) }
            if low == high { low == universe.end ? (low -= P) : (high += P) }
            return ConformanceSample(origin: origin, regions: regions, operation: .munmap(address: low, size: high - low))
        }
    }
}

extension Operation {
    /// The size and address of an mmap or munmap request (nil for other operations, and for
    /// an mmap placed anywhere).
    var requestSize: UInt64? {
        switch self {
        case let .mmap(size, _, _, _, _, _): size
        case let .munmap(_, size): size
        default: nil
        }
    }

    var requestAddress: UInt64? {
        switch self {
        case let .mmap(_, _, _, address, _, _): address
        case let .munmap(address, _): address
        default: nil
        }
    }
}
