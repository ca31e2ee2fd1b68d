import Model

/// What the explorer may try in each state, before it is expanded into letters: the mmap sizes,
/// alignments, protections, placements and fixed addresses, the longest munmap/mprotect range,
/// and whether touches, teardown and injected allocation failures are tried. Read from a
/// universe file's `"alphabet"` object and overridden by command-line flags.
public struct AlphabetSettings: Sendable, Hashable {
    /// mmap sizes, in pages.
    public var sizes: [UInt64]
    /// mmap alignments, in pages (powers of two). 1 means the default page alignment.
    public var alignments: [UInt64]
    /// Protections for mmap and mprotect.
    public var protections: [Protection]
    /// mmap placements tried.
    public var placements: [Operation.PlacementKind]
    /// Addresses (bytes) for fixed and fixed-noreplace mmap; nil means every page of the universe.
    public var addresses: [UInt64]?
    /// munmap and mprotect are tried on every page-aligned range of 1...maxRange pages inside the
    /// universe; 0 leaves them out.
    public var maxRange: UInt64
    /// munmap and mprotect also at sub-page-unaligned addresses and sizes (see `Alphabet`), which
    /// the kernel must round out to whole pages.
    public var unaligned: Bool
    /// A read and a write of every page.
    public var touch: Bool
    /// exec's region set-up: two letters, a one-page r-x segment and a two-page stack placed
    /// anywhere, and the same segment exactly at the second page with a one-page stack.
    public var exec: Bool = false
    /// Process exit.
    public var teardown: Bool
    /// Before each operation, "the next page-table (or frame) allocation fails" as a branch.
    public var faults: Bool
    /// Where each field was set when not by default (`"--sizes"`, or a universe file's path), so a
    /// value the universe rejects is reported where the user wrote it.
    public var origins: [String: String] = [:]

    public init(sizes: [UInt64] = [1, 2], alignments: [UInt64] = [1], protections: [Protection] = [.readWrite, .none],
                placements: [Operation.PlacementKind] = [.anywhere, .randomized, .fixedNoReplace, .fixed], addresses: [UInt64]? = nil,
                maxRange: UInt64 = 2, unaligned: Bool = false, exec: Bool = false, touch: Bool = true, teardown: Bool = true,
                faults: Bool = true) {
        self.sizes = sizes
        self.alignments = alignments
        self.protections = protections
        self.placements = placements
        self.addresses = addresses
        self.maxRange = maxRange
        self.unaligned = unaligned
        self.exec = exec
        self.touch = touch
        self.teardown = teardown
        self.faults = faults
    }

    /// The first alphabet: sizes 1 and 2 pages, page alignment, rw- and PROT_NONE, the four
    /// original placements at every page, ranges up to 2 pages, touches, teardown and injected
    /// failures. Kept so its counts (tiny: 561, 7,325, 74,881, 625,959 at depths 2–5) stay
    /// reproducible (`--alphabet classic`).
    public static let classic = AlphabetSettings()

    /// The default: sizes 1–3 pages (a split can keep a lower and an upper part), alignments 1
    /// and 2 pages, rw-, r-- (a W→R downgrade) and PROT_NONE, every placement (top-down and hint
    /// included), munmap/mprotect ranges up to 3 pages (one can span a hole with both ends
    /// mapped) and a few sub-page-unaligned ones (README, "Exploring": measured counts and times).
    public static let standard = AlphabetSettings(
        sizes: [1, 2, 3], alignments: [1, 2], protections: [.readWrite, .read, .none],
        placements: Operation.PlacementKind.allCases, maxRange: 3, unaligned: true, exec: true)

    /// The named alphabets `--alphabet` accepts.
    public static let named: [(name: String, settings: AlphabetSettings)] = [("standard", .standard), ("classic", .classic)]

    /// A named alphabet, or an error naming the flag and the choices.
    public static func named(_ name: String, source: String = "--alphabet") throws(InputError) -> AlphabetSettings {
        guard let found = named.first(where: { $0.name == name }) else {
            throw InputError(source: source, message: "unknown alphabet \"\(name)\" (known: \(named.map(\.name).joined(separator: ", ")))")
        }
        return found.settings
    }

    /// The name of `settings` when they are a named alphabet.
    public static func name(of settings: AlphabetSettings) -> String? {
        named.first { $0.settings == settings }?.name
    }

    /// Checks the settings against the universe; `source` names the file or flag they came from.
    func validate(for universe: Universe, source: String) throws(InputError) {
        func fail(_ field: String, _ message: String) -> InputError {
            let origin = origins[field] ?? source
            return origin.hasPrefix("--") ? InputError(source: origin, message: message)
                : InputError(source: origin, location: "field 'alphabet', field '\(field)'", message: message)
        }
        guard !sizes.isEmpty || placements.isEmpty else { throw fail("sizes", "must list at least one size (in pages)") }
        for size in sizes where size == 0 || size > universe.pages {
            throw fail("sizes", "sizes are in pages and must be 1...\(universe.pages) (the universe's pages), got \(size)")
        }
        for alignment in alignments where !alignment.isPowerOfTwo || alignment > universe.pages {
            throw fail("alignments", "alignments are in pages and must be powers of two up to \(universe.pages), got \(alignment)")
        }
        guard !alignments.isEmpty else { throw fail("alignments", "must list at least one alignment (1 = page alignment)") }
        guard !protections.isEmpty else { throw fail("protections", "must list at least one protection") }
        guard !unaligned || universe.pages >= 2 else {
            throw fail("unaligned", "unaligned munmap/mprotect letters need at least 2 pages")
        }
        guard maxRange <= universe.pages else {
            throw fail("maxRange", "must be at most the universe's \(universe.pages) pages, got \(maxRange)")
        }
        if let addresses {
            for address in addresses where !address.isAligned(to: universe.pageSize) {
                throw fail("addresses", "\(address.hex) is not page-aligned (page size \(universe.pageSize.hex))")
            }
        }
    }
}
