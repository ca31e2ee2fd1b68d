import Model

/// The change checks of the state invariants (`Property.judgingChanges`): each answers whether
/// its invariant certainly still holds after a step, given that it held before it, by looking at
/// the windows the checker found between the two observations and at what those windows can
/// reach (the neighbours of a changed region, the tables a vanished region lay in, the pages an
/// object with new frames is shown at). They need the order facts of both states; without them,
/// or whenever they cannot be sure, they answer false and the full check judges the step.
enum ChangeChecks {
    /// Ascending and chained regions cannot overlap.
    static func noOverlap(_ c: StepChanges) -> Bool { c.shape.regionsChained }

    /// Only the changed regions can be out of bounds.
    static func inBounds(_ c: StepChanges) -> Bool {
        let total = AddressSpan(c.universe.totalRange), P = c.universe.pageSize
        for region in c.changedRegionsAfter {
            guard region.base.isAligned(to: P), region.size.isAligned(to: P), region.size > 0,
                  !region.base.addingReportingOverflow(region.size).overflow, total.contains(AddressSpan(region)) else { return false }
        }
        return true
    }

    /// A TLB entry can disagree only if it is new or its page's PTE changed.
    static func tlbCoherence(_ c: StepChanges) -> Bool {
        guard c.bothOrderly else { return false }
        // No window: the TLB and the PTEs are the parent's, where they agreed.
        if c.delta.isEmpty { return true }
        let ptes = c.after.ptes, tlb = c.after.tlb
        for entry in tlb[c.delta.tlb.after] where TranslationOracle.entry(for: entry.page, in: ptes) != entry { return false }
        func agrees(_ page: UInt64) -> Bool {
            guard let cached = TranslationOracle.entry(for: page, in: tlb) else { return true }
            return TranslationOracle.entry(for: page, in: ptes) == cached
        }
        for pte in c.before.ptes[c.delta.ptes.before] where !agrees(pte.page) { return false }
        for pte in c.after.ptes[c.delta.ptes.after] where !agrees(pte.page) { return false }
        return true
    }

    /// `no-leak`'s accounting, judged on the changed regions, objects, frames and tables; the
    /// hole probe asks the implementation, whose hidden state no observation shows, so every hole
    /// is probed (`MemoryProperties.holesMappable`), the holes found again only around the window,
    /// unless the model's probe certainly answers as it did on the parent.
    static func noLeak(_ c: StepChanges) -> Bool {
        guard c.bothOrderly, accountingHolds(c) else { return false }
        let holes = c.holesAfter
        // The parent's tree, so the parent's holes, each of which its probe found mappable (the
        // state part held there), and the same answer to every probe (a touch, a failure, fail-next).
        if c.probesAnswerAsOnParent { return true }
        return MemoryProperties.holesMappable(c.state, holes: holes) == nil
    }

