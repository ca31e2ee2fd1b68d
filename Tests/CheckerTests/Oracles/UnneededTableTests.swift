@testable import Checker
import Model
import Testing

@Suite struct UnneededTableTests {
    /// The direct scan (few regions) and the merged spans (many) name the same first unneeded
    /// table, on random layouts on both sides of the switch-over, judged against a brute-force
    /// listing of the tables each accessible region's pages lie in.
    @Test func bothPathsAgreeWithABruteForceListing() {
        let universe = Universe.serenity
        let P = universe.pageSize, perTable = universe.pagesPerTable
        var state: UInt64 = 42
        func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 33) % bound
        }
        for count in [1, 3, RegionIndex.scanLimit - 1, RegionIndex.scanLimit, 40] {
            for _ in 0 ..< 50 {
                var regions: [ObservedRegion] = []
                var base = universe.base
                for _ in 0 ..< count {
                    base += next(4 * perTable) * P
                    let size = (1 + next(2 * perTable)) * P
                    regions.append(ObservedRegion(base: base, size: size, protection: next(3) == 0 ? .none : .readWrite,
                                                  object: UInt64(regions.count), offset: 0))
                    base += size
                }
                let lastTable = (base - 1) / P / perTable + 2
                let tables = (universe.base / P / perTable ... lastTable).filter { _ in next(2) == 0 }
                let observation = Observation(capabilities: .all, regions: regions, pageTables: tables)
                let needed = Set(regions.filter { $0.protection.isAccessible }.flatMap { r in
                    Array(r.base / P / perTable ... (r.base + r.size - 1) / P / perTable)
                })
                #expect(ResourceOracle.firstUnneededTable(in: observation, universe: universe) == tables.first { !needed.contains($0) },
                        "\(count) regions")
            }
        }
    }
}
