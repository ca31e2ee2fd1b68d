import Model

/// What a returned result promises: success means the postcondition holds, an error means
/// nothing changed; a user access succeeds exactly when the regions permit it. Judged on the
/// observations, with `RegionLookupOracle` and `FrameOracle` for the expected pages.
enum ResultProperties {
    static let honestResult = Property(
        id: "honest-result",
        summary: "success means the postcondition holds; an error means the state is unchanged"
    ) { t in
        let P = t.before.pageSize
        switch t.result {
        case .error(let errno):
            if !t.before.sameMemory(as: t.after) {
                return "\(t.operation) returned \(errno) but changed the address space"
            }
            return nil
        case .ok(let value):
            switch t.operation {
            case .munmap:
                guard let range = operatedRange(of: t.operation, pageSize: P).map(AddressSpan.init) else { return nil }
                if let left = RegionLookupOracle.firstIntersecting(range, in: t.after.regions, chained: t.afterRegionsChained) {
                    return "munmap \(range) succeeded but \(AddressSpan(left).intersection(range)) is still mapped"
                }
            case .mprotect(_, _, let protection):
                guard let range = operatedRange(of: t.operation, pageSize: P).map(AddressSpan.init) else { return nil }
                var covered: UInt64 = 0
                for region in RegionLookupOracle.intersecting(range, in: t.after.regions, chained: t.afterRegionsChained) {
                    let part = AddressSpan(region).intersection(range)
                    if region.protection != protection {
                        return "mprotect \(range) \(protection) succeeded but \(part) is \(region.protection)"
                    }
                    covered += part.size
                }
                if covered != range.size { return "mprotect \(range) succeeded but only \(covered / P) of \(range.size / P) pages are mapped" }
            case .mmap:
                guard let base = value, let request = t.mmapRequest else { return nil }
                let after = t.after.observation
                guard let region = RegionLookupOracle.starting(at: base, in: after.regions, chained: t.afterRegionsChained), region.size >= request.size else {
                    return "mmap returned \(base.hex) but no region of \(request.size.hex) bytes starts there"
                }
                if region.protection != request.protection {
                    return "mmap returned \(AddressSpan(region)) with protection \(region.protection), asked for \(request.protection)"
                }
                if t.after.capabilities.contains(.pageTables), region.protection.isAccessible,
                   let span = TranslationOracle.tables(of: region, universe: t.after.universe),
                   let missing = TranslationOracle.firstMissingTable(in: span, of: after.pageTables) {
                    let page = max(region.base, missing * t.after.universe.pagesPerTable * P)
                    return "mmap returned \(AddressSpan(region)) but page \(page.hex) has no page table (the region is not mapped)"
                }
            default:
                break
            }
            return nil
        }
    }

    static let accessAgreement = Property(
        id: "access-agreement", summary: "touch succeeds iff the region tree permits the access",
        needs: [.regions, .access, .objectsAndFrames, .pageTables]
    ) { t in
        guard case let .touch(address, write, value) = t.operation else { return nil }
        let kind = write ? "write" : "read"
        let before = t.before.observation
        let region = RegionLookupOracle.containing(address, in: before.regions, chained: t.beforeRegionsChained)
        let permitted = region.map { $0.protection.permits(write: write) } ?? false
        switch t.result {
        case .ok(let seen):
            guard let region else { return "a \(kind) of \(address.hex) succeeded, but no region contains it" }
            guard permitted else { return "a \(kind) of \(address.hex) succeeded, but \(AddressSpan(region)) is \(region.protection)" }
            // The access must have reached the region's own VMObject page.
            let expected: UInt64
            if write {
                expected = UInt64(value)
            } else if let object = FrameOracle.object(region.object, in: before),
                      let frame = FrameOracle.frame(of: region.objectPage(of: address, pageSize: t.before.pageSize), in: object) {
                expected = UInt64(FrameOracle.contents(of: frame, in: before) ?? 0)
            } else {
                expected = 0
            }
            if seen != expected { return "a \(kind) of \(address.hex) saw \(seen ?? 0), but its VMObject page holds \(expected)" }
            return nil
        case .error(.EFAULT):
            guard permitted, let region else { return nil }
            return "a \(kind) of \(address.hex) faulted, but \(AddressSpan(region)) is \(region.protection)"
        case .error(.ENOMEM) where permitted:
            // Populating the page may legitimately run out of frames or page tables.
            let universe = t.before.universe
            let framesShort = before.pendingFrameFailures > 0 || before.framesInUse.count >= universe.frames
            let tablesShort = before.pendingPageTableFailures > 0 || before.pageTables.count >= universe.pageTables
            return framesShort || tablesShort ? nil : "a \(kind) of \(address.hex) returned ENOMEM with frames and page tables to spare"
        case .error(let errno):
            return permitted
                ? "a \(kind) of \(address.hex) returned \(errno), but \(AddressSpan(region!)) is \(region!.protection)"
                : "a \(kind) of \(address.hex) must fault with EFAULT, got \(errno)"
        }
    }
}

extension AddressSpace {
    /// Structurally the same address space, pending failures and counters aside: a cheap
    /// sufficient test for "unchanged". Arrays that were never copied compare by identity, so a
    /// rolled-back step costs almost nothing.
    func sameContents(as other: AddressSpace) -> Bool {
        objects == other.objects && frames == other.frames && directory == other.directory && tlb == other.tlb
            && legacyAllocator == other.legacyAllocator && regions.hasSameRegions(as: other.regions)
    }
}

extension RegionTree {
    /// The same regions (ranges, protections, objects, offsets), in a walk of both trees.
    func hasSameRegions(as other: RegionTree) -> Bool {
        // A failed step returns to its start copy: the same node storage, nothing to walk.
        if isUnchangedCopy(of: other) { return true }
        guard count == other.count else { return false }
        var mine = regions.makeIterator()
        var theirs = other.regions.makeIterator()
        while let a = mine.next() {
            guard let b = theirs.next(), a == b else { return false }
        }
        return true
    }
}
