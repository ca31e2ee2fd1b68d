import Model

/// When a property has something to judge on a step, written from the property's meaning (not
/// from its check): a placement property on a placement, `split-partition` on a step that really
/// cut a region, a state invariant on a state with something in it. A property not listed here
/// (added later) counts every step it is checked on.
///
/// Cheap enough for the explorer's hot loop: the few facts the rules read are gathered once per
/// step, and each rule is a case of a plain enum.
enum NonVacuity {
    enum Rule: Int, CaseIterable {
        case twoRegionsAfter, aRegionAfter, successfulMmap, mmapENOMEM, successfulAnywhere, successfulTopDown, hintedMmap, fixedNoReplace, realSplit
        case aRegionBefore, freesOrRollsBack, accessibleRegionAfter, tlbEntryAfter, syscall, touch, mmap, everyStep

        init(id: String) {
            self = switch id {
            case "no-overlap": .twoRegionsAfter
            case "in-bounds", "tree-shape": .aRegionAfter
            case "hole-soundness": .successfulMmap
            case "hole-completeness": .mmapENOMEM
            case "first-fit": .successfulAnywhere
            case "top-down-fit": .successfulTopDown
            case "hint-placement": .hintedMmap
            case "specific-exactness": .fixedNoReplace
            case "split-partition": .realSplit
            case "offset-coherence": .aRegionBefore
            case "no-leak": .freesOrRollsBack
            case "mmu-coherence": .accessibleRegionAfter
            case "tlb-coherence": .tlbEntryAfter
            case "honest-result": .syscall
            case "access-agreement": .touch
            case "allocation-free": .mmap
            default: .everyStep
            }
        }
    }

    /// Per rule, a bit per catalogue index (below 64) judged by that rule.
    static let masks: [UInt64] = {
        var masks = [UInt64](repeating: 0, count: Rule.allCases.count)
        for (index, property) in PropertyCatalogue.all.enumerated() where index < 64 {
            masks[Rule(id: property.id).rawValue] |= 1 << UInt64(index)
        }
        return masks
    }()

    /// A bit per catalogue index: the properties the step exercised. Each rule's fact is decided
    /// once per step (not once per property), the costly ones only when a cheap test leaves them open.
    static func exercised(by t: Transition, kind: OperationKind) -> UInt64 {
        let masks = Self.masks
        let ok = t.result.isSuccess
        let regionsBefore = t.before.regionCount, regionsAfter = t.after.regionCount
        var bits = masks[Rule.everyStep.rawValue]
        func judge(_ rule: Rule, _ judged: Bool) { if judged { bits |= masks[rule.rawValue] } }
        judge(.twoRegionsAfter, regionsAfter >= 2)
        judge(.aRegionAfter, regionsAfter >= 1)
        judge(.successfulMmap, kind.isMmap && ok)
        judge(.mmapENOMEM, kind.isMmap && t.result.errorCode == .ENOMEM)
        judge(.successfulAnywhere, kind == .mmapAnywhere && ok)
        judge(.successfulTopDown, kind == .mmapTopDown && ok)
        judge(.hintedMmap, kind == .mmapHint)
        judge(.fixedNoReplace, kind == .mmapFixedNoReplace)
        judge(.realSplit, (kind == .munmap || kind == .mprotect) && ok && cutsARegion(t))
        judge(.aRegionBefore, kind != .teardown && kind != .failNext && regionsBefore >= 1)
        judge(.freesOrRollsBack, kind == .teardown || (ok ? (kind == .munmap || kind == .mmapFixed) : kind != .failNext))
        judge(.accessibleRegionAfter, regionsAfter > 0 && t.after.hasAccessibleRegion)
        judge(.tlbEntryAfter, t.after.tlbEntryCount > 0)
        judge(.syscall, kind != .failNext)
        judge(.touch, kind == .touch)
        judge(.mmap, kind.isMmap)
        return bits
    }

    /// munmap/mprotect whose range covers part, not all, of some region before the step (for
    /// mprotect, a region whose protection changes). By bisection when the step's checker
    /// established the regions before it chained, else by a scan of them all.
    static func cutsARegion(_ t: Transition) -> Bool {
        let address: UInt64, size: UInt64
        var protection: Protection?
        switch t.operation {
        case .munmap(let a, let s): (address, size) = (a, s)
        case .mprotect(let a, let s, let p): (address, size, protection) = (a, s, p)
        default: return false
        }
        guard let range = try? VirtualRange.pageRounded(address: address, size: size, pageSize: t.before.universe.pageSize) else { return false }
        let regions = t.before.regions
        func isCut(_ region: ObservedRegion) -> Bool {
            region.base < range.end && range.base < region.end && !(range.base <= region.base && region.end <= range.end)
                && region.protection != protection
        }
        guard t.beforeRegionsChained else { return regions.contains(where: isCut) }
        // Chained, a region the range cuts reaches past one of its ends, so it holds that end's page.
        func isCutAt(_ address: UInt64) -> Bool {
            RegionLookupOracle.containing(address, in: regions, chained: true).map(isCut) ?? false
        }
        return isCutAt(range.base) || isCutAt(range.end - 1)
    }
}
