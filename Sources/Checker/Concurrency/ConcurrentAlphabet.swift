import Model

/// The operations a thread may begin, built from alphabet settings like the sequential explorer's,
/// but only what splits into atomic steps (mmap anywhere or fixed-noreplace, munmap, mprotect,
/// touch) and only on the first `pages` pages for munmap, mprotect and touch: every thread's
/// choice multiplies the interleavings, so the default alphabet is where the races are.
public enum ConcurrentAlphabet {
    /// One-page mmaps (rw- and r--), one-page munmap and mprotect, reads and writes, on 2 pages.
    public static let defaultSettings = AlphabetSettings(
        sizes: [1], alignments: [1], protections: [.readWrite, .read], placements: [.anywhere],
        maxRange: 1, touch: true, teardown: false, faults: false)
    public static let defaultPages: UInt64 = 2

    public static func letters(universe: Universe, settings: AlphabetSettings, pages: UInt64) throws(InputError) -> [Operation] {
        guard pages >= 1, pages <= universe.pages else {
            throw InputError(source: "--thread-pages", message: "must be 1...\(universe.pages) (the universe's pages), got \(pages)")
        }
        let P = universe.pageSize
        var letters: [Operation] = []
        for placement in settings.placements {
            guard placement == .anywhere || placement == .fixedNoReplace else {
                throw InputError(source: "--placements", message: "with --threads above 1 only anywhere and fixed-noreplace "
                    + "mmap are split into atomic steps, got \(placement.rawValue)")
            }
            for size in settings.sizes {
                for alignment in settings.alignments {
                    for protection in settings.protections {
                        let align: UInt64? = alignment == 1 ? nil : alignment * P
                        if placement == .anywhere {
                            letters.append(.mmap(size: size * P, protection: protection, placement: .anywhere,
                                                 address: nil, alignment: align, choice: nil))
                        } else {
                            for page in 0 ..< pages {
                                letters.append(.mmap(size: size * P, protection: protection, placement: .fixedNoReplace,
                                                     address: universe.base + page * P, alignment: align, choice: nil))
                            }
                        }
                    }
                }
            }
        }
        let ranges: [(UInt64, UInt64)] = settings.maxRange == 0 ? [] : (1 ... min(settings.maxRange, pages)).flatMap { length in
            (0 ... pages - length).map { first in (universe.base + first * P, length * P) }
        }
        for (address, size) in ranges { letters.append(.munmap(address: address, size: size)) }
        for protection in settings.protections {
            for (address, size) in ranges { letters.append(.mprotect(address: address, size: size, protection: protection)) }
        }
        if settings.touch {
            for page in 0 ..< pages {
                letters.append(.touch(address: universe.base + page * P, write: false, value: 0))
                letters.append(.touch(address: universe.base + page * P, write: true, value: UInt32(page + 1)))
            }
        }
        guard !letters.isEmpty else { throw InputError(source: "alphabet", message: "the alphabet is empty: nothing to explore") }
        return letters
    }
}
