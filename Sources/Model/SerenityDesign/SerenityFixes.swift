/// Fixes of the findings in docs/findings-serenity.md, each switched on separately in the
/// `serenity` design so that a test can show its finding gone. None is set for HEAD as it is.
public struct SerenityFixes: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// allocate_range_anywhere accepts a window iff the aligned range fits in it (not size + alignment).
    public static let exactFitWindows = SerenityFixes(rawValue: 1 << 0)
    /// find_regions_intersecting starts at the first region when none lies at or below the range's base.
    public static let intersectingFromFirstRegion = SerenityFixes(rawValue: 1 << 1)
    /// find_regions_intersecting adds |r ∩ range| to its running total, so it stops only once the range is covered.
    public static let intersectingCountsCoveredBytes = SerenityFixes(rawValue: 1 << 2)
    /// MAP_FIXED / MAP_FIXED_NOREPLACE at address 0 mean address 0, not "anywhere".
    public static let fixedNullIsAnAddress = SerenityFixes(rawValue: 1 << 3)
    /// MAP_FIXED restores what it unmapped when placing or mapping the new region fails.
    public static let atomicFixedMmap = SerenityFixes(rawValue: 1 << 4)
    /// munmap/mprotect restore the state when placing or mapping a split part fails.
    public static let rollBackFailedSplits = SerenityFixes(rawValue: 1 << 5)
    /// mprotect restores the state when remap() fails, instead of the TODO() panic.
    public static let remapFailureRollsBack = SerenityFixes(rawValue: 1 << 6)
    /// release_pte keeps an all-clear page table that a mapped (accessible) region still covers.
    public static let keepTablesOfMappedRegions = SerenityFixes(rawValue: 1 << 7)
    /// Region::map of an inaccessible region releases its PTEs instead of ensuring page tables.
    public static let inaccessibleMapReleasesTables = SerenityFixes(rawValue: 1 << 8)

    /// Every fix with its name, in the order docs/findings-serenity.md lists the findings.
    public static let catalogue: [(name: String, fix: SerenityFixes)] = [
        ("exact-fit-windows", .exactFitWindows),
        ("intersecting-from-first-region", .intersectingFromFirstRegion),
        ("intersecting-counts-covered-bytes", .intersectingCountsCoveredBytes),
        ("fixed-null-is-an-address", .fixedNullIsAnAddress),
        ("atomic-fixed-mmap", .atomicFixedMmap),
        ("roll-back-failed-splits", .rollBackFailedSplits),
        ("remap-failure-rolls-back", .remapFailureRollsBack),
        ("keep-tables-of-mapped-regions", .keepTablesOfMappedRegions),
        ("inaccessible-map-releases-tables", .inaccessibleMapReleasesTables),
    ]

    /// Every fix at once.
    public static let all = SerenityFixes(catalogue.map(\.fix))

    public static func named(_ name: String) -> SerenityFixes? {
        catalogue.first { $0.name == name }?.fix
    }

    public var names: [String] { Self.catalogue.filter { contains($0.fix) }.map(\.name) }

    public var description: String { isEmpty ? "none" : names.joined(separator: ",") }
}
