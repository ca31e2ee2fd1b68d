import Model

extension ProveCounterexample {
    /// The counterexample as a trace the model can replay: the layout (`ProveLayoutSpace.steps`),
    /// then the request. A split does not depend on where the layout lies, so one whose offsets
    /// reach below the total range is moved up until they fit. nil for a lemma's counterexample
    /// (no layout) or a layout that cannot be built.
    public func trace(universe: Universe, mutations: Mutations, obligation: ProveObligation) -> Trace? {
        guard var operation else { return nil }
        let P = universe.pageSize
        var shift: UInt64 = 0
        for region in regions {
            let (below, tooFar) = region.offset.multipliedReportingOverflow(by: P)
            let (lowest, overflow) = universe.totalRange.base.addingReportingOverflow(below)
            guard !tooFar, !overflow else { return nil }
            if lowest > region.base { shift = max(shift, lowest - region.base) }
        }
        if shift > 0 {
            guard case let .munmap(address, size) = operation, shift < universe.totalRange.end,
                  regions.allSatisfy({ $0.end <= universe.totalRange.end - shift }) else { return nil }
            operation = .munmap(address: address + shift, size: size)
        }
        guard var steps = ProveLayoutSpace.steps(regions, universe: universe, shift: shift) else { return nil }
        steps.append(.init(operation, note: "the request Z3 found: \(witness)" + (shift > 0 ? " (the layout moved up by \(shift.hex))" : "")))
        return Trace(universe: universe, mutations: mutations,
                     description: "prove \(obligation.rawValue): \(request); returned \(returned), expected \(expected)", steps: steps)
    }
}
