import Model

/// The SPEC §3 properties judged on observations alone, for external implementations: each
/// compares what the implementation reported before and after a step (and its result) with the
/// checker's own oracles below — hole finding, splitting and permission checks written here,
/// never the implementation's. A property needing a capability the implementation does not
/// report is skipped, and runs list it. (Written for `--implementation` before the shared
/// properties judged observations; the ids are SPEC §3's.)
public struct ObservedProperty: Sendable {
    public let id: String
    public let needs: ObservationCapabilities
    let judge: @Sendable (ObservedStep) -> String?

    init(id: String, needs: ObservationCapabilities, check: @escaping @Sendable (ObservedStep) -> String?) {
        self.id = id
        self.needs = needs
        self.judge = check
    }

    public func check(_ step: ObservedStep) -> Violation? {
        judge(step).map { Violation(property: id, explanation: $0) }
    }

    /// The id of the property a crash or a hang violates.
    public static let noCrashID = "no-crash"

    public static let catalogue: [ObservedProperty] = [
        ObservedProperty(id: "no-overlap", needs: .regions) { step in
            let r = step.after.regions
            for i in r.indices.dropFirst() where r[i - 1].end > r[i].base {
                return "regions \(describe(r[i - 1])) and \(describe(r[i])) overlap"
            }
            return nil
        },
        ObservedProperty(id: "in-bounds", needs: .regions) { step in
            let u = step.universe
            for r in step.after.regions {
                if r.size == 0 || r.base % u.pageSize != 0 || r.size % u.pageSize != 0 { return "region \(describe(r)) is not page-aligned and non-empty" }
                if r.base < u.base || r.end > u.end || r.end < r.base { return "region \(describe(r)) lies outside the total range \(u.totalRange)" }
            }
            return nil
        },
        ObservedProperty(id: "hole-soundness", needs: .regions, check: holeSoundness),
        ObservedProperty(id: "hole-completeness", needs: .regions) { step in
            guard let request = MmapOracle(step), step.result.errorCode == .ENOMEM, step.refusals == 0 else { return nil }
            switch request.placement {
            case .anywhere, .randomized:
                if let hole = request.firstFit(in: step.before.regions) {
                    return "mmap \(request.size.hex) returned ENOMEM, but [\(hole.hex), \((hole + request.size).hex)) is an aligned hole"
                }
            case .fixedNoReplace, .fixed:
                break
            }
            return nil
        },
        ObservedProperty(id: "first-fit", needs: .regions) { step in
            guard let request = MmapOracle(step), request.placement == .anywhere, case .ok(let base?) = step.result,
                  let lowest = request.firstFit(in: step.before.regions), base != lowest else { return nil }
            return "anywhere mmap returned \(base.hex), but the lowest fitting aligned range starts at \(lowest.hex)"
        },
        ObservedProperty(id: "specific-exactness", needs: .regions) { step in
            guard let request = MmapOracle(step), request.placement == .fixedNoReplace, let address = request.address else { return nil }
            let inside = request.insideTotalRange(step.universe)
            let free = inside && !step.before.regions.contains { $0.base < address + request.size && address < $0.end }
            switch step.result {
            case .ok:
                if !free { return "fixed-noreplace at \(address.hex) succeeded, but the range is \(inside ? "not free" : "outside the total range")" }
            case .error(let e):
                if free && !(e == .ENOMEM && step.refusals > 0) { return "fixed-noreplace at \(address.hex) failed with \(e), but the range is free" }
                if inside && !free && e != .EEXIST { return "fixed-noreplace over a mapped range returned \(e), not EEXIST" }
            }
            return nil
        },
        ObservedProperty(id: "split-partition", needs: .regions, check: splitPartition),
        ObservedProperty(id: "offset-coherence", needs: .regions, check: offsetCoherence),
        ObservedProperty(id: "honest-result", needs: .regions, check: honestResult),
        ObservedProperty(id: "access-agreement", needs: .regions) { step in
            guard case let .touch(address, write, _) = step.operation else { return nil }
            let region = step.before.regions.first { $0.base <= address && address < $0.end }
            let permitted = region.map { $0.protection.permits(write: write) } ?? false
            switch step.result {
            case .ok where !permitted:
                return "a \(write ? "write" : "read") of \(address.hex) succeeded, but \(region.map { "region \(describe($0))" } ?? "no region") does not permit it"
            case .error(let e) where permitted && !(e == .ENOMEM && step.refusals > 0):
                return "a \(write ? "write" : "read") of \(address.hex) failed with \(e), but region \(describe(region!)) permits it"
            default:
                return nil
            }
        },
        ObservedProperty(id: "no-leak", needs: .objectsAndFrames, check: noLeak),
        ObservedProperty(id: "mmu-coherence", needs: [.pageTables, .objectsAndFrames], check: mmuCoherence),
        ObservedProperty(id: "tlb-coherence", needs: [.pageTables, .tlb]) { step in
            let ptes = Dictionary(step.after.ptes.map { ($0.page, $0) }, uniquingKeysWith: { a, _ in a })
            for entry in step.after.tlb where ptes[entry.page] != entry {
                return "the TLB entry for page \(entry.page) (frame \(entry.frame), \(entry.writable ? "writable" : "read-only")) "
                    + (ptes[entry.page].map { "differs from its PTE (frame \($0.frame), \($0.writable ? "writable" : "read-only"))" } ?? "has no PTE")
            }
            return nil
        },
        ObservedProperty(id: "allocation-free", needs: .heapAllocations) { step in
            guard step.operation.isMmap, step.after.placementHeapAllocations > step.before.placementHeapAllocations else { return nil }
            return "placing the range made \(step.after.placementHeapAllocations - step.before.placementHeapAllocations) heap allocation(s)"
        },
    ]

