import Model

/// What mmap's placement must do: return a right-sized aligned range in a hole, find any hole
/// that exists, prefer the lowest (policy), honour fixed requests exactly, and never allocate.
/// Every expected answer comes from `PlacementOracle` and `RegionLookupOracle` on the
/// observation before the step.
enum PlacementProperties {
    static let holeSoundness = Property(
        id: "hole-soundness",
        summary: "a successful placement returns an aligned range of the requested size lying entirely in a hole"
    ) { t in
        guard case .ok(let base?) = t.result, let request = t.mmapRequest else { return nil }
        guard let region = RegionLookupOracle.starting(at: base, in: t.after.regions, chained: t.afterRegionsChained) else {
            return "mmap returned \(base.hex) but no region starts there"
        }
        let range = AddressSpan(region)
        if region.size != request.size {
            return "mmap of \(request.size.hex) bytes returned the range \(range) of \(region.size.hex) bytes"
        }
        // A fixed placement is exactly where it was asked (checked below); the kernel aligns only
        // the ranges it chooses itself.
        if !request.isFixed && !request.rounding.isAligned(base, to: request.alignment) {
            return "mmap returned \(base.hex), not aligned to \(request.alignment.hex)"
        }
        if request.isFixed, let address = request.address, address != base {
            return "fixed mmap at \(address.hex) returned \(base.hex)"
        }
        if request.placement != .fixed {
            if let other = RegionLookupOracle.firstIntersecting(range, in: t.before.regions, chained: t.beforeRegionsChained) {
                return "mmap returned \(range), but \(AddressSpan(other)) was already mapped there"
            }
        }
        return nil
    }

    static let holeCompleteness = Property(
        id: "hole-completeness", summary: "a placement that fails with ENOMEM had no aligned hole of that size"
    ) { t in
        guard t.result == .error(.ENOMEM), let request = t.mmapRequest,
              !request.isFixed
        else { return nil }
        let before = t.before.observation
        let holes = t.holesBefore
        guard let hole = PlacementOracle.lowestFit(size: request.size, alignment: request.alignment, holes: holes, rounding: request.rounding) else { return nil }
        // The page-table excuse is judged on the range the operation attempted: the lowest fit
        // for anywhere, the candidate its choice names for randomized.
        switch attempted(request, choice: t.operation.randomizedChoice, holes: holes, design: t.before.design) {
        case .range(let range):
            if pageTablesMayFail(mapping: range, protection: request.protection, in: before, universe: t.before.universe) { return nil }
        case .unknown:
            // A design whose candidates the oracle does not enumerate: any table that cannot be
            // had may be the one the chosen candidate needed.
            if pageTablesMayFailAnywhere(protection: request.protection, in: before, universe: t.before.universe) { return nil }
        }
        return "mmap \(request.placement.rawValue) of \(request.size / t.before.pageSize) pages (alignment \(request.alignment.hex)) "
            + "returned ENOMEM, but the aligned hole \(hole) was free"
    }

    /// The range an mmap that found a hole went on to map.
    private enum Attempt { case range(AddressSpan), unknown }

    private static func attempted(_ request: MmapRequest, choice: UInt64?, holes: [AddressSpan], design: Design) -> Attempt {
        switch request.placement {
        case .randomized:
            // The reference takes candidate min(choice, count - 1) in ascending order (SPEC §2:
            // the choice is the branch); the serenity design draws its own way.
            guard design == .reference else { return .unknown }
            let count = PlacementOracle.candidateCount(size: request.size, alignment: request.alignment, holes: holes, rounding: request.rounding)
            guard count > 0, let range = PlacementOracle.candidate(min(choice ?? 0, count - 1), size: request.size,
                                                                    alignment: request.alignment, holes: holes, rounding: request.rounding)
            else { return .unknown }
            return .range(range)
        case .topDown:
            return PlacementOracle.highestFit(size: request.size, alignment: request.alignment, holes: holes, rounding: request.rounding).map { .range($0) } ?? .unknown
        case .hint:
            // The hint's range if it was free (a design may also have ignored it: either may
            // be the range it tried).
            return .unknown
        default:
            return PlacementOracle.lowestFit(size: request.size, alignment: request.alignment, holes: holes, rounding: request.rounding).map { .range($0) } ?? .unknown
        }
    }

    static let firstFit = Property(
        id: "first-fit", summary: "anywhere placement returns the lowest fitting aligned range", isPolicy: true
    ) { t in
        guard case .ok(let base?) = t.result, let request = t.mmapRequest,
              request.placement == .anywhere,
              let lowest = PlacementOracle.lowestFit(size: request.size, alignment: request.alignment,
                                                     holes: t.holesBefore, rounding: request.rounding),
              lowest.lower != base
        else { return nil }
        return "mmap anywhere of \(request.size / t.before.pageSize) pages returned \(base.hex), but \(lowest) is the lowest fitting range"
    }

    static let specificExactness = Property(
        id: "specific-exactness",
        summary: "fixedNoReplace succeeds iff the range is inside the total range and free"
    ) { t, conventions in
        guard let request = t.mmapRequest, request.placement == .fixedNoReplace else { return nil }
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
        let before = t.before.observation
        let occupant = RegionLookupOracle.firstIntersecting(AddressSpan(range), in: before.regions, chained: t.beforeRegionsChained).map(AddressSpan.init)
        switch (occupant, t.result) {
        case (let o?, .ok):
            return "fixed-noreplace \(range) succeeded although \(o) was mapped there"
        case (_?, .error(let errno)) where errno == conventions.fixedNoReplaceCollision:
            return nil
        case (nil, .ok):
            return nil
        case (let o?, let result):
            return "fixed-noreplace \(range) overlaps \(o) and must fail with \(conventions.fixedNoReplaceCollision), got \(result)"
        case (nil, .error(.ENOMEM)) where pageTablesMayFail(mapping: AddressSpan(range), protection: request.protection, in: before,
                                                            universe: t.before.universe):
            return nil
        case (nil, let result):
            return "fixed-noreplace \(range) was free and inside the total range, but returned \(result)"
        }
    }

    static let allocationFree = Property(
        id: "allocation-free", summary: "placing a range performs no heap allocation", needs: [.regions, .heapAllocations]
    ) { t in
        guard t.operation.isMmap else { return nil }
        let made = t.after.placementHeapAllocations - t.before.placementHeapAllocations
        return made == 0 ? nil : "\(t.operation) made \(made) heap allocation(s) while placing the range"
    }
}

extension Operation {
    /// The candidate index a randomized mmap carries.
    var randomizedChoice: UInt64? {
        if case let .mmap(_, _, .randomized, _, _, choice) = self { return choice }
        return nil
    }
}
