import Model

/// When a property has something to judge on a step, written from the property's meaning (not
/// from its check): a placement property on a placement, `split-partition` on a step that really
/// cut a region, a state invariant on a state with something in it. A property not listed here
/// (added later) counts every step it is checked on.
enum NonVacuity {
    typealias Rule = @Sendable (Transition, OperationKind) -> Bool

    static let rules: [String: Rule] = [
        "no-overlap": { t, _ in t.after.regions.count >= 2 },
        "in-bounds": { t, _ in t.after.regions.count >= 1 },
        "tree-shape": { t, _ in t.after.regions.count >= 1 },
        "hole-soundness": { t, kind in kind.isMmap && t.result.isSuccess },
        "hole-completeness": { t, kind in kind.isMmap && t.result.errorCode == .ENOMEM },
        "first-fit": { t, kind in kind == .mmapAnywhere && t.result.isSuccess },
        "specific-exactness": { _, kind in kind == .mmapFixedNoReplace },
        "split-partition": { t, kind in (kind == .munmap || kind == .mprotect) && t.result.isSuccess && cutsARegion(t) },
        "offset-coherence": { t, kind in kind != .teardown && kind != .failNext && t.before.regions.count >= 1 },
        "no-leak": { t, kind in kind == .teardown || (t.result.isSuccess ? (kind == .munmap || kind == .mmapFixed) : kind != .failNext) },
        "mmu-coherence": { t, _ in t.after.regions.regions.contains { $0.protection.isAccessible } },
        "tlb-coherence": { t, _ in t.after.tlb.count > 0 },
        "honest-result": { _, kind in kind != .failNext },
        "access-agreement": { _, kind in kind == .touch },
        "allocation-free": { _, kind in kind.isMmap },
    ]

    /// Per catalogue index, the rule (nil: every step counts).
    static let byIndex: [Rule?] = PropertyCatalogue.all.map { rules[$0.id] }

    /// A bit per catalogue index: the properties the step exercised.
    static func exercised(by transition: Transition, kind: OperationKind) -> UInt64 {
        var bits: UInt64 = 0
        for (index, rule) in byIndex.enumerated() where index < 64 {
            if rule?(transition, kind) ?? true { bits |= 1 << UInt64(index) }
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
        return t.before.regions.regions.contains {
            $0.range.intersects(range) && !range.contains($0.range) && $0.protection != protection
        }
    }
}