    /// The properties `capabilities` can feed, and those it cannot (skipped, listed in reports).
    public static func selection(for capabilities: ObservationCapabilities, ids: Set<String>? = nil)
        -> (checked: [ObservedProperty], skipped: [ObservedProperty]) {
        let chosen = catalogue.filter { ids?.contains($0.id) ?? true }
        return (chosen.filter { capabilities.isSuperset(of: $0.needs) }, chosen.filter { !capabilities.isSuperset(of: $0.needs) })
    }
}

func describe(_ r: ObservedRegion) -> String { "[\(r.base.hex), \(r.end.hex)) \(r.protection)" }

/// The checker's own reading of an mmap request: rounding, alignment, and first fit over the
/// observed regions.
struct MmapOracle {
    let size: UInt64
    let alignment: UInt64
    let placement: Operation.PlacementKind
    let address: UInt64?
    let universe: Universe

    init?(_ step: ObservedStep) {
        guard case let .mmap(size, _, placement, address, alignment, _) = step.operation else { return nil }
        let P = step.universe.pageSize
        let (rounded, overflow) = size.roundedUp(to: P)
        let align = alignment ?? P
        guard size > 0, !overflow, align >= P, align.isPowerOfTwo, !rounded.addingReportingOverflow(align).overflow else { return nil }
        self.size = rounded
        self.alignment = align
        self.placement = placement
        self.address = address
        self.universe = step.universe
    }

    func insideTotalRange(_ u: Universe) -> Bool {
        guard let address else { return false }
        let (end, overflow) = address.addingReportingOverflow(size)
        return !overflow && address >= u.base && end <= u.end
    }

    /// Every hole [start, end) of `regions` in ascending order.
    func holes(in regions: [ObservedRegion]) -> [(UInt64, UInt64)] {
        var holes: [(UInt64, UInt64)] = []
        var window = universe.base
        for r in regions {
            if r.base > window { holes.append((window, r.base)) }
            window = max(window, r.end)
        }
        if window < universe.end { holes.append((window, universe.end)) }
        return holes
    }

    func fits(_ base: UInt64, in regions: [ObservedRegion]) -> Bool {
        holes(in: regions).contains { base >= $0.0 && base <= $0.1 && $0.1 - base >= size }
    }

    /// The lowest aligned base whose range lies in a hole.
    func firstFit(in regions: [ObservedRegion]) -> UInt64? {
        for (start, end) in holes(in: regions) {
            let (aligned, overflow) = start.roundedUp(to: alignment)
            if !overflow, aligned < end, end - aligned >= size { return aligned }
        }
        return nil
    }