    /// References, frames and tables balance after the step.
    static func accountingHolds(_ c: StepChanges) -> Bool {
        // No window: nothing to tally, the parent's balance stands.
        if c.delta.isEmpty { return true }
        let before = c.before, after = c.after, delta = c.delta
        let objectsBefore = before.objects, objectsAfter = after.objects
        let changedObjectsBefore = objectsBefore.window(delta.objects.before), changedObjectsAfter = objectsAfter.window(delta.objects.after)
        let regionsBefore = c.changedRegionsBefore, regionsAfter = c.changedRegionsAfter
        // The sums are tallied on the stack (`ChangeTally`): the lists this check sorted were four
        // heap allocations a step, and the reference counts a scan of the regions' windows per object.
        // References: an object's count moves only by the changed regions that name it.
        let referencesBalance = ChangeTally.sums(capacity: changedObjectsBefore.count + changedObjectsAfter.count + regionsBefore.count + regionsAfter.count) { add in
            for object in changedObjectsBefore { add(object.id, 0) }
            for object in changedObjectsAfter { add(object.id, 0) }
            for region in regionsBefore { add(region.object, -1) }
            for region in regionsAfter { add(region.object, 1) }
        } allSatisfy: { id, moved in
            let references = (object(id, in: objectsBefore)?.referenceCount ?? 0) + Int64(moved)
            if let live = object(id, in: objectsAfter) { return references >= 1 && live.referenceCount == references }
            return references == 0
        }
        guard referencesBalance else { return false }
        // Frames: a frame's owners move only with the changed objects, its use only with the changed frames.
        var populated = 0
        for object in changedObjectsBefore { populated += object.populated.count }
        for object in changedObjectsAfter { populated += object.populated.count }
        let framesBefore = before.framesInUse, framesAfter = after.framesInUse
        let framesBalance = ChangeTally.sums(capacity: populated + delta.framesInUse.before.count + delta.framesInUse.after.count) { add in
            for object in changedObjectsBefore { for page in object.populated { add(page.frame, -1) } }
            for object in changedObjectsAfter { for page in object.populated { add(page.frame, 1) } }
            for frame in framesBefore[delta.framesInUse.before] { add(frame.frame, 0) }
            for frame in framesAfter[delta.framesInUse.after] { add(frame.frame, 0) }
        } allSatisfy: { frame, moved in
            let owners = (inUse(frame, in: framesBefore) ? 1 : 0) + moved
            return (owners == 0 || owners == 1) && (owners == 1) == inUse(frame, in: framesAfter)
        }
        guard framesBalance else { return false }
        // Tables: a new table must be needed; an old one may have lost the regions that needed it.
        return after.regions.read { tablesNeeded(c, by: $0) } chunked: { chunkedTablesNeeded(c, by: $0) }
    }

    /// `accountingHolds`' tables: the new ones and those of the changed regions before, each asked
    /// of `regions` (the chained regions after) by one walk per run (`NeededTablesWalk`).
    @inline(__always)
    private static func tablesNeeded<List: RandomAccessCollection>(_ c: StepChanges, by regions: List) -> Bool
        where List.Element == ObservedRegion, List.Index == Int {
        let tables = c.after.pageTables, universe = c.universe
        var newTables = NeededTablesWalk(regions, universe: universe)
        for table in tables[c.delta.pageTables.after] where !newTables.isNeeded(table) { return false }
        // The changed regions before ascend, so their tables come in ascending runs: one walk for all.
        var oldTables = NeededTablesWalk(regions, universe: universe)
        for region in c.changedRegionsBefore {
            guard let span = TranslationOracle.tables(of: region, universe: universe) else { continue }
            let start = tables.firstIndex(notBelow: span.lowerBound)
            let end = span.upperBound == .max ? tables.count : tables.firstIndex(notBelow: span.upperBound + 1)
            for table in tables[start ..< max(start, end)] where !oldTables.isNeeded(table) { return false }
        }
        return true
    }

    @inline(never)
    private static func chunkedTablesNeeded(_ c: StepChanges, by regions: ObservedList<ObservedRegion>) -> Bool {
        tablesNeeded(c, by: regions)
    }

