/// One line per SPEC §4 mutant: the bug it switches back in and the SerenityOS change behind
/// it (for `regioncheck mutants --list` and the Stryker report's descriptions).
public enum MutantSummaries {
    public static let lines: [String: String] = [
        "ignore-map-result": "the result of mapping a new or split region is ignored: success with a region not (fully) mapped (fixed 485f51690d5)",
        "dangling-region-on-map-failure": "when mapping fails, the region is destroyed but stays in the tree (fixed 4edae21bd13)",
        "split-offset-ignores-source": "a split part's offset comes from its position only, ignoring the source offset (fixed c58d1868cbe)",
        "inverted-append-check": "a successful append is taken as failure: multi-region munmap that splits reports ENOMEM after changing the state (fixed 88b6428c25e)",
        "specific-check-keyed-on-base": "fixed placement looks up the region at or below base instead of base+size-1, missing an overlap above (fixed 9765f9f67ed)",
        "tail-window-untrimmed": "the tail hole is returned whole instead of size bytes (fixed ffe2e77eba1)",
        "skip-tlb-flush": "the TLB flush only teardown may skip is skipped on munmap/mprotect too (misuse of 2323cdd9141)",
        "mprotect-early-return": "multi-region mprotect returns after the first already-correct region (fixed f27bbec7b28)",
        "window-needs-size-plus-alignment": "a hole is accepted only if it holds size + alignment (the FIXME in RegionTree; open in SerenityOS)",
        "dual-authority": "the legacy free-range allocator beside the tree: leaks a failed mmap's reservation, frees covered ranges twice (removed cbf52d474c9)",
        "non-atomic-find-insert": "the address-space lock is dropped between finding a hole and inserting the region: two threads take the same hole (02a95a196f0, fixed 07f3d09c552)",
        "kmalloc-under-lock": "the free-range allocator kmallocs with the address-space lock held while the fault path holds the heap lock and locks the space (removed cbf52d474c9)",
        "missing-tlb-shootdown": "munmap flushes only its own CPU's TLB: another CPU keeps translating the removed page",
    ]

    public static func line(_ name: String) -> String { lines[name] ?? name }
}
