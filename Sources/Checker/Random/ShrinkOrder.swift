import Model

/// The order the shrinker shrinks in: a candidate is kept only if it is strictly smaller, so
/// shrinking always ends. Fewer steps first; then simpler concrete operations (fewer pages, lower
/// addresses, default placement, alignment and protection, fewer injected failures); then simpler
/// choices (lower indices and offsets), which break ties between runs that do the same thing.
struct ShrinkOrder: Comparable, Sendable {
    var length: Int
    var concrete: UInt64
    var abstract: UInt64

    static func < (a: Self, b: Self) -> Bool {
        (a.length, a.concrete, a.abstract) < (b.length, b.concrete, b.abstract)
    }
}

extension Operation {
    /// How far this operation is from the simplest one of its kind, in pages and ranks.
    func shrinkCost(in universe: Universe) -> UInt64 {
        let P = universe.pageSize
        func pages(_ bytes: UInt64) -> UInt64 { bytes / P + (bytes % P == 0 ? 0 : 1) }
        func place(_ address: UInt64) -> UInt64 {
            // Distance from the range's base in pages, plus one for a byte offset.
            let distance = address >= universe.base ? address - universe.base : universe.base - address
            return distance / P + (address % P == 0 ? 0 : 1)
        }
        func rank(_ p: Protection) -> UInt64 { p == .readWrite ? 0 : 1 + UInt64(p.rawValue) }
        switch self {
        case let .mmap(size, protection, placement, address, alignment, choice):
            let placementRank: UInt64 = switch placement {
            case .anywhere: 0
            case .fixedNoReplace: 1
            case .fixed: 2
            case .randomized, .topDown, .hint: 1
            }
            return pages(size) &+ placementRank &+ (address.map(place) ?? 0) &+ (alignment.map(pages) ?? 0)
                &+ rank(protection) &+ (choice ?? 0)
        case let .munmap(address, size):
            return pages(size) &+ place(address)
        case let .mprotect(address, size, protection):
            return pages(size) &+ place(address) &+ rank(protection)
        case let .touch(address, write, value):
            return place(address) &+ (write ? 1 : 0) &+ UInt64(value)
        case let .failNext(kind, count):
            return UInt64(count) &+ (kind == .frame ? 0 : 1)
        case .teardown:
            return 0
        case let .exec(segments):
            return segments.reduce(UInt64(segments.count)) { $0 &+ pages($1.size) &+ ($1.address.map(place) ?? 0) &+ rank($1.protection) }
        }
    }
}

extension AbstractStep {
    /// How far the choices are from the defaults: indices, offsets and trims.
    var shrinkCost: UInt64 {
        let anchorCost: UInt64 = switch anchor {
        case .rangeStart(let n): n
        case .page(let n): 1 &+ n
        case .rangeEnd(let n): 2 &+ n
        case .regionStart(let i, let n): 2 &+ 2 &* i &+ n
        case .regionEnd(let i, let n), .hole(let i, let n): 3 &+ 2 &* i &+ n
        case .belowRange(let n): 8 &+ n
        }
        let sizeCost: UInt64 = switch size {
        case .pages(let n): n
        case .hole(let i), .region(let i): 1 &+ i
        }
        return anchorCost &+ sizeCost &+ misalign &+ sizeTrim &+ alignmentPages &+ (choice == 0 ? 0 : 1)
    }
}
