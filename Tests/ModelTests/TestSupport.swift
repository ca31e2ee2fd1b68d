@testable import Model

let P: UInt64 = 4096

extension AddressSpace {
    /// A fresh space on `universe` (tiny by default).
    static func fresh(_ universe: Universe = .tiny, _ mutations: Mutations = []) -> AddressSpace {
        AddressSpace(universe: universe, mutations: mutations)
    }

    /// The layout as (base, pages, protection) triples, for compact expectations.
    var layout: [String] {
        regions.regions.map { "\(($0.range.base - universe.base) / P)+\($0.range.size / P)\($0.protection)" }
    }

    /// Maps and returns the base, failing the test on error.
    @discardableResult
    mutating func map(_ pages: UInt64, _ protection: Protection = .readWrite, at placement: Placement = .anywhere,
                      alignment: UInt64? = nil) -> UInt64 {
        do throws(KernelError) {
            return try mmap(size: pages * P, protection: protection, placement: placement, alignment: alignment).base
        } catch {
            fatalError("mmap of \(pages) pages failed: \(error)")
        }
    }

    /// The page's address `n` pages into the total range.
    func page(_ n: UInt64) -> UInt64 { universe.base + n * P }
}

/// Runs `body`, expecting `errno`.
func expectError(_ errno: KernelError, _ body: () throws(KernelError) -> Void) -> Bool {
    do throws(KernelError) {
        try body()
        return false
    } catch {
        return error == errno
    }
}

/// SplitMix64: a tiny seeded generator, so a failing random test replays exactly from its seed.
struct TestRandom: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func below(_ n: UInt64) -> UInt64 { next() % n }
}
