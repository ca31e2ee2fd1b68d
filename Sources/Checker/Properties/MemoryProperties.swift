import Model

/// The MMU and the pools agree with the regions: no leak, no stale PTE or TLB entry. The
/// expectations come from `ResourceOracle`, `HoleOracle` and `TranslationOracle`.
enum MemoryProperties {
    static let noLeak = Property(
        id: "no-leak",
        summary: "frames, VMObjects and page tables are in use exactly when something live needs them; freed space is allocatable",
        needs: [.regions, .pageTables, .objectsAndFrames],
        state: { state in
            let observation = state.observation
            if let problem = ResourceOracle.firstLeak(in: observation, universe: state.universe) { return problem }
            return holesMappable(state, regions: observation.regions.elements)
        },
        transition: { t in
            guard case .teardown = t.operation else { return nil }
            let after = t.after.observation
            guard !after.regions.isEmpty || !after.framesInUse.isEmpty || !after.pageTables.isEmpty || !after.objects.isEmpty
            else { return nil }
            return "after teardown \(after.regions.count) regions, \(after.objects.count) VMObjects, "
                + "\(after.framesInUse.count) frames and \(after.pageTables.count) page tables remain"
        }).judgingChanges(ChangeChecks.noLeak)

    /// Address space: every hole can be mapped again exactly (one authority). The hole is the
    /// oracle's; the implementation is driven to map it, PROT_NONE fixed-noreplace. Always asked
    /// of every hole: the answer depends on what the implementation holds besides what it reports.
    static func holesMappable(_ state: ObservedState, regions: [ObservedRegion]) -> String? {
        guard state.canProbe else { return nil }
        return holesMappable(state, holes: HoleOracle.holes(of: regions, in: state.universe.totalRange))
    }

    /// The same for holes already listed (a change check's, `StepChanges.holesAfter`).
    static func holesMappable(_ state: ObservedState, holes: [AddressSpan]) -> String? {
        guard state.canProbe else { return nil }
        // The model is taken out of the state once, not copied for every hole.
        if let model = state.model { return firstUnmappableHole(holes) { model.probeFixedMapping(of: $0) } }
        return firstUnmappableHole(holes) { state.probeFixedMapping(of: $0) }
    }

    private static func firstUnmappableHole(_ holes: [AddressSpan], probe: (VirtualRange) -> OperationResult?) -> String? {
        for hole in holes {
            guard let range = try? VirtualRange(base: hole.lower, size: hole.size) else { continue }
            switch probe(range) {
            case .ok(hole.lower)?, nil: continue
            case let result?:
                return "the hole \(hole) is free, but mapping it fixed-noreplace returns \(result)"
            }
        }
        return nil
    }

    static let mmuCoherence = Property(
        id: "mmu-coherence",
        summary: "accessible regions have page tables; a PTE is present iff its page is readable (R or W) and populated, with the right frame and write bit",
        needs: [.regions, .pageTables, .objectsAndFrames]
    ) { state in
        let observation = state.observation
        let P = state.pageSize
        var tables = observation.pageTables
        if !tables.isSortedAscending { tables.sort() }
        for region in observation.regions.elements where region.protection.isAccessible {
            guard let span = TranslationOracle.tables(of: region, universe: state.universe) else { continue }
            if let missing = TranslationOracle.firstMissingTable(in: span, of: observation.pageTables) {
                let page = max(region.base, missing * state.universe.pagesPerTable * P)
                return "page \(page.hex) of \(AddressSpan(region)) (\(region.protection)) has no page table"
            }
        }
        let expected = TranslationOracle.expectedEntries(of: observation, pageSize: P)
        for entry in expected {
            var address: String { (entry.page * P).hex }  // only for a message
            guard let pte = TranslationOracle.entry(for: entry.page, in: observation.ptes) else {
                return "page \(address) is populated in an accessible region but has no PTE"
            }
            if pte.frame != entry.frame { return "the PTE of \(address) points at frame \(pte.frame), the page is in frame \(entry.frame)" }
            if pte.writable != entry.writable {
                return "the PTE of \(address) is \(pte.writable ? "writable" : "read-only") but its region is \(entry.writable ? "writable" : "not writable")"
            }
        }
        for pte in observation.ptes where TranslationOracle.entry(for: pte.page, in: expected) == nil {
            let address = pte.page * P
            guard let region = RegionLookupOracle.containing(address, in: observation.regions.elements), TranslationOracle.hasPresentEntries(region.protection) else {
                return "a PTE maps \(address.hex), which is in no readable region"
            }
            return "a PTE maps \(address.hex), whose VMObject page is not populated"
        }
        for pte in observation.ptes where !tables.containsSorted(pte.page / state.universe.pagesPerTable) {
            return "a PTE maps \((pte.page * P).hex) in a page table that is not allocated"
        }
        return nil
    }.judgingChanges(ChangeChecks.mmuCoherence)

    static let tlbCoherence = Property(
        id: "tlb-coherence", summary: "every TLB entry equals the current PTE", needs: [.regions, .pageTables, .tlb]
    ) { state in
        let observation = state.observation
        for entry in observation.tlb {
            var address: String { (entry.page * state.pageSize).hex }  // only for the message
            guard let pte = TranslationOracle.entry(for: entry.page, in: observation.ptes) else {
                return "the TLB still translates \(address) → frame \(entry.frame), which has no PTE any more (stale entry)"
            }
            if pte != entry {
                return "the TLB entry for \(address) (frame \(entry.frame)\(entry.writable ? ", writable" : "")) differs from its PTE "
                    + "(frame \(pte.frame)\(pte.writable ? ", writable" : ""))"
            }
        }
        return nil
    }.judgingChanges(ChangeChecks.tlbCoherence)
}
