import Model

/// When a property has something to judge on a step, written from the property's meaning (not
/// from its check): a placement property on a placement, `split-partition` on a step that really
/// cut a region, a state invariant on a state with something in it. A property not listed here
/// (added later) counts every step it is checked on.
///
/// Cheap enough for the explorer's hot loop: the few facts the rules read are gathered once per
/// step, and each rule is a case of a plain enum.
enum NonVacuity {
    enum Rule {
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

    /// Per catalogue index.
    static let rules: [Rule] = PropertyCatalogue.all.map { Rule(id: $0.id) }

    /// A bit per catalogue index: the properties the step exercised.
    static func exercised(by t: Transition, kind: OperationKind) -> UInt64 {
        let ok = t.result.isSuccess
        let regionsBefore = t.before.regions.count, regionsAfter = t.after.regions.count
        var accessibleAfter: Bool?
        var split: Bool?
        var bits: UInt64 = 0
        for (index, rule) in rules.enumerated() where index < 64 {
            let judged: Bool
            switch rule {
            case .twoRegionsAfter: judged = regionsAfter >= 2
            case .aRegionAfter: judged = regionsAfter >= 1
            case .successfulMmap: judged = kind.isMmap && ok
            case .mmapENOMEM: judged = kind.isMmap && t.result.errorCode == .ENOMEM
            case .successfulAnywhere: judged = kind == .mmapAnywhere && ok
            case .successfulTopDown: judged = kind == .mmapTopDown && ok
            case .hintedMmap: judged = kind == .mmapHint
            case .fixedNoReplace: judged = kind == .mmapFixedNoReplace
            case .realSplit:
                if split == nil { split = (kind == .munmap || kind == .mprotect) && ok && cutsARegion(t) }
                judged = split!
            case .aRegionBefore: judged = kind != .teardown && kind != .failNext && regionsBefore >= 1
            case .freesOrRollsBack: judged = kind == .teardown || (ok ? (kind == .munmap || kind == .mmapFixed) : kind != .failNext)
            case .accessibleRegionAfter:
                if accessibleAfter == nil { accessibleAfter = t.after.regions.contains { $0.protection.isAccessible } }
                judged = accessibleAfter!
            case .tlbEntryAfter: judged = (t.after.model?.tlb.count ?? t.after.observation.tlb.count) > 0
            case .syscall: judged = kind != .failNext
            case .touch: judged = kind == .touch
            case .mmap: judged = kind.isMmap
            case .everyStep: judged = true
            }
            if judged { bits |= 1 << UInt64(index) }
        }
        return bits
    }

    /// munmap/mprotect whose range covers part, not all, of some region before the step (for
    /// mprotect, a region whose protection changes).
    static func cutsARegion(_ t: Transition) -> Bool {
        let address: UInt64, size: UInt64
        var protection: Protection?
        switch t.operation {
        case .munmap(let a, let s): (address, size) = (a, s)
        case .mprotect(let a, let s, let p): (address, size, protection) = (a, s, p)
        default: return false
        }
        guard let range = try? VirtualRange.pageRounded(address: address, size: size, pageSize: t.before.universe.pageSize) else { return false }
        return t.before.regions.contains {
            $0.base < range.end && range.base < $0.end && !(range.base <= $0.base && $0.end <= range.end) && $0.protection != protection
        }
    }
}
