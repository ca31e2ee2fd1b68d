import Model

/// The number of letters settings expand to, computed from the settings alone, so that a small
/// universe file listing many sizes, protections and addresses is refused before billions of
/// letters are built (each factor is named in the message).
extension AlphabetSettings {
    /// Letters of each kind, saturating at `UInt64.max` (a product can exceed 2^64).
    struct LetterCount {
        var anywhere: UInt64 = 0
        var fixed: UInt64 = 0
        var ranges: UInt64 = 0
        var munmapAndMprotect: UInt64 = 0
        var touch: UInt64 = 0
        var exec: UInt64 = 0
        var teardown: UInt64 = 0

        var total: UInt64 {
            [anywhere, fixed, munmapAndMprotect, touch, exec, teardown].reduce(0) { $0.saturatingAdd($1) }
        }
    }

    /// Mirrors `Alphabet.init`'s loops in closed form.
    func letterCount(for universe: Universe) -> LetterCount {
        var count = LetterCount()
        let P = universe.pageSize
        let perAlignment = UInt64(sizes.count).saturatingMultiply(UInt64(protections.count))
        for placement in placements {
            switch placement {
            case .anywhere, .randomized, .topDown:
                count.anywhere = count.anywhere.saturatingAdd(perAlignment.saturatingMultiply(UInt64(alignments.count)))
            case .fixed, .fixedNoReplace, .hint:
                for alignment in alignments {
                    let bytes = alignment.saturatingMultiply(P)
                    let addressCount: UInt64 = if let addresses {
                        UInt64(addresses.lazy.filter { $0.isAligned(to: bytes) }.count)
                    } else {
                        // Pages whose address is a multiple of the alignment (the base is a page multiple).
                        UInt64((0 ..< universe.pages).lazy.filter { (universe.base + $0 * P).isAligned(to: bytes) }.count)
                    }
                    count.fixed = count.fixed.saturatingAdd(perAlignment.saturatingMultiply(addressCount))
                }
            }
        }
        // Ranges of 1...maxRange pages inside the universe: sum of (pages - n + 1).
        let m = min(maxRange, universe.pages)
        if m > 0 { count.ranges = m * (universe.pages + 1) - m * (m + 1) / 2 }
        // The sub-page-unaligned letters: two per page but the last.
        if unaligned && universe.pages >= 2 { count.ranges = count.ranges.saturatingAdd(2 * (universe.pages - 1)) }
        count.munmapAndMprotect = count.ranges.saturatingMultiply(1 + UInt64(protections.count))
        count.touch = touch ? 2 * universe.pages : 0
        count.exec = exec && universe.pages >= 3 ? 2 : 0
        count.teardown = teardown ? 1 : 0
        return count
    }

    /// Refuses settings whose letters would exceed `limit`, naming the fields that multiply.
    func checkLetterCount(for universe: Universe, limit: Int, source: String) throws(InputError) {
        let count = letterCount(for: universe)
        guard count.total > UInt64(limit) else { return }
        let origin = ["sizes", "protections", "alignments", "placements", "addresses", "maxRange"]
            .compactMap { origins[$0] }.first ?? source
        var parts: [String] = []
        if count.anywhere > 0 {
            parts.append("\(count.anywhere) anywhere/randomized mmaps (placements × sizes \(sizes.count) × alignments \(alignments.count) × protections \(protections.count))")
        }
        if count.fixed > 0 {
            parts.append("\(count.fixed) fixed mmaps (placements × sizes \(sizes.count) × protections \(protections.count) × aligned addresses"
                + (addresses.map { " of \($0.count) listed" } ?? " (every page)") + ")")
        }
        if count.munmapAndMprotect > 0 {
            parts.append("\(count.munmapAndMprotect) munmaps/mprotects (\(count.ranges) ranges of up to maxRange \(maxRange) pages × (1 + protections \(protections.count)))")
        }
        if count.touch > 0 { parts.append("\(count.touch) touches") }
        let total = count.total == .max ? "more than 2^64" : "\(count.total)"
        throw InputError(source: origin, location: origin.hasPrefix("--") ? "" : "field 'alphabet'",
                         message: "the alphabet would have \(total) letters, at most \(limit) are supported: "
                            + parts.joined(separator: ", ") + "; list fewer sizes, alignments, protections, placements or addresses, or lower maxRange")
    }
}

extension UInt64 {
    func saturatingAdd(_ other: UInt64) -> UInt64 {
        let (sum, overflow) = addingReportingOverflow(other)
        return overflow ? .max : sum
    }

    func saturatingMultiply(_ other: UInt64) -> UInt64 {
        let (product, overflow) = multipliedReportingOverflow(by: other)
        return overflow ? .max : product
    }
}
