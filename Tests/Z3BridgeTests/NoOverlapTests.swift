import Testing
@testable import Z3Bridge

@Suite struct NoOverlapTests {
    let checker: Z3PropertyChecker
    let property: Z3Property

    init() throws {
        checker = try Z3PropertyChecker()
        property = try builtIn("no-overlap", checker)
    }

    func check(_ regions: [Z3RegionFact]) throws -> Z3Verdict {
        try checker.check(property, facts: .state(universe: small, regions: regions, leaks: .init()))
    }

    @Test func overlappingRegionsAreReportedWithTheirRanges() throws {
        let verdict = try check([region(0, 2), region(4, 1), region(1, 2, object: 1)])
        #expect(witness(verdict) == "regions 0 and 2 overlap: [0x10000, 0x12000) and [0x11000, 0x13000)")
    }

    @Test func aRegionInsideAnotherOverlaps() throws {
        let verdict = try check([region(0, 8), region(3, 1, object: 1)])
        #expect(witness(verdict) == "regions 0 and 1 overlap: [0x10000, 0x18000) and [0x13000, 0x14000)")
    }

    @Test func adjacentAndDisjointRegionsHold() throws {
        #expect(try check([region(0, 2), region(2, 1, object: 1), region(5, 3, object: 2)]) == .holds)
        #expect(try check([]) == .holds)
        #expect(try check([region(0, 16)]) == .holds)
    }
}
