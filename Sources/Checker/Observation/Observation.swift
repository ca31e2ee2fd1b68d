import Model

/// Everything the checker may see of an implementation under test at one instant: the one
/// interface between "implementation under test" and checker. The reference model, the
/// `serenity` design and an external (C) implementation all report through it, and properties
/// judge only observations (before and after a step, with the step's result) against the
/// checker's own oracles — never the implementation's placement, lookup or split code.
///
/// Identities (`ObservedRegion.object`, frame numbers) are the implementation's own; they must
/// stay the same across one step (the split and offset properties follow a page from the
/// observation before the step to the one after it), and mean nothing across unrelated states.
public struct Observation: Sendable, Hashable {
    /// What this implementation reports; a property needing more is skipped, and reports list it.
    public var capabilities: ObservationCapabilities {
        get { storage.capabilities }
        set { unique().capabilities = newValue }
    }
    /// The regions, sorted by base.
    public var regions: ObservedList<ObservedRegion> {
        get { storage.regions }
        _modify { yield &unique().regions }
    }
    /// Indices (virtual page / pagesPerTable) of allocated page tables, ascending.
    public var pageTables: [UInt64] {
        get { storage.pageTables }
        _modify { yield &unique().pageTables }
    }
    /// Present PTEs, sorted by virtual page.
    public var ptes: [ObservedTranslation] {
        get { storage.ptes }
        _modify { yield &unique().ptes }
    }
    /// TLB entries, sorted by virtual page.
    public var tlb: [ObservedTranslation] {
        get { storage.tlb }
        _modify { yield &unique().tlb }
    }
    /// Live memory objects (VMObjects), by identity.
    public var objects: ObservedList<ObservedObject> {
        get { storage.objects }
        _modify { yield &unique().objects }
    }
    /// Frames in use, ascending, with the data word each holds (same order).
    public var framesInUse: [ObservedFrame] {
        get { storage.framesInUse }
        _modify { yield &unique().framesInUse }
    }
    /// Heap allocations made while placing ranges so far (for `allocation-free`).
    public var placementHeapAllocations: Int {
        get { storage.placementHeapAllocations }
        set { if newValue != storage.placementHeapAllocations { unique().placementHeapAllocations = newValue } }
    }
    /// Failures the checker injected (`failNext`) that the implementation has not consumed yet:
    /// they excuse an ENOMEM.
    public var pendingPageTableFailures: Int {
        get { storage.pendingPageTableFailures }
        set { if newValue != storage.pendingPageTableFailures { unique().pendingPageTableFailures = newValue } }
    }
    public var pendingFrameFailures: Int {
        get { storage.pendingFrameFailures }
        set { if newValue != storage.pendingFrameFailures { unique().pendingFrameFailures = newValue } }
    }

    /// The fields live in one copy-on-write box: the explorer hands an observation to a dozen
    /// properties per step, and a copy is then one retain instead of one per array.
    private var storage: Storage

    public init(capabilities: ObservationCapabilities, regions: [ObservedRegion] = [], pageTables: [UInt64] = [],
                ptes: [ObservedTranslation] = [], tlb: [ObservedTranslation] = [], objects: [ObservedObject] = [],
                framesInUse: [ObservedFrame] = [], placementHeapAllocations: Int = 0,
                pendingPageTableFailures: Int = 0, pendingFrameFailures: Int = 0) {
        storage = Storage(capabilities: capabilities, regions: ObservedList(regions), pageTables: pageTables, ptes: ptes, tlb: tlb,
                          objects: ObservedList(objects),
                          framesInUse: framesInUse, placementHeapAllocations: placementHeapAllocations,
                          pendingPageTableFailures: pendingPageTableFailures, pendingFrameFailures: pendingFrameFailures)
    }

    private mutating func unique() -> Storage {
        if !isKnownUniquelyReferenced(&storage) { storage = storage.copy() }
        return storage
    }

    /// The same memory state: everything but the counters and the pending injected failures
    /// (what an operation that fails must leave exactly as it was).
    public func sameMemory(as other: Observation) -> Bool {
        if storage === other.storage { return true }
        return regions == other.regions && pageTables == other.pageTables && ptes == other.ptes && tlb == other.tlb
            && objects == other.objects && framesInUse == other.framesInUse
    }

