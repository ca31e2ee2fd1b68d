/// One region as the properties see it.
public struct Z3RegionFact: Equatable, Sendable {
    public var base: Int
    public var end: Int
    /// R = 1, W = 2, X = 4.
    public var prot: Int
    /// Canonical VMObject id: an index into the state's objects.
    public var object: Int
    /// Offset into the VMObject, in pages.
    public var offset: Int

    public init(base: Int, end: Int, prot: Int, object: Int, offset: Int) {
        self.base = base
        self.end = end
        self.prot = prot
        self.object = object
        self.offset = offset
    }
}

/// The fixed sizes of the address space.
public struct Z3UniverseFact: Equatable, Sendable {
    public var pageSize: Int
    public var totalBase: Int
    public var totalEnd: Int

    public init(pageSize: Int, totalBase: Int, totalEnd: Int) {
        self.pageSize = pageSize
        self.totalBase = totalBase
        self.totalEnd = totalEnd
    }
}

/// What the resource pools hold, for leak accounting.
public struct Z3LeakFacts: Equatable, Sendable {
    public struct Frame: Equatable, Sendable {
        public var used: Bool, owned: Bool
        public init(used: Bool, owned: Bool) { self.used = used; self.owned = owned }
    }
    public struct Object: Equatable, Sendable {
        public var refs: Int, live: Bool
        public init(refs: Int, live: Bool) { self.refs = refs; self.live = live }
    }
    public struct Table: Equatable, Sendable {
        public var allocated: Bool, needed: Bool
        public init(allocated: Bool, needed: Bool) { self.allocated = allocated; self.needed = needed }
    }

    public var frames: [Frame]
    public var objects: [Object]
    public var tables: [Table]

    public init(frames: [Frame] = [], objects: [Object] = [], tables: [Table] = []) {
        self.frames = frames
        self.objects = objects
        self.tables = tables
    }
}

extension Z3Facts {
    /// The facts of one state, for `kind: state` properties.
    public static func state(universe: Z3UniverseFact, regions: [Z3RegionFact], leaks: Z3LeakFacts) -> Z3Facts {
        var facts = Z3Facts(kind: .state)
        facts.addUniverse(universe)
        facts.addRegions(regions, prefix: "", count: "region_count")
        facts.integers["frame_count"] = leaks.frames.count
        facts.booleanArrays["frame_used"] = leaks.frames.map(\.used)
        facts.booleanArrays["frame_owned"] = leaks.frames.map(\.owned)
        facts.integers["object_count"] = leaks.objects.count
        facts.integerArrays["object_refs"] = leaks.objects.map(\.refs)
        facts.booleanArrays["object_live"] = leaks.objects.map(\.live)
        facts.integers["table_count"] = leaks.tables.count
        facts.booleanArrays["table_allocated"] = leaks.tables.map(\.allocated)
        facts.booleanArrays["table_needed"] = leaks.tables.map(\.needed)
        return facts
    }

    mutating func addUniverse(_ universe: Z3UniverseFact) {
        integers["page_size"] = universe.pageSize
        integers["total_base"] = universe.totalBase
        integers["total_end"] = universe.totalEnd
    }

    mutating func addRegions(_ regions: [Z3RegionFact], prefix: String, count: String) {
        integers[count] = regions.count
        integerArrays[prefix + "base"] = regions.map(\.base)
        integerArrays[prefix + "end"] = regions.map(\.end)
        integerArrays[prefix + "prot"] = regions.map(\.prot)
        integerArrays[prefix + "object"] = regions.map(\.object)
        integerArrays[prefix + "offset"] = regions.map(\.offset)
    }
}
