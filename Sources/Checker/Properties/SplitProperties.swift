import Model

/// What munmap and mprotect must do to the regions they cut: partition them exactly, and keep
/// every page that stays mapped on the same VMObject page.
enum SplitProperties {
    static let splitPartition = Property(
        id: "split-partition",
        summary: "after munmap/mprotect each affected region's pages are exactly the kept parts plus the operated range"
    ) { t in
        guard t.result.isSuccess else { return nil }
        let newProtection: Protection?
        switch t.operation {
        case .munmap: newProtection = nil
        case .mprotect(_, _, let p): newProtection = p
        default: return nil
        }
        guard let range = operatedRange(of: t.operation, pageSize: t.before.pageSize) else { return nil }
        let P = t.before.pageSize
        for source in t.before.regions.regions(intersecting: range) {
            let parts = source.range.carve(range)
            var segments: [(VirtualRange, Protection?)] = [parts.below, parts.above].compactMap { $0 }.map { ($0, source.protection) }
            segments.append((source.range.intersection(range)!, newProtection))
            for (segment, protection) in segments {
                var covered: UInt64 = 0
                var problem: String?
                t.after.regions.forEachRegion(intersecting: segment) { piece in
                    let overlap = piece.range.intersection(segment)!
                    guard let expected = protection else {
                        problem = "munmap \(range) left \(overlap) of \(source.range) mapped (by \(piece.range))"
                        return false
                    }
                    if !t.after.sameBacking(piece, source, at: overlap.base) {
                        problem = "\(overlap) of \(source.range) now shows VMObject page \(piece.objectPage(of: overlap.base, pageSize: P)) "
                            + "instead of \(source.objectPage(of: overlap.base, pageSize: P))"
                        return false
                    }
                    if piece.protection != expected {
                        problem = "\(overlap) of \(source.range) has protection \(piece.protection), expected \(expected)"
                        return false
                    }
                    covered += overlap.size
                    return true
                }
                if let problem { return problem }
                if protection != nil && covered != segment.size {
                    let verb = covered < segment.size ? "lost" : "duplicated"
                    return "\(segment) of \(source.range): \(covered / P) of \(segment.size / P) pages covered after the split (pages \(verb))"
                }
            }
        }
        return nil
    }

    static let offsetCoherence = Property(
        id: "offset-coherence",
        summary: "every page that stays mapped still reaches the same VMObject page and data"
    ) { t in
        if case .teardown = t.operation { return nil }
        // Nothing moved and no data changed (a failed or no-op step): every page trivially stays.
        if t.before.sameContents(as: t.after) { return nil }
        let P = t.before.pageSize
        // A failed step must leave everything; a successful munmap/fixed mmap removes its range.
        let removed: VirtualRange? = t.result.isSuccess ? {
            switch t.operation {
            case .munmap, .mmap: operatedRange(of: t.operation, pageSize: P)
            default: nil
            }
        }() : nil
        var touched: UInt64?
        if case let .touch(address, true, _) = t.operation { touched = address / P }
        if t.before.regions.hasSameRegions(as: t.after.regions), removed.map({ !t.before.regions.anyRegion(intersecting: $0) }) ?? true {
            // Every region stayed exactly as it was (a touch, say): each is its own piece, so
            // only its populated pages need a look.
            for region in t.before.regions.regions {
                guard let old = t.before.object(of: region), let new = t.after.object(of: region) else { continue }
                for page in old.populated(in: region.offset, count: region.range.size / P) {
                    let vpn = region.range.base / P + (page.page - region.offset)
                    guard let frame = new.frame(at: page.page), frame == page.frame else {
                        return "page \((vpn * P).hex) lost its frame (VMObject page \(page.page))"
                    }
                    if vpn != touched && t.before.frames.read(frame) != t.after.frames.read(frame) {
                        return "page \((vpn * P).hex) changed its data from \(t.before.frames.read(frame)) to \(t.after.frames.read(frame))"
                    }
                }
            }
            return nil
        }
        for source in t.before.regions.regions {
            let segments: [VirtualRange]
            if let removed {
                let parts = source.range.carve(removed)
                segments = source.range.intersects(removed) ? [parts.below, parts.above].compactMap { $0 } : [source.range]
            } else {
                segments = [source.range]
            }
            for segment in segments {
                var covered: UInt64 = 0
                var problem: String?
                t.after.regions.forEachRegion(intersecting: segment) { piece in
                    let overlap = piece.range.intersection(segment)!
                    covered += overlap.size
                    if !t.after.sameBacking(piece, source, at: overlap.base) {
                        let which = piece.object == source.object ? "" : "another VMObject's "
                        problem = "\(overlap) stayed mapped but now reaches \(which)page \(piece.objectPage(of: overlap.base, pageSize: P)) "
                            + "instead of VMObject page \(source.objectPage(of: overlap.base, pageSize: P))"
                        return false
                    }
                    // Populated pages keep their frame and data (a write touch changes its own page's data).
                    guard let old = t.before.object(of: source), let new = t.after.object(of: piece) else { return true }
                    let firstPage = source.objectPage(of: overlap.base, pageSize: P)
                    for page in old.populated(in: firstPage, count: overlap.size / P) {
                        let vpn = overlap.base / P + (page.page - firstPage)
                        guard let frame = new.frame(at: page.page), frame == page.frame else {
                            problem = "page \((vpn * P).hex) lost its frame (VMObject page \(page.page))"
                            return false
                        }
                        if vpn != touched && t.before.frames.read(frame) != t.after.frames.read(frame) {
                            problem = "page \((vpn * P).hex) changed its data from \(t.before.frames.read(frame)) to \(t.after.frames.read(frame))"
                            return false
                        }
                    }
                    return true
                }
                if let problem { return problem }
                if covered != segment.size {
                    return "\(segment) was mapped before \(t.operation) and should still be, but only \(covered / P) of \(segment.size / P) pages are"
                }
            }
        }
        return nil
    }
}
