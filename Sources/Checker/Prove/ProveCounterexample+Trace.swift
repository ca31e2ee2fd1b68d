import Model

extension ProveCounterexample {
    /// The counterexample as a trace the model can replay: the layout, then the request. Regions
    /// are built from the highest down, each PROT_NONE (no page table or frame needed) with
    /// fixed-noreplace; a region at a VMObject offset is mapped that many pages lower and its
    /// bottom unmapped, which leaves exactly that offset, as a split does. A split does not
    /// depend on where the layout lies, so one whose offsets reach below the total range is
    /// moved up until they fit. nil for a lemma's counterexample (no layout) or a layout that
    /// cannot be built.
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
        var steps: [Trace.Step] = []
        for region in regions.sorted(by: { $0.base > $1.base }) {
            let base = region.base + shift, below = region.offset * P
            steps.append(.init(.mmap(region.end + shift - (base - below), .none, at: .fixedNoReplace(base - below)), note: "layout"))
            if below > 0 { steps.append(.init(.munmap(address: base - below, size: below), note: "layout: leave VMObject offset \(region.offset)")) }
        }
        steps.append(.init(operation, note: "the request Z3 found: \(witness)" + (shift > 0 ? " (the layout moved up by \(shift.hex))" : "")))
        return Trace(universe: universe, mutations: mutations,
                     description: "prove \(obligation.rawValue): \(request); returned \(returned), expected \(expected)", steps: steps)
    }
}
