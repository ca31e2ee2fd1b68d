/// What an implementation reports in its observations. The reference model reports everything;
/// an external implementation may report only its regions. Each property names what it needs
/// (`Property.needs`), and a run skips — and lists — the properties its implementation cannot feed.
public struct ObservationCapabilities: OptionSet, Sendable, Hashable {
    public let rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    /// Regions with protection, object identity and offset (every implementation reports these).
    public static let regions = Self(rawValue: 1 << 0)
    /// Allocated page tables and present PTEs.
    public static let pageTables = Self(rawValue: 1 << 1)
    /// TLB entries.
    public static let tlb = Self(rawValue: 1 << 2)
    /// Memory objects with reference counts and populated pages, and frames in use.
    public static let objectsAndFrames = Self(rawValue: 1 << 3)
    /// A count of heap allocations made during placement.
    public static let heapAllocations = Self(rawValue: 1 << 4)
    /// Touch through the implementation's own access path (data read back).
    public static let access = Self(rawValue: 1 << 5)

    /// The implementation's own internal structures, which only the reference model can show
    /// (`tree-shape` checks the model's red-black tree: a self-check of the model, not a property
    /// any other implementation is judged by).
    public static let modelInternals = Self(rawValue: 1 << 6)

    /// Everything an implementation can report through `Observation`.
    public static let all: Self = [.regions, .pageTables, .tlb, .objectsAndFrames, .heapAllocations, .access]
    /// What the reference model reports: everything, and its internals.
    public static let model: Self = [.all, .modelInternals]
}
