@testable import Checker
import Model
import Testing

/// The branches an external implementation's randomized mmap gets: as many as the design's
/// rounding has aligned positions, also for the page multiples that are not powers of two, which
/// the `serenity` design accepts (AK's `((x − 1) & ~(A − 1)) + A`) and the reference rejects.
/// Compared with a brute-force listing over every address of the universe.
private let P: UInt64 = 4096

@Suite struct RandomizedCandidateCountTests {
    static func akRoundUp(_ x: UInt64, _ a: UInt64) -> UInt64 { ((x &- 1) & ~(a - 1)) &+ a }

    /// Every position the design can round to whose `size` bytes are inside the universe and free.
    static func bruteForce(size: UInt64, alignment: UInt64, taken: [(UInt64, UInt64)], universe: Universe, design: Design) -> Int {
        let isPowerOfTwo = alignment & (alignment - 1) == 0
        if design == .reference && !isPowerOfTwo { return 0 }
        var positions: Set<UInt64> = []
        for x in 0 ..< universe.end { positions.insert(isPowerOfTwo ? (x + alignment - 1) / alignment * alignment : akRoundUp(x, alignment)) }
        return positions.count { p in
            p >= universe.base && p + size <= universe.end && !taken.contains { $0.0 < p + size && p < $0.1 }
        }
    }

    static let designs: [Design] = [.reference, .serenity]

    @Test(arguments: designs)
    func countsMatchABruteForceListing(_ design: Model.Design) throws {
        let universe = Universe.small
        var space = AddressSpace(universe: universe, design: design, serenityFixes: design == .serenity ? .all : [])
        let taken: [(UInt64, UInt64)] = [(0x11000, 0x12000), (0x15000, 0x17000), (0x1b000, 0x1c000)]
        for (lower, upper) in taken {
            #expect(Operation.mmap(upper - lower, .none, at: .fixedNoReplace(lower)).apply(to: &space) == .ok(lower))
        }
        let observation = space.observation()
        var masked = 0
        for alignment in (1 ... 8).map({ $0 * P }) {
            for size in [P, 2 * P, 3 * P] {
                let expected = Self.bruteForce(size: size, alignment: alignment, taken: taken, universe: universe, design: design)
                let count = observation.randomizedCandidateCount(size: size, alignment: alignment, universe: universe, design: design)
                #expect(count == UInt64(expected), "\(design) size \(size.hex) alignment \(alignment.hex)")
                let letter = Operation.mmap(size, .readWrite, at: .randomized, alignment: alignment)
                let branches = ExternalExplorer.branches(of: letter, in: observation, universe: universe, design: design)
                #expect(branches.map(\.randomizedChoice) == (expected == 0 ? [nil] : (0 ..< UInt64(expected)).map { $0 }))
                if alignment & (alignment - 1) != 0 && expected > 0 { masked += 1 }
            }
        }
        // The serenity design does place such alignments here; the reference does not.
        #expect(design == .serenity ? masked > 10 : masked == 0)
    }
}