    /// `mmu-coherence` on the pages whose expected or present translation may have changed: the
    /// changed regions' pages, the pages of regions showing an object whose frames changed, and
    /// the changed PTEs' pages; plus the tables of changed regions and the tables that went away.
    static func mmuCoherence(_ c: StepChanges) -> Bool {
        guard c.bothOrderly else { return false }
        // No window: the regions, tables, PTEs and objects are the parent's element for element (a
        // failed step, fail-next), where the invariant held.
        if c.delta.isEmpty { return true }
        let before = c.before, after = c.after, delta = c.delta, universe = c.universe, P = universe.pageSize
        let tables = after.pageTables
        for region in c.changedRegionsAfter where region.protection.isAccessible {
            if let span = TranslationOracle.tables(of: region, universe: universe),
               TranslationOracle.firstMissingTable(in: span, of: tables) != nil { return false }
        }
        let perTable = universe.pagesPerTable
        for table in before.pageTables[delta.pageTables.before] where !tables.containsSorted(table) {
            if isNeeded(table, by: after.regions, universe: universe) { return false }
            // No PTE may remain in it.
            let (first, overflow) = table.multipliedReportingOverflow(by: perTable)
            if overflow { return false }
            let i = firstPTE(atOrAbove: first, in: after.ptes)
            if i < after.ptes.count && after.ptes[i].page / perTable == table { return false }
        }
        for pte in after.ptes[delta.ptes.after] where !tables.containsSorted(pte.page / perTable) { return false }
        // An object whose frames changed is shown by regions no window names: found by a scan.
        // (This list and the spans below live on the stack: they were three heap lists a step.)
        let objectsBefore = before.objects, objectsAfter = after.objects
        return withUnsafeTemporaryAllocation(of: UInt64.self, capacity: delta.objects.before.count + delta.objects.after.count) { refilled in
            var refilledCount = 0
            for object in objectsBefore.window(delta.objects.before) where object.populated != (self.object(object.id, in: objectsAfter)?.populated ?? []) {
                refilled[refilledCount] = object.id
                refilledCount += 1
            }
            for object in objectsAfter.window(delta.objects.after) where object.populated != (self.object(object.id, in: objectsBefore)?.populated ?? []) {
                refilled[refilledCount] = object.id
                refilledCount += 1
            }
            let refilledIDs = refilled[..<refilledCount]
            let regions = after.regions
            let capacity = delta.regions.before.count + delta.regions.after.count + delta.ptes.before.count + delta.ptes.after.count
                + (refilledIDs.isEmpty ? 0 : regions.count)
            // The pages to compare, in page numbers [lower, upper).
            return withUnsafeTemporaryAllocation(of: (UInt64, UInt64).self, capacity: capacity) { spans in
                var count = 0
                func add(_ lower: UInt64, _ upper: UInt64) {
                    spans[count] = (lower, upper)
                    count += 1
                }
                func addPages(of region: ObservedRegion) {
                    let span = AddressSpan(region)
                    add(span.lower / P, span.upper / P + (span.upper % P == 0 ? 0 : 1))
                }
                for region in c.changedRegionsBefore { addPages(of: region) }
                for region in c.changedRegionsAfter { addPages(of: region) }
                for pte in before.ptes[delta.ptes.before] { add(pte.page, pte.page &+ 1) }
                for pte in after.ptes[delta.ptes.after] { add(pte.page, pte.page &+ 1) }
                if !refilledIDs.isEmpty {
                    for region in regions where refilledIDs.contains(region.object) { addPages(of: region) }
                }
                var sorted = UnsafeMutableBufferPointer(rebasing: spans[..<count])
                if count > 1 { sorted.sort { $0.0 < $1.0 } }
                // Merged in place: the first `merged` spans are the union so far.
                var merged = 0
                for k in 0 ..< count where sorted[k].1 > sorted[k].0 {
                    if merged > 0, sorted[k].0 <= sorted[merged - 1].1 {
                        sorted[merged - 1].1 = max(sorted[merged - 1].1, sorted[k].1)
                    } else {
                        sorted[merged] = sorted[k]
                        merged += 1
                    }
                }
                for k in 0 ..< merged where !translationsAgree(pages: sorted[k].0, sorted[k].1, in: after, pageSize: P) { return false }
                return true
            }
        }
    }

