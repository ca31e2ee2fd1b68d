import Testing
@testable import Z3Bridge

@Suite struct SplitPartitionTests {
    let checker: Z3PropertyChecker
    let property: Z3Property

    init() throws {
        checker = try Z3PropertyChecker()
        property = try builtIn("split-partition", checker)
    }

    /// Applies munmap or mprotect of `pages` pages at page `page` with the given outcome.
    func step(_ kind: Z3OperationCode, page: Int, pages: Int, prot: Int = 0, ok: Bool = true,
              before: [Z3RegionFact], after: [Z3RegionFact]) throws -> Z3Verdict {
        let facts = Z3Facts.transition(
            universe: small, before: before,
            operation: .init(kind: kind, addr: small.totalBase + page * P, size: pages * P, align: P, prot: prot),
            result: ok ? .success() : .failure(Z3Errno.enomem), after: after)
        return try checker.check(property, facts: facts)
    }

    // A 4-page region at pages 2-5 whose VMObject 7 is entered at page 3.
    let source = region(2, 4, prot: 3, object: 7, offset: 3)

    @Test func munmapOfTheMiddleKeepsBothPartsAtTheirObjectPages() throws {
        let after = [region(2, 1, prot: 3, object: 7, offset: 3), region(4, 2, prot: 3, object: 7, offset: 5)]
        #expect(try step(.munmap, page: 3, pages: 1, before: [source], after: after) == .holds)
    }

    @Test func munmapRoundsTheRangeOutToPages() throws {
        // munmap(base + 0x1800, 0x1000) covers pages 3 and 4.
        let facts = Z3Facts.transition(
            universe: small, before: [source],
            operation: .init(kind: .munmap, addr: small.totalBase + 3 * P + 0x800, size: P, align: P),
            result: .success(),
            after: [region(2, 1, prot: 3, object: 7, offset: 3), region(5, 1, prot: 3, object: 7, offset: 6)])
        #expect(try checker.check(property, facts: facts) == .holds)
    }

    /// The split-offset-ignores-source mutant: the tail's offset forgets the source offset.
    @Test func aSplitPartThatForgetsTheSourceOffsetLosesPages() throws {
        let after = [region(2, 1, prot: 3, object: 7, offset: 3), region(4, 2, prot: 3, object: 7, offset: 2)]
        let verdict = try step(.munmap, page: 3, pages: 1, before: [source], after: after)
        #expect(witness(verdict) == "page 0x14000 is lost: no single after-region maps it to the same VMObject page with the expected protection (before-region 0, after-regions -1 and -1; -1 = not involved)")
    }

    @Test func munmapThatLeavesTheRangeMappedIsReported() throws {
        let verdict = try step(.munmap, page: 3, pages: 1, before: [source], after: [source])
        #expect(witness(verdict) == "page 0x13000 lies in the unmapped range but is still mapped (before-region 0, after-regions 0 and -1; -1 = not involved)")
    }

    @Test func aKeptPartThatChangesObjectIsLost() throws {
        let after = [region(2, 1, prot: 3, object: 8, offset: 3)]
        let verdict = try step(.munmap, page: 3, pages: 3, before: [source], after: after)
        #expect(witness(verdict)?.hasPrefix("page 0x12000 is lost") == true)
    }

    @Test func mprotectOfTheMiddleGivesThreeParts() throws {
        let after = [region(2, 1, prot: 3, object: 7, offset: 3), region(3, 2, prot: 1, object: 7, offset: 4),
                     region(5, 1, prot: 3, object: 7, offset: 6)]
        #expect(try step(.mprotect, page: 3, pages: 2, prot: 1, before: [source], after: after) == .holds)
    }

    @Test func mprotectThatKeepsTheOldProtectionLosesThePage() throws {
        // The covered part keeps R|W although R was asked for.
        let after = [region(2, 1, prot: 3, object: 7, offset: 3), region(3, 2, prot: 3, object: 7, offset: 4),
                     region(5, 1, prot: 3, object: 7, offset: 6)]
        let verdict = try step(.mprotect, page: 3, pages: 2, prot: 1, before: [source], after: after)
        #expect(witness(verdict)?.hasPrefix("page 0x13000 is lost") == true)
    }

    @Test func overlappingAfterRegionsDuplicateAPage() throws {
        let after = [region(2, 2, prot: 3, object: 7, offset: 3), region(3, 3, prot: 1, object: 7, offset: 4)]
        let verdict = try step(.mprotect, page: 3, pages: 3, prot: 1, before: [source], after: after)
        #expect(witness(verdict) == "page 0x13000 is covered by two after-regions (before-region -1, after-regions 0 and 1; -1 = not involved)")
    }

    @Test func aRegionThatAppearsFromNowhereIsReported() throws {
        let after = [source, region(9, 1, prot: 3, object: 8)]
        let verdict = try step(.mprotect, page: 2, pages: 4, prot: 3, before: [source], after: after)
        #expect(witness(verdict) == "page 0x19000 is mapped after the operation but by no region before (before-region -1, after-regions 1 and -1; -1 = not involved)")
    }

    @Test func multiRegionMunmapRemovesCoveredRegionsAndTrimsTheEnds() throws {
        let before = [region(0, 2, object: 0), region(2, 2, object: 1, offset: 1), region(4, 4, object: 2)]
        let after = [region(0, 1, object: 0), region(6, 2, object: 2, offset: 2)]
        #expect(try step(.munmap, page: 1, pages: 5, before: before, after: after) == .holds)
        // Unmapping nothing also partitions trivially.
        #expect(try step(.munmap, page: 10, pages: 2, before: before, after: before) == .holds)
    }

    @Test func failedOperationsAndOtherOperationsAreOutOfScope() throws {
        #expect(try step(.mprotect, page: 3, pages: 1, ok: false, before: [source], after: []) == .holds)
        #expect(try step(.touch, page: 3, pages: 1, before: [source], after: []) == .holds)
    }
}
