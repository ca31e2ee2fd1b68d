import Checker
import Foundation
import Model

/// The distinct violations of the `serenity` design (docs/findings-serenity.md): one per root
/// cause and first-reported property, each with the fix that removes it and its trace file under
/// docs/findings/.
struct SerenityFinding: Sendable, CustomStringConvertible {
    /// The trace file's name, without `.json`.
    let name: String
    /// The `SerenityFixes` name of the fix that removes it.
    let fixName: String
    /// The property the trace violates (the first one reported at its last step).
    let property: String
    /// The trace's description: what happens, and where in SPEC §6.
    let summary: String

    var fix: SerenityFixes { SerenityFixes.named(fixName)! }
    var description: String { name }

    static let universe = Universe.tiny
    /// The bound the traces were derived with (breadth first, so shortest within it).
    static let searchDepth = 3

    static let all: [SerenityFinding] = [
        SerenityFinding(
            name: "window-rule-enomem-with-a-free-hole", fixName: "exact-fit-windows", property: "hole-completeness",
            summary: "allocate_range_anywhere accepts a window only if it holds size + alignment bytes (SPEC §6.1, the window rule): the hole [0x10000, 0x13000) is exactly 3 pages and the tail window [0x15000, 0x18000) too; neither holds 3 + 1 pages, so mmap of 3 pages fails with ENOMEM although both are free."),
        SerenityFinding(
            name: "window-rule-skips-exact-fit", fixName: "exact-fit-windows", property: "first-fit",
            summary: "The same window rule with the policy property: the one-page hole below the region at 0x11000 is skipped and the page lands at 0x12000."),
        SerenityFinding(
            name: "munmap-below-the-first-region-is-a-no-op", fixName: "intersecting-from-first-region", property: "split-partition",
            summary: "munmap of [0xf000, 0x11000): is_user_range has no lower bound, no region contains the range, and find_regions_intersecting returns nothing because no region starts at or below 0xf000 (SPEC §6.2), so munmap returns 0 and [0x10000, 0x11000) stays mapped."),
        SerenityFinding(
            name: "munmap-stops-before-a-covered-region", fixName: "intersecting-counts-covered-bytes", property: "split-partition",
            summary: "find_regions_intersecting adds r.size - |r ∩ range| (the part of r outside the range) to its running total and stops when it equals range.size (SPEC §6.2): [0x10000, 0x13000) sticks out of [0x12000, 0x14000) by exactly 2 pages, so the walk stops before [0x13000, 0x14000), which munmap leaves mapped while returning 0."),
        SerenityFinding(
            name: "fixed-at-null-is-placed-anywhere", fixName: "fixed-null-is-an-address", property: "hole-soundness",
            summary: "MAP_FIXED_NOREPLACE at address 0: [0, 0x1000) is a user range (no lower bound), and allocate_region_with_vmobject treats a null requested address as 'anywhere' (SPEC §6.2, syscall layer), so the mapping lands at 0x10000 instead of failing."),
        SerenityFinding(
            name: "map-fixed-loses-the-old-mapping", fixName: "atomic-fixed-mmap", property: "offset-coherence",
            summary: "MAP_FIXED unmaps the range first (its region is destroyed, its now all-clear page table freed), then maps the new region, which needs that page table again; the injected page-table failure (memory pressure) makes mmap return ENOMEM with the old mapping gone (SPEC §6.2: MAP_FIXED unmaps first, non-atomically)."),
        SerenityFinding(
            name: "failed-munmap-split-loses-pages", fixName: "roll-back-failed-splits", property: "offset-coherence",
            summary: "munmap of one page of a two-page region: take, unmap (the table is freed, all clear), split, then mapping the kept part needs the table again and fails; unmap_mmap_range returns ENOMEM with no rollback (its TODO), so page 0x10000 is gone although munmap failed (SPEC §6.2, munmap case 3)."),
        SerenityFinding(
            name: "failed-mprotect-split-leaves-regions-unmapped", fixName: "roll-back-failed-splits", property: "mmu-coherence",
            summary: "mprotect (b) of one page: take, unmap (table freed), split out [0x11000, 0x12000), place the middle r--, then mapping the parts fails on the page table; mprotect returns ENOMEM leaving accessible regions with no page table (SPEC §6.2 mprotect (b), no rollback)."),
        SerenityFinding(
            name: "remap-failure-after-mprotect-of-prot-none", fixName: "remap-failure-rolls-back", property: "mmu-coherence",
            summary: "mprotect (a) of a PROT_NONE region (which got no page tables, c6adefcfc04): the flags are set, then remap() needs a page table and cannot have one. At HEAD that is a TODO() — a kernel panic a user can provoke under memory pressure; the model stops there with the new flags and no table (SPEC §6.3 remap)."),
        SerenityFinding(
            name: "release-pte-frees-the-table-of-a-mapped-region", fixName: "keep-tables-of-mapped-regions", property: "mmu-coherence",
            summary: "munmap of [0x10000, 0x11000): ~Region unmaps it, release_pte clears its PTE and frees the page table because all its entries are clear (SPEC §6.3) — but [0x11000, 0x12000) is still mapped in that table, with no page populated yet, and is left without a page table."),
        SerenityFinding(
            name: "prot-none-region-holds-page-tables", fixName: "inaccessible-map-releases-tables", property: "no-leak",
            summary: "mprotect (a) to PROT_NONE remaps the region: Region::map still runs ensure_pte for every page (it only clears the PTEs of inaccessible pages), so the PROT_NONE region keeps its page table, and ~Region skips the unmap of PROT_NONE regions (c6adefcfc04), so a munmap never frees it (SPEC §6.3)."),
    ]

    /// The package root, from this file's place in Tests/CheckerTests/Serenity/.
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    var path: String { Self.packageRoot.appendingPathComponent("docs/findings/\(name).json").path }
}
