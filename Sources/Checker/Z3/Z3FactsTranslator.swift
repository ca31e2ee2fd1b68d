import Model
import Z3Bridge

/// Turns model states and steps into the Z3Bridge fact vocabulary (`Properties/README.md`), so
/// the SMT-LIB2 property files can judge exactly what the Swift properties judge.
///
/// Choices the vocabulary leaves to the translator:
/// - VMObject ids are the object store's slot numbers. A step never renumbers slots, so an id
///   names the same VMObject in `before_*` and `after_*`; a region whose object was destroyed
///   (a dangling region) keeps its slot number, which is then not live.
/// - `frame_count` stops after the highest frame that is used or owned, and `table_count` after
///   the highest allocated page table: slots above are neither used nor owned (nor allocated), so
///   no-leak cannot fire on them, and the 64-bit universe would otherwise need 2^17 entries.
/// - `result_alloc_failed`: the model reports every out-of-memory as ENOMEM, so the translator
///   derives it: the step consumed an injected failure, or the pools could not give the page
///   tables that mapping the placement's range needs (see `allocationMayHaveFailed`).
public enum Z3FactsTranslator {
    public static func universe(_ universe: Universe) -> Z3UniverseFact {
        Z3UniverseFact(pageSize: Int(universe.pageSize), totalBase: Int(universe.base), totalEnd: Int(universe.end))
    }

    /// The regions in address order.
    public static func regions(of space: AddressSpace) -> [Z3RegionFact] {
        space.regions.regions.map { region in
            Z3RegionFact(base: Int(region.range.base), end: Int(region.range.end), prot: Int(region.protection.rawValue),
                         object: Int(region.object.raw), offset: Int(region.offset))
        }
    }

    /// Frames, VMObjects and page tables, for `no-leak`.
    public static func leaks(of space: AddressSpace) -> Z3LeakFacts {
        var owned: Set<Int32> = []
        var objects: [Z3LeakFacts.Object] = []
        for slot in space.objects.slots {
            guard let object = slot else {
                objects.append(.init(refs: 0, live: false))
                continue
            }
            objects.append(.init(refs: Int(object.referenceCount), live: true))
            for page in object.populated { owned.insert(page.frame) }
        }
        let highestFrame = max(space.frames.used.last.map { Int($0.number) } ?? -1, owned.max().map(Int.init) ?? -1)
        let frames = (0 ..< highestFrame + 1).map { f in
            Z3LeakFacts.Frame(used: space.frames.isInUse(FrameNumber(f)), owned: owned.contains(FrameNumber(f)))
        }
        let tableCount = space.directory.tables.last.map { Int($0) + 1 } ?? 0
        // A tree the walk cannot read (tree-shape reports it) needs no table.
        let tables = (0 ..< tableCount).map { t in
            Z3LeakFacts.Table(allocated: space.directory.hasTable(UInt64(t)), needed: (try? space.isTableNeeded(UInt64(t))) ?? false)
        }
        return Z3LeakFacts(frames: frames, objects: objects, tables: tables)
    }

    /// The facts of one state, for `kind: state` property files.
    public static func state(_ space: AddressSpace) -> Z3Facts {
        .state(universe: universe(space.universe), regions: regions(of: space), leaks: leaks(of: space))
    }

    /// The facts of one step, for `kind: transition` property files.
    public static func transition(_ t: Transition) -> Z3Facts {
        // Z3 checks run on the reference model (the facts are written from its states).
        .transition(universe: universe(t.before.universe), before: regions(of: t.before.model!), operation: operation(t.operation, pageSize: t.before.pageSize),
                    result: result(t), after: regions(of: t.after.model!))
    }

    public static func operation(_ operation: Operation, pageSize: UInt64) -> Z3OperationFact {
        let P = Int(pageSize)
        switch operation {
        case let .mmap(size, protection, placement, address, alignment, _):
            let kind: Z3OperationCode = switch placement {
            // A top-down or hinted mmap fails with ENOMEM exactly when an anywhere one does.
            case .anywhere, .topDown, .hint: .mmapAnywhere
            case .randomized: .mmapRandomized
            case .fixedNoReplace: .mmapFixedNoReplace
            case .fixed: .mmapFixed
            }
            return Z3OperationFact(kind: kind, addr: Int(clamping: address ?? 0), size: Int(clamping: size),
                                   align: Int(clamping: alignment ?? pageSize), prot: Int(protection.rawValue))
        case let .munmap(address, size):
            return Z3OperationFact(kind: .munmap, addr: Int(clamping: address), size: Int(clamping: size), align: P)
        case let .mprotect(address, size, protection):
            return Z3OperationFact(kind: .mprotect, addr: Int(clamping: address), size: Int(clamping: size), align: P,
                                   prot: Int(protection.rawValue))
        case let .touch(address, write, _):
            return Z3OperationFact(kind: .touch, addr: Int(clamping: address), align: P, write: write)
        case .failNext:
            return Z3OperationFact(kind: .failNext, align: P)
        case .teardown:
            return Z3OperationFact(kind: .teardown, align: P)
        case .exec:
            return Z3OperationFact(kind: .exec, align: P)
        }
    }

    public static func result(_ t: Transition) -> Z3ResultFact {
        switch t.result {
        case let .ok(value):
            return .success(addr: t.operation.isMmap ? Int(clamping: value ?? 0) : 0)
        case let .error(error):
            return .failure(Int(error.errno), allocFailed: allocationMayHaveFailed(t))
        }
    }

    /// Whether a failed step's ENOMEM can come from the pools rather than from placement: an
    /// injected failure was consumed, or (for a placement) mapping the range it needed could not
    /// get its page tables. The second half is the same excuse `hole-completeness` grants in
    /// Swift, so the two checks compare the hole search itself.
    static func allocationMayHaveFailed(_ t: Transition) -> Bool {
        let before = t.before.observation, after = t.after.observation
        let consumed = before.pendingPageTableFailures != after.pendingPageTableFailures || before.pendingFrameFailures != after.pendingFrameFailures
        if consumed && t.result == .error(.ENOMEM) {
            if case .failNext = t.operation {} else { return true }
        }
        // Judged by the design's rounding: the serenity design places alignments that are not
        // powers of two (AK's mask), and such a request may run out of page tables too.
        guard t.result == .error(.ENOMEM), let request = t.mmapRequest else { return false }
        switch request.placement {
        case .anywhere, .randomized, .topDown, .hint:
            let holes = HoleOracle.holes(of: before.regions.elements, in: t.before.universe.totalRange)
            guard let hole = PlacementOracle.lowestFit(size: request.size, alignment: request.alignment, holes: holes, rounding: request.rounding)
            else { return false }
            if pageTablesMayFail(mapping: hole, protection: request.protection, in: before, universe: t.before.universe) { return true }
            return request.placement == .randomized && pageTablesMayFailAnywhere(protection: request.protection, in: before, universe: t.before.universe)
        case .fixedNoReplace, .fixed:
            guard let range = request.fixedRange else { return false }
            return pageTablesMayFail(mapping: AddressSpan(range), protection: request.protection, in: before, universe: t.before.universe)
        }
    }
}
