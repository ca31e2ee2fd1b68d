import Model

/// The specification's answers (SPEC §2) for prove's questions, computed from the layout
/// alone by plain arithmetic — never by the Swift code or the encodings it judges: the lowest
/// and the highest aligned fit by scanning the holes, fixed-noreplace by interval intersection, a munmap's parts
/// by cutting each region at the range's ends.
enum ProveOracle {
    typealias Layout = [(base: UInt64, end: UInt64, offset: UInt64)]

    /// The free stretches of the total range, ascending: between the sorted regions, and after the last.
    static func holes(of layout: Layout, universe: Universe) -> [(low: UInt64, high: UInt64)] {
        var holes: [(low: UInt64, high: UInt64)] = []
        var start = universe.totalRange.base
        for region in layout.sorted(by: { $0.base < $1.base }) {
            if region.base > start { holes.append((start, region.base)) }
            start = max(start, region.end)
        }
        if start < universe.totalRange.end { holes.append((start, universe.totalRange.end)) }
        return holes
    }

    /// mmap anywhere of `size` bytes (a multiple of the page size) aligned to `alignment`: the
    /// lowest aligned address `x` with `[x, x + size)` inside the total range and in no region.
    static func anywhere(_ layout: Layout, size: UInt64, alignment: UInt64, universe: Universe) -> ConformanceAnswer {
        if size == 0 || size.addingReportingOverflow(alignment).overflow { return ConformanceAnswer(result: .error(.EINVAL)) }
        let holes = Self.holes(of: layout, universe: universe)
        for (low, high) in holes {
            // The lowest multiple of the alignment at or above the hole's start.
            let remainder = low % alignment
            let (x, wraps) = remainder == 0 ? (low, false) : low.addingReportingOverflow(alignment - remainder)
            guard !wraps, x < high, high - x >= size else { continue }
            return ConformanceAnswer(result: .ok(x), placed: [x, x + size])
        }
        return ConformanceAnswer(result: .error(.ENOMEM))
    }

    /// mmap top-down of `size` bytes (a multiple of the page size) aligned to `alignment`: the
    /// highest aligned address `x` with `[x, x + size)` inside the total range and in no region —
    /// in the highest hole that holds one, the largest multiple of the alignment at or below
    /// `hole end − size`.
    static func topDown(_ layout: Layout, size: UInt64, alignment: UInt64, universe: Universe) -> ConformanceAnswer {
        if size == 0 || size.addingReportingOverflow(alignment).overflow { return ConformanceAnswer(result: .error(.EINVAL)) }
        let holes = Self.holes(of: layout, universe: universe)
        for (low, high) in holes.reversed() where high - low >= size {
            let x = (high - size) / alignment * alignment
            guard x >= low else { continue }
            return ConformanceAnswer(result: .ok(x), placed: [x, x + size])
        }
        return ConformanceAnswer(result: .error(.ENOMEM))
    }

    /// mmap fixed-noreplace at `address`: ENOMEM when `[address, address + size)` wraps or leaves
    /// the total range, EEXIST when it meets a region, else placed there.
    static func fixedNoReplace(_ layout: Layout, address: UInt64, size: UInt64, universe: Universe) -> ConformanceAnswer {
        let (end, wraps) = address.addingReportingOverflow(size)
        guard !wraps, address >= universe.totalRange.base, end <= universe.totalRange.end else { return ConformanceAnswer(result: .error(.ENOMEM)) }
        if layout.contains(where: { $0.base < end && address < $0.end }) { return ConformanceAnswer(result: .error(.EEXIST)) }
        return ConformanceAnswer(result: .ok(address))
    }

    /// munmap of `[low, high)` inside the total range: every region loses the pages in the range;
    /// what is left below keeps the offset, what is left above starts `(high − base)/P` pages
    /// further into the VMObject.
    static func munmap(_ layout: Layout, low: UInt64, high: UInt64, universe: Universe) -> ConformanceAnswer {
        var after: [[UInt64]] = []
        for r in layout.sorted(by: { $0.base < $1.base }) {
            guard r.base < high && low < r.end else { after.append([r.base, r.end, r.offset]); continue }
            if r.base < low { after.append([r.base, low, r.offset]) }
            if high < r.end { after.append([high, r.end, r.offset + (high - r.base) / universe.pageSize]) }
        }
        return ConformanceAnswer(result: .ok(nil), after: after)
    }
}

/// What one side — the encoding, the Swift code, or the specification — answers on one concrete
/// layout and request: the result, and what the question is about (the range placed by mmap
/// anywhere, the regions after a munmap).
struct ConformanceAnswer: Hashable, CustomStringConvertible {
    var result: OperationResult
    /// `[base, end)` of the region mmap anywhere placed.
    var placed: [UInt64]? = nil
    /// `[base, end, offset]` of every region after a munmap.
    var after: [[UInt64]]? = nil

    var description: String {
        var text = result.description
        if let placed { text += " [\(placed[0].hex), \(placed[1].hex))" }
        if let after { text += "; regions after: " + (after.isEmpty ? "none" : after.map { "[\($0[0].hex), \($0[1].hex)) offset \($0[2])" }.joined(separator: ", ")) }
        return text
    }
}
