import Model

/// What a returned result promises: success means the postcondition holds, an error means
/// nothing changed; a user access succeeds exactly when the region tree permits it.
enum ResultProperties {
    static let honestResult = Property(
        id: "honest-result",
        summary: "success means the postcondition holds; an error means the state is unchanged"
    ) { t in
        let P = t.before.pageSize
        switch t.result {
        case .error(let errno):
            if !t.before.sameContents(as: t.after), t.before.snapshot(includeFaults: false) != t.after.snapshot(includeFaults: false) {
                return "\(t.operation) returned \(errno) but changed the address space"
            }
            return nil
        case .ok(let value):
            switch t.operation {
            case .munmap:
                guard let range = operatedRange(of: t.operation, pageSize: P) else { return nil }
                if let left = t.after.regions.firstRegion(intersecting: range) {
                    return "munmap \(range) succeeded but \(left.range.intersection(range)!) is still mapped"
                }
            case .mprotect(_, _, let protection):
                guard let range = operatedRange(of: t.operation, pageSize: P) else { return nil }
                var covered: UInt64 = 0
                for region in t.after.regions.regions(intersecting: range) {
                    if region.protection != protection {
                        return "mprotect \(range) \(protection) succeeded but \(region.range.intersection(range)!) is \(region.protection)"
                    }
                    covered += region.range.intersection(range)!.size
                }
                if covered != range.size { return "mprotect \(range) succeeded but only \(covered / P) of \(range.size / P) pages are mapped" }
            case .mmap:
                guard let base = value, let request = MmapRequest(t.operation, pageSize: P) else { return nil }
                guard let region = t.after.regions.region(at: base), region.range.size >= request.size else {
                    return "mmap returned \(base.hex) but no region of \(request.size.hex) bytes starts there"
                }
                if region.protection != request.protection {
                    return "mmap returned \(region.range) with protection \(region.protection), asked for \(request.protection)"
                }
                if let missing = t.after.firstPageWithoutTable(region) {
                    return "mmap returned \(region.range) but page \(missing.hex) has no page table (the region is not mapped)"
                }
            default:
                break
            }
            return nil
        }
    }

    static let accessAgreement = Property(
        id: "access-agreement", summary: "touch succeeds iff the region tree permits the access"
    ) { t in
        guard case let .touch(address, write, value) = t.operation else { return nil }
        let kind = write ? "write" : "read"
        let region = t.before.regions.region(containing: address)
        let permitted = region.map { $0.protection.permits(write: write) } ?? false
        switch t.result {
        case .ok(let seen):
            guard let region else { return "a \(kind) of \(address.hex) succeeded, but no region contains it" }
            guard permitted else { return "a \(kind) of \(address.hex) succeeded, but \(region.range) is \(region.protection)" }
            // The access must have reached the region's own VMObject page.
            let expected: UInt64
            if write {
                expected = UInt64(value)
            } else if let object = t.before.object(of: region),
                      let frame = object.frame(at: region.objectPage(of: address, pageSize: t.before.pageSize)) {
                expected = UInt64(t.before.frames.read(frame))
            } else {
                expected = 0
            }
            if seen != expected { return "a \(kind) of \(address.hex) saw \(seen ?? 0), but its VMObject page holds \(expected)" }
            return nil
        case .error(.EFAULT):
            guard permitted, let region else { return nil }
            return "a \(kind) of \(address.hex) faulted, but \(region.range) is \(region.protection)"
        case .error(.ENOMEM) where permitted:
            // Populating the page may legitimately run out of frames or page tables.
            let f = t.before.faults
            let framesShort = f.pendingFrameFailures > 0 || t.before.frames.usedCount >= t.before.universe.frames
            let tablesShort = f.pendingPageTableFailures > 0 || t.before.directory.tables.count >= t.before.universe.pageTables
            return framesShort || tablesShort ? nil : "a \(kind) of \(address.hex) returned ENOMEM with frames and page tables to spare"
        case .error(let errno):
            return permitted
                ? "a \(kind) of \(address.hex) returned \(errno), but \(region!.range) is \(region!.protection)"
                : "a \(kind) of \(address.hex) must fault with EFAULT, got \(errno)"
        }
    }
}

extension RegionTree {
    /// The same regions (ranges, protections, objects, offsets), in a walk of both trees.
    func hasSameRegions(as other: RegionTree) -> Bool {
        guard count == other.count else { return false }
        var mine = regions.makeIterator()
        var theirs = other.regions.makeIterator()
        while let a = mine.next() {
            guard let b = theirs.next(), a == b else { return false }
        }
        return true
    }
}

extension AddressSpace {
    /// Structurally the same address space, pending failures and counters aside: a cheap
    /// sufficient test for "unchanged" (the canonical snapshots decide when it says no). Arrays
    /// that were never copied compare by identity, so a rolled-back step costs almost nothing.
    func sameContents(as other: AddressSpace) -> Bool {
        objects == other.objects && frames == other.frames && directory == other.directory && tlb == other.tlb
            && legacyAllocator == other.legacyAllocator && regions.hasSameRegions(as: other.regions)
    }

    /// The first page of an accessible region whose page table is missing. Tables are unique
    /// and sorted, so all are there exactly when the slice covering the region is full.
    func firstPageWithoutTable(_ region: Region) -> UInt64? {
        guard region.protection.isAccessible else { return nil }
        let perTable = universe.pagesPerTable
        let pages = region.range.base / pageSize ..< region.range.end / pageSize
        // The tables the loop `table * perTable < pages.upperBound` from the first page's table visits.
        guard pages.upperBound > 0 else { return nil }
        let first = pages.lowerBound / perTable
        let last = (pages.upperBound - 1) / perTable
        guard last >= first else { return nil }
        let present = directory.tables(in: first ... last)
        if UInt64(present.count) == last - first + 1 { return nil }
        var expected = first
        for table in present where table == expected { expected += 1 }
        return max(pages.lowerBound, expected * perTable) * pageSize
    }
}
