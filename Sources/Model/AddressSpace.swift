/// A user address space: the region tree, the VMObjects behind it, the MMU (page tables, PTEs,
/// TLB) and the physical pools. A plain value made of a few arrays, so that copying a state is
/// cheap; every operation is atomic in the reference (on error the state is exactly as before).
public struct AddressSpace: Sendable {
    public let universe: Universe
    /// Which algorithms run: the reference, or SerenityOS HEAD (`SerenityDesign/`).
    public let design: Design
    /// The legacy bugs switched back in; empty for the reference. Only the reference has seams.
    public let mutations: Mutations
    /// Fixes of the findings switched on in the `serenity` design (none: HEAD as it is).
    public let serenityFixes: SerenityFixes
    public internal(set) var regions: RegionTree
    public internal(set) var objects = VMObjectStore()
    public internal(set) var frames: FramePool
    public internal(set) var directory: PageDirectory
    public internal(set) var tlb = TranslationSet()
    /// Failures the checker injected into the pools.
    public var faults = FaultInjection()
    /// The kernel heap the address space's code allocates from (given at creation). The tree is
    /// intrusive, so the reference never allocates; the legacy allocator does, per free-list node.
    public internal(set) var heap: KernelHeap
    /// The legacy free-range allocator beside the tree, present only under `dual-authority`.
    public internal(set) var legacyAllocator: FreeRangeAllocator?
    /// How a failed operation is undone; whoever creates the space chooses (results are the same).
    public var rollback: RollbackStrategy

    public init(universe: Universe, design: Design = .reference, mutations: Mutations = [], serenityFixes: SerenityFixes = [],
                heap: KernelHeap = KernelHeap(), rollback: RollbackStrategy = .copy) {
        precondition(design == .reference || mutations.isEmpty, "mutants are seams of the reference design")
        precondition(design == .serenity || serenityFixes.isEmpty, "fixes apply to the serenity design")
        self.universe = universe
        self.design = design
        self.mutations = mutations
        self.serenityFixes = serenityFixes
        self.heap = heap
        self.rollback = rollback
        self.regions = RegionTree(totalRange: universe.totalRange)
        self.frames = FramePool(capacity: universe.frames)
        self.directory = PageDirectory(pagesPerTable: universe.pagesPerTable, tableCapacity: universe.pageTables)
        if mutations.contains(.dualAuthority) {
            legacyAllocator = FreeRangeAllocator(totalRange: universe.totalRange, pageSize: universe.pageSize)
        }
    }

    public var pageSize: UInt64 { universe.pageSize }

    /// The VMObject a region shows, or nil when a legacy bug left the region dangling.
    public func object(of region: Region) -> VMObject? {
        objects[region.object]
    }

    /// The virtual page numbers a range covers.
    func pages(of range: VirtualRange) -> Range<UInt64> {
        range.base / pageSize ..< range.end / pageSize
    }

    /// Runs `body` and keeps its changes only on success. A body may set `keepOnFailure` to
    /// model a legacy bug that returns an error after changing the state. Injected failures that
    /// were consumed stay consumed either way.
    mutating func transact<T>(_ body: (inout AddressSpace, inout Bool) throws(KernelError) -> T) throws(KernelError) -> T {
        if rollback == .journal { return try transactInPlace(body) }
        // The copy a failure returns to; the body's first write to each array copies that array.
        let start = self
        var keepOnFailure = false
        do throws(KernelError) {
            return try body(&self, &keepOnFailure)
        } catch {
            if !keepOnFailure { restore(copy: start) }
            throw error
        }
    }

    /// `transact` without a copy: the stored arrays journal every write, a failure undoes them.
    private mutating func transactInPlace<T>(_ body: (inout AddressSpace, inout Bool) throws(KernelError) -> T) throws(KernelError) -> T {
        let marks = openJournal()
        var keepOnFailure = false
        do throws(KernelError) {
            let result = try body(&self, &keepOnFailure)
            close(marks)
            return result
        } catch {
            if !keepOnFailure { rollBack(to: marks) }
            close(marks)
            throw error
        }
    }

    /// Makes the `count` next allocations of `kind` fail.
    public mutating func injectFailure(_ kind: AllocationKind, count: Int = 1) {
        faults[kind] += count
    }
}
