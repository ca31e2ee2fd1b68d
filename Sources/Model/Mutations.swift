/// Switches that put a historical SerenityOS bug back into the reference (SPEC §4).
/// Each one is read at exactly one named seam in the model; the reference runs with none set.
public struct Mutations: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// The result of mapping a new or split region is ignored (fixed 485f51690d5).
    public static let ignoreMapResult = Mutations(rawValue: 1 << 0)
    /// A failed map destroys the region but leaves it in the tree (fixed 4edae21bd13).
    public static let danglingRegionOnMapFailure = Mutations(rawValue: 1 << 1)
    /// A split part's offset ignores the source's own offset (fixed c58d1868cbe).
    public static let splitOffsetIgnoresSource = Mutations(rawValue: 1 << 2)
    /// Multi-region munmap that splits reports ENOMEM after changing the state (fixed 88b6428c25e).
    public static let invertedAppendCheck = Mutations(rawValue: 1 << 3)
    /// Fixed placement looks up the region at or below `base` instead of `base + size - 1` (fixed 9765f9f67ed).
    public static let specificCheckKeyedOnBase = Mutations(rawValue: 1 << 4)
    /// The tail hole is returned whole instead of `size` bytes (fixed ffe2e77eba1).
    public static let tailWindowUntrimmed = Mutations(rawValue: 1 << 5)
    /// munmap/mprotect skip the TLB flush that only teardown may skip (misuse of 2323cdd9141).
    public static let skipTLBFlush = Mutations(rawValue: 1 << 6)
    /// Multi-region mprotect returns after the first already-correct region (fixed f27bbec7b28).
    public static let mprotectEarlyReturn = Mutations(rawValue: 1 << 7)
    /// A hole is accepted only if it is at least size + alignment (the FIXME in RegionTree).
    public static let windowNeedsSizePlusAlignment = Mutations(rawValue: 1 << 8)
    /// The legacy design: a free-range allocator beside the tree (removed cbf52d474c9).
    public static let dualAuthority = Mutations(rawValue: 1 << 9)
    /// Concurrent: the address-space lock is dropped between finding a hole and inserting the
    /// region, so two threads can pick the same hole (02a95a196f0, fixed by 07f3d09c552).
    public static let nonAtomicFindInsert = Mutations(rawValue: 1 << 10)
    /// Concurrent: the free-range allocator kmallocs with the address-space lock held, while the
    /// fault path takes the heap lock first (the "MM/kmalloc deadlocks", removed cbf52d474c9).
    public static let kmallocUnderLock = Mutations(rawValue: 1 << 11)
    /// Concurrent: munmap flushes only its own CPU's TLB, sending no shootdown.
    public static let missingTLBShootdown = Mutations(rawValue: 1 << 12)
    /// The mutants whose seams are interleaving points: only a run with several threads reads them.
    public static let concurrent: Mutations = [.nonAtomicFindInsert, .kmallocUnderLock, .missingTLBShootdown]

    /// Every mutant with its command-line name, in SPEC §4 order.
    public static let catalogue: [(name: String, mutation: Mutations)] = [
        ("ignore-map-result", .ignoreMapResult),
        ("dangling-region-on-map-failure", .danglingRegionOnMapFailure),
        ("split-offset-ignores-source", .splitOffsetIgnoresSource),
        ("inverted-append-check", .invertedAppendCheck),
        ("specific-check-keyed-on-base", .specificCheckKeyedOnBase),
        ("tail-window-untrimmed", .tailWindowUntrimmed),
        ("skip-tlb-flush", .skipTLBFlush),
        ("mprotect-early-return", .mprotectEarlyReturn),
        ("window-needs-size-plus-alignment", .windowNeedsSizePlusAlignment),
        ("dual-authority", .dualAuthority),
    ]

    /// The concurrent mutants (issue 14), which only `--threads` above 1 reaches.
    public static let concurrentCatalogue: [(name: String, mutation: Mutations)] = [
        ("non-atomic-find-insert", .nonAtomicFindInsert),
        ("kmalloc-under-lock", .kmallocUnderLock),
        ("missing-tlb-shootdown", .missingTLBShootdown),
    ]

    /// Every mutant: the sequential catalogue, then the concurrent one.
    public static var allCatalogued: [(name: String, mutation: Mutations)] { catalogue + concurrentCatalogue }

    public static func named(_ name: String) -> Mutations? {
        allCatalogued.first { $0.name == name }?.mutation
    }

    /// The names of the set mutants, in catalogue order.
    public var names: [String] { Self.allCatalogued.filter { contains($0.mutation) }.map(\.name) }

    public var description: String { isEmpty ? "none" : names.joined(separator: ",") }
}
