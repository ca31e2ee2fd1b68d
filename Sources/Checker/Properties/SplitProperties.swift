import Model

/// What munmap and mprotect must do to the regions they cut: partition them exactly, and keep
/// every page that stays mapped on the same VMObject page. The expected pieces come from
/// `SplitOracle`'s arithmetic on the observation before the step.
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
        guard let operated = operatedRange(of: t.operation, pageSize: t.before.pageSize) else { return nil }
        let range = AddressSpan(operated)
        let P = t.before.pageSize
        let after = t.after.regions
        // The regions are visited where they lie (`firstAnswer`), not listed per source and piece.
        return RegionLookupOracle.firstAnswer(intersecting: range, in: t.before.regions, chained: t.beforeRegionsChained) { source -> String? in
            let sourceSpan = AddressSpan(source)
            for piece in SplitOracle.pieces(of: source, cutBy: range, newProtection: newProtection, pageSize: P) {
                var covered: UInt64 = 0
                let problem = RegionLookupOracle.firstAnswer(intersecting: piece.span, in: after, chained: t.afterRegionsChained) { found -> String? in
                    let overlap = AddressSpan(found).intersection(piece.span)
                    guard let expected = piece.protection else {
                        return "munmap \(range) left \(overlap) of \(sourceSpan) mapped (by \(AddressSpan(found)))"
                    }
                    let shown = found.objectPage(of: overlap.lower, pageSize: P)
                    let wanted = piece.objectPage + (overlap.lower - piece.span.lower) / P
                    if found.object != piece.object || shown != wanted {
                        return "\(overlap) of \(sourceSpan) now shows VMObject page \(shown) instead of \(wanted)"
                    }
                    if found.protection != expected {
                        return "\(overlap) of \(sourceSpan) has protection \(found.protection), expected \(expected)"
                    }
                    covered += overlap.size
                    return nil
                }
                if let problem { return problem }
                if piece.protection != nil && covered != piece.span.size {
                    let verb = covered < piece.span.size ? "lost" : "duplicated"
                    return "\(piece.span) of \(sourceSpan): \(covered / P) of \(piece.span.size / P) pages covered after the split (pages \(verb))"
                }
            }
            return nil
        }
    }

    static let offsetCoherence = Property(
        id: "offset-coherence",
        summary: "every page that stays mapped still reaches the same VMObject page and data",
        needs: [.regions, .objectsAndFrames]
    ) { t in
        if case .teardown = t.operation { return nil }
        // Nothing moved and no data changed (a failed or no-op step): every page trivially stays.
        if t.before.sameMemory(as: t.after) { return nil }
        let P = t.before.pageSize
        let before = t.before.observation, after = t.after.observation
        // A failed step must leave everything; a successful munmap/fixed mmap removes its range.
        let removed: AddressSpan? = t.result.isSuccess ? {
            switch t.operation {
            case .munmap, .mmap: operatedRange(of: t.operation, pageSize: P).map(AddressSpan.init)
            default: nil
            }
        }() : nil
        // A constant, not a variable the nested check captures (that costs an exclusivity check per read).
        let touched: UInt64? = if case let .touch(address, true, _) = t.operation { address / P } else { nil }
        // Indexed once per step, so a step costs time linear in the regions and pages; the
        // objects only if some page is populated (nothing else about them is judged here).
        let afterRegions = RegionIndex(after.regions.elements)
        let anyPopulated = before.objects.contains { !$0.populated.isEmpty }
        let objectsBefore = anyPopulated ? FrameIndex(before) : nil, objectsAfter = anyPopulated ? FrameIndex(after) : nil
        for source in before.regions.elements {
            let span = AddressSpan(source)
            // The pieces of `source` that must stay mapped: all of it, or what the step's range leaves.
            // (Two checks instead of an array of pieces: this runs on every step that changes memory.)
            func checkKept(_ segment: AddressSpan) -> String? {
                guard !segment.isEmpty else { return nil }
                var covered: UInt64 = 0
                for i in afterRegions.candidates(segment) where AddressSpan(afterRegions.sorted[i]).intersects(segment) {
                    let piece = afterRegions.sorted[i]
                    let overlap = AddressSpan(piece).intersection(segment)
                    covered += overlap.size
                    let shown = piece.objectPage(of: overlap.lower, pageSize: P)
                    let wanted = source.objectPage(of: overlap.lower, pageSize: P)
                    if piece.object != source.object || shown != wanted {
                        let which = piece.object == source.object ? "" : "another VMObject's "
                        return "\(overlap) stayed mapped but now reaches \(which)page \(shown) instead of VMObject page \(wanted)"
                    }
                    // Populated pages keep their frame and data (a write touch changes its own page's data).
                    guard let objectsBefore, let objectsAfter, let old = objectsBefore.object(source.object),
                          let new = objectsAfter.object(piece.object), !old.populated.isEmpty
                    else { continue }
                    let newFrames = new.populated.count < FrameIndex.scanLimit ? nil : FrameIndex.frames(of: new)
                    for page in old.populated where page.page >= wanted && page.page - wanted < overlap.size / P {
                        let vpn = overlap.lower / P + (page.page - wanted)
                        guard let frame = newFrames.map({ $0[page.page] }) ?? FrameOracle.frame(of: page.page, in: new),
                              frame == page.frame else {
                            return "page \((vpn * P).hex) lost its frame (VMObject page \(page.page))"
                        }
                        let was = objectsBefore.contents(of: frame), now = objectsAfter.contents(of: frame)
                        if vpn != touched && was != now {
                            return "page \((vpn * P).hex) changed its data from \(was.map(String.init) ?? "nothing") to \(now.map(String.init) ?? "nothing")"
                        }
                    }
                }
                if covered != segment.size {
                    return "\(segment) was mapped before \(t.operation) and should still be, but only \(covered / P) of \(segment.size / P) pages are"
                }
                return nil
            }
            if let removed, span.intersects(removed) {
                let parts = SplitOracle.outsideParts(of: span, cutBy: removed)
                if let problem = checkKept(parts.below) ?? checkKept(parts.above) { return problem }
            } else if let problem = checkKept(span) {
                return problem
            }
        }
        return nil
    }.judgingStepChanges(ChangeChecks.offsetCoherence)
}
