/// Fixes every size of the modelled machine: the user range, the page-table geometry and the pools.
public struct Universe: Sendable, Hashable, Codable, CustomStringConvertible {
    public var name: String
    /// First address of the total range (page-aligned).
    public var base: UInt64
    /// Number of pages in the total range.
    public var pages: UInt64
    public var pageSize: UInt64
    /// Consecutive pages covered by one page table (512 on x86_64).
    public var pagesPerTable: UInt64
    /// Physical frames available to back pages.
    public var frames: Int
    /// Page-table pages available (allocated on demand, freed when unneeded).
    public var pageTables: Int

    /// Builds a universe; throws with the first field that is wrong.
    public init(name: String = "custom", base: UInt64, pages: UInt64, pageSize: UInt64 = 4096,
                pagesPerTable: UInt64, frames: Int, pageTables: Int) throws(UniverseError) {
        self.name = name
        self.base = base
        self.pages = pages
        self.pageSize = pageSize
        self.pagesPerTable = pagesPerTable
        self.frames = frames
        self.pageTables = pageTables
        try validate()
    }

    private init(preset name: String, base: UInt64, pages: UInt64, pagesPerTable: UInt64, frames: Int, pageTables: Int) {
        self.name = name
        self.base = base
        self.pages = pages
        self.pageSize = 4096
        self.pagesPerTable = pagesPerTable
        self.frames = frames
        self.pageTables = pageTables
    }

    public var totalRange: VirtualRange { VirtualRange(uncheckedBase: base, size: pages * pageSize) }
    public var end: UInt64 { base + pages * pageSize }

    /// 8 pages, 2 per table: small enough to explore every sequence to depth 6.
    public static let tiny = Universe(preset: "tiny", base: 0x10000, pages: 8, pagesPerTable: 2, frames: 4, pageTables: 4)
    /// 16 pages, 4 per table.
    public static let small = Universe(preset: "small", base: 0x10000, pages: 16, pagesPerTable: 4, frames: 6, pageTables: 4)
    /// The real x86_64 SerenityOS user range `0x10000 ..< 0x1ffe000000`, 4 KiB pages, 512 per table.
    /// For random runs and proofs: far too large to enumerate.
    public static let serenity = Universe(
        preset: "serenity", base: 0x10000, pages: (0x1f_fe00_0000 - 0x10000) / 4096, pagesPerTable: 512,
        frames: 1 << 16, pageTables: 1 << 17)

    public static let presets: [Universe] = [.tiny, .small, .serenity]

    public static func preset(named name: String) -> Universe? { presets.first { $0.name == name } }

    func validate() throws(UniverseError) {
        func fail(_ field: String, _ why: String) -> UniverseError { UniverseError(field: field, message: why) }
        guard pageSize.isPowerOfTwo, pageSize >= 16 else { throw fail("pageSize", "must be a power of two ≥ 16, got \(pageSize)") }
        guard base.isAligned(to: pageSize) else { throw fail("base", "must be a multiple of pageSize (\(pageSize)), got \(base.hex)") }
        guard pages > 0 else { throw fail("pages", "must be positive, got \(pages)") }
        let (bytes, o1) = pages.multipliedReportingOverflow(by: pageSize)
        guard !o1, !base.addingReportingOverflow(bytes).overflow else {
            throw fail("pages", "base + pages * pageSize overflows 64 bits")
        }
        guard pagesPerTable > 0 else { throw fail("pagesPerTable", "must be positive, got \(pagesPerTable)") }
        guard frames >= 0 else { throw fail("frames", "must not be negative, got \(frames)") }
        guard frames <= Int(Int32.max) else { throw fail("frames", "must be below 2^31, got \(frames)") }
        guard pageTables >= 0 else { throw fail("pageTables", "must not be negative, got \(pageTables)") }
    }

    public var description: String {
        "\(name): \(totalRange), \(pages) pages of \(pageSize) bytes, \(pagesPerTable) per table, \(frames) frames, \(pageTables) page tables"
    }
}

/// A universe that cannot be built, with the field that is wrong.
public struct UniverseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var message: String
    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }
    public var description: String { "field '\(field)': \(message)" }
}
