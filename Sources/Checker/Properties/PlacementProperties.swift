import Model

/// What mmap's placement must do: return a right-sized aligned range in a hole, find any hole
/// that exists, prefer the lowest (policy), honour fixed requests exactly, and never allocate.
enum PlacementProperties {
    static let holeSoundness = Property(
        id: "hole-soundness",
        summary: "a successful placement returns an aligned range of the requested size lying entirely in a hole"
    ) { t in
        guard case .ok(let base?) = t.result, let request = MmapRequest(t.operation, pageSize: t.before.pageSize) else { return nil }
        guard let region = t.after.regions.region(at: base) else {
            return "mmap returned \(base.hex) but no region starts there"
        }
        if region.range.size != request.size {
            return "mmap of \(request.size.hex) bytes returned the range \(region.range) of \(region.range.size.hex) bytes"
        }
        // A fixed placement is exactly where it was asked (checked below); the kernel aligns only
        // the ranges it chooses itself.
        if request.address == nil && !base.isAligned(to: request.alignment) {
            return "mmap returned \(base.hex), not aligned to \(request.alignment.hex)"
        }
        if let address = request.address, address != base {
            return "fixed mmap at \(address.hex) returned \(base.hex)"
        }
        if request.placement != .fixed {
            if let other = t.before.regions.firstRegion(intersecting: region.range) {
                return "mmap returned \(region.range), but \(other.range) was already mapped there"
            }
        }
        return nil
    }

    static let holeCompleteness = Property(
        id: "hole-completeness", summary: "a placement that fails with ENOMEM had no aligned hole of that size"
    ) { t in
        guard t.result == .error(.ENOMEM), let request = MmapRequest(t.operation, pageSize: t.before.pageSize),
              request.placement == .anywhere || request.placement == .randomized,
              let hole = try? t.before.regions.findAnywhere(size: request.size, alignment: request.alignment)
        else { return nil }
        if pageTablesMayFail(mapping: hole, protection: request.protection, in: t.before) { return nil }
        // A randomized placement maps the candidate it chose, not the lowest hole: any page table
        // that cannot be had may be the one the chosen candidate needed.
        if request.placement == .randomized && pageTablesMayFailAnywhere(protection: request.protection, in: t.before) { return nil }
        return "mmap \(request.placement.rawValue) of \(request.size / t.before.pageSize) pages (alignment \(request.alignment.hex)) "
            + "returned ENOMEM, but the aligned hole \(hole) was free"
    }

    static let firstFit = Property(
        id: "first-fit", summary: "anywhere placement returns the lowest fitting aligned range", isPolicy: true
    ) { t in
        guard case .ok(let base?) = t.result, let request = MmapRequest(t.operation, pageSize: t.before.pageSize),
              request.placement == .anywhere,
              let lowest = try? t.before.regions.findAnywhere(size: request.size, alignment: request.alignment),
              lowest.base != base
        else { return nil }
        return "mmap anywhere of \(request.size / t.before.pageSize) pages returned \(base.hex), but \(lowest) is the lowest fitting range"
    }

    static let specificExactness = Property(
        id: "specific-exactness",
        summary: "fixedNoReplace succeeds iff the range is inside the total range and free"
    ) { t, conventions in
        guard let request = MmapRequest(t.operation, pageSize: t.before.pageSize), request.placement == .fixedNoReplace else { return nil }
        // A documented policy that refuses the request before placement is not a placement answer.
        if conventions.anonymousExecRejected && request.protection.contains(.execute) && t.result == .error(.EINVAL) { return nil }
        let total = t.before.universe.totalRange
        guard let range = request.fixedRange, total.contains(range) else {
            // Past the user ceiling (the total range's end) a design may document another errno.
            let pastCeiling = request.fixedRange.map { $0.end > total.end } ?? true
            let expected: KernelError = pastCeiling ? conventions.fixedPastUserCeiling : .ENOMEM
            return t.result == .error(expected) ? nil
                : "fixed-noreplace at \(request.address!.hex) reaches outside the total range but returned \(t.result), not \(expected)"
        }
        let occupant = t.before.regions.firstRegion(intersecting: range)
        switch (occupant, t.result) {
        case (let o?, .ok):
            return "fixed-noreplace \(range) succeeded although \(o.range) was mapped there"
        case (_?, .error(let errno)) where errno == conventions.fixedNoReplaceCollision:
            return nil
        case (nil, .ok):
            return nil
        case (let o?, let result):
            return "fixed-noreplace \(range) overlaps \(o.range) and must fail with \(conventions.fixedNoReplaceCollision), got \(result)"
        case (nil, .error(.ENOMEM)) where pageTablesMayFail(mapping: range, protection: request.protection, in: t.before):
            return nil
        case (nil, let result):
            return "fixed-noreplace \(range) was free and inside the total range, but returned \(result)"
        }
    }

    static let allocationFree = Property(
        id: "allocation-free", summary: "placing a range performs no heap allocation"
    ) { t in
        guard t.operation.isMmap else { return nil }
        let made = t.after.placementHeapAllocations - t.before.placementHeapAllocations
        return made == 0 ? nil : "\(t.operation) made \(made) heap allocation(s) while placing the range"
    }
}
