import Model

/// Placement policies beside `first-fit`: top-down (Linux mmap's default) and the hint of a
/// non-fixed address. Expected answers come from `PlacementOracle` scanning the holes of the
/// observation before the step, never from the model's placement code.
enum PlacementPolicies {
    static let topDownFit = Property(
        id: "top-down-fit", summary: "top-down placement returns the highest fitting aligned range", isPolicy: true
    ) { t in
        guard case .ok(let base?) = t.result, let request = t.mmapRequest,
              request.placement == .topDown,
              let highest = PlacementOracle.highestFit(size: request.size, alignment: request.alignment,
                                                       holes: t.holesBefore, rounding: request.rounding),
              highest.lower != base
        else { return nil }
        return "mmap top-down of \(request.size / t.before.pageSize) pages returned \(base.hex), but \(highest) is the highest fitting range"
    }

    static let hintPlacement = Property(
        id: "hint-placement",
        summary: "a hinted mmap gets the hinted range when it is aligned, inside and free, else the lowest fit",
        isPolicy: true
    ) { t, conventions in
        guard case .ok(let base?) = t.result, let request = t.mmapRequest,
              request.placement == .hint, let hint = request.address
        else { return nil }
        let holes = t.holesBefore
        let (end, wraps) = hint.addingReportingOverflow(request.size)
        let wanted = AddressSpan(hint, wraps ? hint : end)
        let usable = !conventions.hintsIgnored && !wraps && request.rounding.isAligned(hint, to: request.alignment)
            && holes.contains { $0.lower <= wanted.lower && wanted.upper <= $0.upper }
        if usable {
            return base == hint ? nil : "mmap hinted at \(hint.hex) returned \(base.hex), but \(wanted) was free"
        }
        guard let lowest = PlacementOracle.lowestFit(size: request.size, alignment: request.alignment, holes: holes, rounding: request.rounding),
              lowest.lower != base
        else { return nil }
        let why = conventions.hintsIgnored ? "this design ignores hints" : "the hint \(wanted) was not usable"
        return "mmap hinted at \(hint.hex) returned \(base.hex), but \(why) and \(lowest) is the lowest fitting range"
    }
}