    public static func == (a: Observation, b: Observation) -> Bool {
        a.storage === b.storage || (a.sameMemory(as: b) && a.capabilities == b.capabilities
            && a.placementHeapAllocations == b.placementHeapAllocations
            && a.pendingPageTableFailures == b.pendingPageTableFailures && a.pendingFrameFailures == b.pendingFrameFailures)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(capabilities)
        hasher.combine(regions)
        hasher.combine(pageTables)
        hasher.combine(ptes)
        hasher.combine(tlb)
        hasher.combine(objects)
        hasher.combine(framesInUse)
        hasher.combine(placementHeapAllocations)
        hasher.combine(pendingPageTableFailures)
        hasher.combine(pendingFrameFailures)
    }

    /// Mutated only through `unique()`, so a shared box is never written; exclusivity is
    /// unchecked because a dynamic check on every field read cost more than the copies it saved.
    private final class Storage: @unchecked Sendable {
        @exclusivity(unchecked) var capabilities: ObservationCapabilities
        @exclusivity(unchecked) var regions: ObservedList<ObservedRegion>
        @exclusivity(unchecked) var pageTables: [UInt64]
        @exclusivity(unchecked) var ptes: [ObservedTranslation]
        @exclusivity(unchecked) var tlb: [ObservedTranslation]
        @exclusivity(unchecked) var objects: ObservedList<ObservedObject>
        @exclusivity(unchecked) var framesInUse: [ObservedFrame]
        @exclusivity(unchecked) var placementHeapAllocations: Int
        @exclusivity(unchecked) var pendingPageTableFailures: Int
        @exclusivity(unchecked) var pendingFrameFailures: Int

        init(capabilities: ObservationCapabilities, regions: ObservedList<ObservedRegion>, pageTables: [UInt64], ptes: [ObservedTranslation],
             tlb: [ObservedTranslation], objects: ObservedList<ObservedObject>, framesInUse: [ObservedFrame], placementHeapAllocations: Int,
             pendingPageTableFailures: Int, pendingFrameFailures: Int) {
            self.capabilities = capabilities
            self.regions = regions
            self.pageTables = pageTables
            self.ptes = ptes
            self.tlb = tlb
            self.objects = objects
            self.framesInUse = framesInUse
            self.placementHeapAllocations = placementHeapAllocations
            self.pendingPageTableFailures = pendingPageTableFailures
            self.pendingFrameFailures = pendingFrameFailures
        }

        func copy() -> Storage {
            Storage(capabilities: capabilities, regions: regions, pageTables: pageTables, ptes: ptes, tlb: tlb, objects: objects,
                    framesInUse: framesInUse, placementHeapAllocations: placementHeapAllocations,
                    pendingPageTableFailures: pendingPageTableFailures, pendingFrameFailures: pendingFrameFailures)
        }
    }
}

/// One region as observed: its byte range, protection, the identity of the memory object it
/// shows and the first object page it shows.
public struct ObservedRegion: Sendable, Hashable {
    public var base: UInt64
    public var size: UInt64
    public var protection: Protection
    public var object: UInt64
    /// In pages.
    public var offset: UInt64

    public init(base: UInt64, size: UInt64, protection: Protection, object: UInt64, offset: UInt64) {
        self.base = base
        self.size = size
        self.protection = protection
        self.object = object
        self.offset = offset
    }

    public var end: UInt64 { base &+ size }

    /// The object page shown at `address` (which must lie in this region).
    public func objectPage(of address: UInt64, pageSize: UInt64) -> UInt64 { offset + (address - base) / pageSize }
}

/// A translation of one virtual page, in a page table or cached in a TLB.
public struct ObservedTranslation: Sendable, Hashable {
    /// Virtual page number: address / pageSize.
    public var page: UInt64
    public var frame: UInt64
    public var writable: Bool

    public init(page: UInt64, frame: UInt64, writable: Bool) {
        self.page = page
        self.frame = frame
        self.writable = writable
    }
}

/// A memory object: its size, how many regions the implementation says reference it, and its
/// populated pages.
public struct ObservedObject: Sendable, Hashable {
    public struct PopulatedPage: Sendable, Hashable {
        public var page: UInt64
        public var frame: UInt64
        public init(page: UInt64, frame: UInt64) { self.page = page; self.frame = frame }
    }

    public var id: UInt64
    public var pageCount: UInt64
    public var referenceCount: Int64
    /// Sorted by page.
    public var populated: [PopulatedPage]

    public init(id: UInt64, pageCount: UInt64, referenceCount: Int64, populated: [PopulatedPage]) {
        self.id = id
        self.pageCount = pageCount
        self.referenceCount = referenceCount
        self.populated = populated
    }
}

/// A physical frame in use and the data word it holds.
public struct ObservedFrame: Sendable, Hashable {
    public var frame: UInt64
    public var contents: UInt32
    public init(frame: UInt64, contents: UInt32) { self.frame = frame; self.contents = contents }
}