    /// How many aligned positions a randomized placement may choose from.
    func candidateCount(in regions: [ObservedRegion]) -> UInt64 {
        holes(in: regions).reduce(0) { total, hole in
            let (first, overflow) = hole.0.roundedUp(to: alignment)
            guard !overflow, first < hole.1, hole.1 - first >= size else { return total }
            return total + (hole.1 - first - size) / alignment + 1
        }
    }
}

private func holeSoundness(_ step: ObservedStep) -> String? {
    guard let request = MmapOracle(step), case .ok(let base?) = step.result else { return nil }
    guard step.after.regions.contains(where: { $0.base == base && $0.size == request.size }) else {
        return "mmap returned \(base.hex), but no region [\(base.hex), \((base &+ request.size).hex)) is mapped after it"
    }
    switch request.placement {
    case .anywhere, .randomized:
        if base % request.alignment != 0 { return "mmap returned \(base.hex), not aligned to \(request.alignment.hex)" }
        if !request.fits(base, in: step.before.regions) {
            return "mmap returned [\(base.hex), \((base &+ request.size).hex)), which does not lie in a hole"
        }
    case .fixedNoReplace, .fixed:
        if base != request.address { return "fixed mmap at \(request.address!.hex) returned \(base.hex)" }
    }
    return nil
}

/// Pages of the step's operated range, for munmap, mprotect and fixed mmap.
private func operatedPages(_ step: ObservedStep) -> Range<UInt64>? {
    let P = step.universe.pageSize
    func pages(_ address: UInt64, _ size: UInt64) -> Range<UInt64>? {
        guard size > 0, !address.addingReportingOverflow(size).overflow else { return nil }
        let (end, overflow) = (address + size).roundedUp(to: P)
        guard !overflow else { return nil }
        return address / P ..< end / P
    }
    switch step.operation {
    case let .munmap(address, size), let .mprotect(address, size, _): return pages(address, size)
    case let .mmap(size, _, .fixed, address?, _, _): return pages(address, size)
    default: return nil
    }
}

/// Each mapped page, with the region showing it.
private func pageMap(_ o: Observation, pageSize: UInt64) -> [UInt64: ObservedRegion] {
    var map: [UInt64: ObservedRegion] = [:]
    for r in o.regions where r.size / pageSize < 1 << 20 {
        for p in r.base / pageSize ..< r.end / pageSize { map[p] = r }
    }
    return map
}

private func splitPartition(_ step: ObservedStep) -> String? {
    guard step.result.isSuccess, let range = operatedPages(step) else { return nil }
    let P = step.universe.pageSize
    let before = pageMap(step.before, pageSize: P), after = pageMap(step.after, pageSize: P)
    for (page, region) in before.sorted(by: { $0.key < $1.key }) where !range.contains(page) {
        guard let now = after[page] else { return "page \((page * P).hex) of \(describe(region)) lies outside the operated range but was lost" }
        if now.protection != region.protection {
            return "page \((page * P).hex) outside the operated range changed protection \(region.protection) → \(now.protection)"
        }
    }
    for page in after.keys.sorted() where !range.contains(page) && before[page] == nil {
        return "page \((page * P).hex) outside the operated range was not mapped before, but is after"
    }
    return nil
}

private func offsetCoherence(_ step: ObservedStep) -> String? {
    guard step.result.isSuccess else { return nil }
    let P = step.universe.pageSize
    let range = operatedPages(step)
    let keepsRange: Bool = if case .mprotect = step.operation { true } else { false }
    let before = pageMap(step.before, pageSize: P), after = pageMap(step.after, pageSize: P)
    // Identities differ between observations: a page keeps its data iff one consistent renaming
    // of objects maps every kept page to the same object page.
    var renaming: [UInt64: UInt64] = [:]
    for (page, old) in before.sorted(by: { $0.key < $1.key }) {
        if let range, range.contains(page), !keepsRange { continue }
        guard let new = after[page] else { continue }
        let oldPage = old.offset + (page - old.base / P), newPage = new.offset + (page - new.base / P)
        if oldPage != newPage {
            return "page \((page * P).hex) showed object page \(oldPage) before the step and object page \(newPage) after it"
        }
        if let mapped = renaming[old.object], mapped != new.object {
            return "page \((page * P).hex) moved to a different memory object than the other pages of its object"
        }
        renaming[old.object] = new.object
    }
    return nil
}

