import Model

/// Invariants of every reachable state: the regions' ranges, and the model's own tree shape.
enum StateProperties {
    static let noOverlap = Property(id: "no-overlap", summary: "regions are pairwise disjoint") { state in
        var previous: ObservedRegion?
        for region in RegionLookupOracle.inAddressOrder(state.regions.elements) {
            if let p = previous, AddressSpan(region).intersects(AddressSpan(p)) {
                return "regions \(AddressSpan(p)) and \(AddressSpan(region)) overlap on \(AddressSpan(p).intersection(AddressSpan(region)))"
            }
            if previous == nil || AddressSpan(region).upper > AddressSpan(previous!).upper { previous = region }
        }
        return nil
    }.judgingChanges(ChangeChecks.noOverlap)

    static let inBounds = Property(
        id: "in-bounds", summary: "every region is page-aligned, non-empty and inside the total range"
    ) { state in
        let total = AddressSpan(state.universe.totalRange)
        for region in state.regions.elements {
            let r = AddressSpan(region)
            if !region.base.isAligned(to: state.pageSize) || !region.size.isAligned(to: state.pageSize) {
                return "region \(r) is not page-aligned"
            }
            if region.size == 0 { return "region at \(region.base.hex) is empty" }
            if region.base.addingReportingOverflow(region.size).overflow || !total.contains(r) {
                return "region \(r) reaches outside the total range \(total)"
            }
        }
        return nil
    }.judgingChanges(ChangeChecks.inBounds)

    /// A self-check of the reference model, not a property of the specification: the model's
    /// red-black tree is well formed. Only the model can show its tree (`.modelInternals`), so
    /// any other implementation skips it.
    static let treeShape = Property(
        id: "tree-shape", summary: "the red-black tree is well formed and its keys are the region bases",
        needs: [.regions, .modelInternals]
    ) { state in
        guard let model = state.model else { return nil }
        do throws(TreeInvariantViolation) {
            try model.regions.checkInvariants()
            return nil
        } catch {
            return error.message
        }
    }.judgingChanges { changes in
        // A tree left as the parent's (the step wrote no region, or a failure returned to the
        // start copy): about half of a random run's steps, known without a record of the writes.
        let unchanged = changes.state.withModelIfAny { after in
            changes.parentState.withModelIfAny { after.regions.invariantsCertainlyHold(unchangedFrom: $0.regions) } ?? false
        } ?? false
        if unchanged { return true }
        // By the slots the step wrote, as the tree's storage journal recorded them: certain only
        // when that record leads from the parent's generation (consecutive steps of one checker).
        return changes.state.withModelIfAny { $0.regions.invariantsCertainlyHold(sinceGeneration: changes.parentTreeGeneration) } ?? false
    }
}
