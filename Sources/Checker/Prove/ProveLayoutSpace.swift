import Model

/// A decoded layout made real: the steps that build it in the model, and the address space they
/// give, so the Swift code can be run on what Z3 found and a counterexample can be replayed.
enum ProveLayoutSpace {
    /// Regions from the highest down, each PROT_NONE (no page table or frame needed) with
    /// fixed-noreplace; a region at a VMObject offset is mapped that many pages lower and its
    /// bottom unmapped, which leaves exactly that offset, as a split does. `shift` moves the
    /// whole layout up. nil when a region or its offset reaches below the total range.
    static func steps(_ regions: [(base: UInt64, end: UInt64, offset: UInt64)], universe: Universe, shift: UInt64 = 0) -> [Trace.Step]? {
        let P = universe.pageSize
        var steps: [Trace.Step] = []
        for region in regions.sorted(by: { $0.base > $1.base }) {
            let base = region.base + shift
            let (below, tooFar) = region.offset.multipliedReportingOverflow(by: P)
            guard !tooFar, base >= universe.totalRange.base, below <= base - universe.totalRange.base else { return nil }
            steps.append(.init(.mmap(region.end + shift - (base - below), .none, at: .fixedNoReplace(base - below)), note: "layout"))
            if below > 0 { steps.append(.init(.munmap(address: base - below, size: below), note: "layout: leave VMObject offset \(region.offset)")) }
        }
        return steps
    }

    /// The address space holding exactly `regions`; nil if a step fails.
    static func build(_ regions: [(base: UInt64, end: UInt64, offset: UInt64)], universe: Universe, mutations: Mutations) -> AddressSpace? {
        guard let steps = steps(regions, universe: universe) else { return nil }
        var space = AddressSpace(universe: universe, mutations: mutations)
        for step in steps where !step.operation.apply(to: &space).isSuccess { return nil }
        return space
    }
}