    /// The PTEs of pages [lower, upper) are exactly the ones the regions and objects call for,
    /// compared as the regions call for them, without a list: certain only when they come in
    /// ascending pages (chained regions, each object's pages ascending) and each equals the next
    /// PTE; anything else is not certain, and the full check decides.
    private static func translationsAgree(pages lower: UInt64, _ upper: UInt64, in observation: Observation, pageSize P: UInt64) -> Bool {
        let (low, lowOverflow) = lower.multipliedReportingOverflow(by: P)
        let (high, highOverflow) = upper.multipliedReportingOverflow(by: P)
        guard !lowOverflow else { return false }
        let span = AddressSpan(low, highOverflow ? .max : high)
        let ptes = observation.ptes, objects = observation.objects
        // The PTE the next expected entry must equal, and the end of the span's PTEs.
        var next = firstPTE(atOrAbove: lower, in: ptes)
        let end = max(next, firstPTE(atOrAbove: upper, in: ptes))
        var lastPage: UInt64?
        let regions = observation.regions
        var i = firstRegion(endingAbove: span.lower, in: regions)
        while i < regions.count && regions[i].base < span.upper {
            let region = regions[i]
            i += 1
            guard TranslationOracle.hasPresentEntries(region.protection), let object = object(region.object, in: objects) else { continue }
            let pages = region.size / P
            for populated in object.populated where populated.page >= region.offset && populated.page - region.offset < pages {
                let page = region.base / P + (populated.page - region.offset)
                guard page >= lower && page < upper else { continue }
                if let lastPage, page <= lastPage { return false }
                lastPage = page
                guard next < end, ptes[next] == ObservedTranslation(page: page, frame: populated.frame, writable: region.protection.contains(.write))
                else { return false }
                next += 1
            }
        }
        return next == end
    }

    /// Whether some accessible region of a chained list lies in `table`.
    static func isNeeded(_ table: UInt64, by regions: ObservedList<ObservedRegion>, universe: Universe) -> Bool {
        regions.read { isNeeded(table, inChained: $0, universe: universe) } chunked: { chunkedIsNeeded(table, by: $0, universe: universe) }
    }

    @inline(never)
    private static func chunkedIsNeeded(_ table: UInt64, by regions: ObservedList<ObservedRegion>, universe: Universe) -> Bool {
        isNeeded(table, inChained: regions, universe: universe)
    }

    /// One table asked of the chained regions, as runs of tables ask them (`NeededTablesWalk`).
    @inline(__always)
    private static func isNeeded<List: RandomAccessCollection>(_ table: UInt64, inChained regions: List, universe: Universe) -> Bool
        where List.Element == ObservedRegion, List.Index == Int {
        NeededTablesWalk.isNeeded(table, by: regions, universe: universe)
    }

    /// The first region of a chained list that ends above `address`.
    private static func firstRegion(endingAbove address: UInt64, in regions: ObservedList<ObservedRegion>) -> Int {
        regions.partitionIndex { AddressSpan($0).upper <= address }
    }

    private static func firstPTE(atOrAbove page: UInt64, in ptes: [ObservedTranslation]) -> Int {
        ptes.partitionIndex { $0.page < page }
    }

    /// An object of an ascending list, by bisection (of the array while the list is flat).
    @inline(__always)
    static func object(_ id: UInt64, in objects: ObservedList<ObservedObject>) -> ObservedObject? {
        objects.read { object(id, inAscending: $0) } chunked: { chunkedObject(id, in: $0) }
    }

    @inline(never)
    private static func chunkedObject(_ id: UInt64, in objects: ObservedList<ObservedObject>) -> ObservedObject? {
        object(id, inAscending: objects)
    }

    @inline(__always)
    private static func object<List: RandomAccessCollection>(_ id: UInt64, inAscending objects: List) -> ObservedObject?
        where List.Element == ObservedObject, List.Index == Int {
        let i = objects.partitionIndex { $0.id < id }
        return i < objects.count && objects[i].id == id ? objects[i] : nil
    }

    private static func inUse(_ frame: UInt64, in frames: [ObservedFrame]) -> Bool {
        contents(of: frame, in: frames) != nil
    }
}