private func honestResult(_ step: ObservedStep) -> String? {
    if let raw = step.unknownErrno { return "\(step.operation) returned \(raw), which is not an errno of the contract" }
    switch step.result {
    case .error(let e):
        var before = step.before, after = step.after
        before.placementHeapAllocations = 0
        after.placementHeapAllocations = 0
        if before.canonicalEncoding(universe: step.universe) != after.canonicalEncoding(universe: step.universe) {
            return "\(step.operation) returned \(e) but changed the state"
        }
    case .ok:
        let P = step.universe.pageSize
        guard let range = operatedPages(step) else { return nil }
        let after = pageMap(step.after, pageSize: P)
        switch step.operation {
        case .munmap:
            if let page = range.first(where: { after[$0] != nil }) { return "munmap succeeded, but page \((page * P).hex) is still mapped" }
        case let .mprotect(_, _, protection):
            for page in range where after[page]?.protection != protection {
                return "mprotect succeeded, but page \((page * P).hex) has \(after[page].map { "\($0.protection)" } ?? "no region")"
            }
        default:
            break
        }
    }
    return nil
}

private func noLeak(_ step: ObservedStep) -> String? {
    let o = step.after
    if case .teardown = step.operation {
        if !o.regions.isEmpty || !o.framesInUse.isEmpty || !o.pageTables.isEmpty || !o.objects.isEmpty {
            return "after teardown \(o.regions.count) region(s), \(o.objects.count) object(s), \(o.framesInUse.count) frame(s) "
                + "and \(o.pageTables.count) page table(s) remain"
        }
    }
    var references: [UInt64: Int64] = [:]
    for r in o.regions { references[r.object, default: 0] += 1 }
    for object in o.objects {
        let count = references[object.id] ?? 0
        if count == 0 { return "memory object \(object.id) is live but no region shows it" }
        if count != object.referenceCount { return "memory object \(object.id) counts \(object.referenceCount) references, but \(count) region(s) show it" }
    }
    var owned = Set<UInt64>()
    for object in o.objects { for p in object.populated { owned.insert(p.frame) } }
    for f in o.framesInUse where !owned.contains(f.frame) { return "frame \(f.frame) is allocated but no live object holds it" }
    let inUse = Set(o.framesInUse.map(\.frame))
    for frame in owned where !inUse.contains(frame) { return "a live object holds frame \(frame), which is not allocated" }
    let P = step.universe.pageSize, perTable = step.universe.pagesPerTable
    for table in o.pageTables {
        let needed = o.regions.contains { $0.protection.isAccessible && $0.base / P / perTable <= table && table <= ($0.end / P - 1) / perTable }
        if !needed { return "page table \(table) is allocated but no accessible region needs it" }
    }
    return nil
}

private func mmuCoherence(_ step: ObservedStep) -> String? {
    let o = step.after
    let P = step.universe.pageSize, perTable = step.universe.pagesPerTable
    let tables = Set(o.pageTables)
    let objects = Dictionary(o.objects.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    var expected: [UInt64: ObservedTranslation] = [:]
    for r in o.regions where r.protection.isAccessible && r.size / P < 1 << 20 {
        for page in r.base / P ..< r.end / P {
            if !tables.contains(page / perTable) { return "page \((page * P).hex) of accessible region \(describe(r)) has no page table" }
            let objectPage = r.offset + page - r.base / P
            if let frame = objects[r.object]?.populated.first(where: { $0.page == objectPage })?.frame {
                expected[page] = ObservedTranslation(page: page, frame: frame, writable: r.protection.contains(.write))
            }
        }
    }
    for pte in o.ptes where expected[pte.page] != pte {
        return "the PTE of page \((pte.page * P).hex) (frame \(pte.frame), \(pte.writable ? "writable" : "read-only")) "
            + (expected[pte.page].map { "should map frame \($0.frame), \($0.writable ? "writable" : "read-only")" } ?? "should not be present")
    }
    let present = Set(o.ptes.map(\.page))
    if let missing = expected.keys.sorted().first(where: { !present.contains($0) }) {
        return "page \((missing * P).hex) is populated in an accessible region but has no PTE"
    }
    return nil
}