extension ChangeChecks {
    /// `offset-coherence` on the regions a step may have moved: those of the changed window, and
    /// those showing an object whose frames changed or one of whose frames changed its data. Any
    /// other region before the step is, element for element, a region after it, and no other
    /// region overlaps it (the regions after are chained), so it keeps its pages and their data.
    static func offsetCoherence(_ t: Transition, _ c: StepChanges) -> Bool {
        guard c.bothOrderly else { return false }
        if case .teardown = t.operation { return true }
        // No window: every region, object and frame is the parent's, so every page stays.
        if c.delta.isEmpty { return true }
        let before = c.before, after = c.after, delta = c.delta, P = c.universe.pageSize
        // Objects whose pages may now hold other frames or other data.
        var suspects: [UInt64] = []
        for object in before.objects.window(delta.objects.before) {
            if let now = self.object(object.id, in: after.objects), now.populated != object.populated { suspects.append(object.id) }
        }
        // (Lists made only when there is something to put in them: most steps change no frame.)
        if !delta.framesInUse.before.isEmpty {
            let changedFrames = before.framesInUse[delta.framesInUse.before].map(\.frame).sorted()
            for object in before.objects.elements where object.populated.contains(where: { changedFrames.containsSorted($0.frame) }) {
                suspects.append(object.id)
            }
        }
        if suspects.count > 1 { suspects.sort() }
        // The regions to follow: the changed window's, then those outside it showing a suspect.
        var shownSuspects: [ObservedRegion] = []
        if !suspects.isEmpty {
            for (i, region) in before.regions.elements.enumerated() where !delta.regions.before.contains(i) && suspects.containsSorted(region.object) {
                shownSuspects.append(region)
            }
        }
        guard !c.changedRegionsBefore.isEmpty || !shownSuspects.isEmpty else { return true }
        let removed: AddressSpan? = t.result.isSuccess ? {
            switch t.operation {
            case .munmap, .mmap: operatedRange(of: t.operation, pageSize: P).map(AddressSpan.init)
            default: nil
            }
        }() : nil
        var touched: UInt64?
        if case let .touch(address, true, _) = t.operation { touched = address / P }
        func kept(_ segment: AddressSpan, of source: ObservedRegion) -> Bool {
            guard !segment.isEmpty else { return true }
            var covered: UInt64 = 0
            var i = firstRegion(endingAbove: segment.lower, in: after.regions)
            while i < after.regions.count && after.regions[i].base < segment.upper {
                let piece = after.regions[i]
                i += 1
                guard AddressSpan(piece).intersects(segment) else { continue }
                let overlap = AddressSpan(piece).intersection(segment)
                covered += overlap.size
                let wanted = source.objectPage(of: overlap.lower, pageSize: P)
                guard piece.object == source.object, piece.objectPage(of: overlap.lower, pageSize: P) == wanted else { return false }
                guard let old = object(source.object, in: before.objects), let new = object(piece.object, in: after.objects) else { continue }
                for page in old.populated where page.page >= wanted && page.page - wanted < overlap.size / P {
                    let vpn = overlap.lower / P + (page.page - wanted)
                    guard FrameOracle.frame(of: page.page, in: new) == page.frame else { return false }
                    if vpn != touched && contents(of: page.frame, in: before.framesInUse) != contents(of: page.frame, in: after.framesInUse) {
                        return false
                    }
                }
            }
            return covered == segment.size
        }
        func stays(_ source: ObservedRegion) -> Bool {
            let span = AddressSpan(source)
            if let removed, span.intersects(removed) {
                let parts = SplitOracle.outsideParts(of: span, cutBy: removed)
                return kept(parts.below, of: source) && kept(parts.above, of: source)
            }
            return kept(span, of: source)
        }
        for source in c.changedRegionsBefore where !stays(source) { return false }
        for source in shownSuspects where !stays(source) { return false }
        return true
    }

    /// The data word of a frame in use, in an ascending list (nil: not in use).
    private static func contents(of frame: UInt64, in frames: [ObservedFrame]) -> UInt32? {
        let i = frames.partitionIndex { $0.frame < frame }
        return i < frames.count && frames[i].frame == frame ? frames[i].contents : nil
    }
}
