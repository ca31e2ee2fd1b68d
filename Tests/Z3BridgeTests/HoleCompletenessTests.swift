import Testing
@testable import Z3Bridge

@Suite struct HoleCompletenessTests {
    let checker: Z3PropertyChecker
    let property: Z3Property

    init() throws {
        checker = try Z3PropertyChecker()
        property = try builtIn("hole-completeness", checker)
    }

    func mmap(_ kind: Z3OperationCode = .mmapAnywhere, pages: Int, align: Int = P, result: Z3ResultFact,
              before: [Z3RegionFact], universe: Z3UniverseFact = small) throws -> Z3Verdict {
        let facts = Z3Facts.transition(
            universe: universe, before: before,
            operation: .init(kind: kind, size: pages * universe.pageSize, align: align, prot: 3),
            result: result, after: before)
        return try checker.check(property, facts: facts)
    }

    @Test func enomemWithAHoleIsReportedWithTheHole() throws {
        // Pages 0-5 and 8-15 are mapped: the 2-page hole at page 6 fits exactly.
        let verdict = try mmap(pages: 2, result: .failure(Z3Errno.enomem), before: [region(0, 6), region(8, 8, object: 1)])
        #expect(witness(verdict) == "mmap of 0x2000 bytes aligned to 0x1000 failed with ENOMEM, but [0x16000, 0x18000) is an aligned hole inside the total range")
    }

    @Test func randomizedPlacementIsCoveredToo() throws {
        let verdict = try mmap(.mmapRandomized, pages: 1, result: .failure(Z3Errno.enomem), before: [region(0, 15)])
        #expect(witness(verdict) == "mmap of 0x1000 bytes aligned to 0x1000 failed with ENOMEM, but [0x1f000, 0x20000) is an aligned hole inside the total range")
    }

    @Test func enomemWithoutAFittingHoleHolds() throws {
        // Holes of one page at pages 2 and 5: too small for two pages.
        let before = [region(0, 2), region(3, 2, object: 1), region(6, 10, object: 2)]
        #expect(try mmap(pages: 2, result: .failure(Z3Errno.enomem), before: before) == .holds)
        #expect(try mmap(pages: 1, result: .failure(Z3Errno.enomem), before: [region(0, 16)]) == .holds)
    }

    @Test func onlyAnAlignedHoleCounts() throws {
        // Free pages 1-4 (0x11000-0x15000): a 0x4000-aligned 2-page range does not fit in them,
        // but a 0x2000-aligned one does, at 0x12000.
        let before = [region(0, 1), region(5, 11, object: 1)]
        #expect(try mmap(pages: 2, align: 0x8000, result: .failure(Z3Errno.enomem), before: before) == .holds)
        let verdict = try mmap(pages: 2, align: 0x2000, result: .failure(Z3Errno.enomem), before: before)
        #expect(witness(verdict)?.contains("[0x12000, 0x14000)") == true)
    }

    @Test func enomemFromAFailedAllocationIsNotAPlacementFailure() throws {
        #expect(try mmap(pages: 1, result: .failure(Z3Errno.enomem, allocFailed: true), before: []) == .holds)
    }

    @Test func otherOperationsAndResultsAreOutOfScope() throws {
        #expect(try mmap(.mmapFixedNoReplace, pages: 1, result: .failure(Z3Errno.enomem), before: []) == .holds)
        #expect(try mmap(pages: 1, result: .failure(Z3Errno.einval), before: []) == .holds)
        #expect(try mmap(pages: 1, result: .success(addr: small.totalBase), before: []) == .holds)
    }

    /// The real 64-bit user range with many regions: the bounded quantifier stays fast.
    @Test func serenitySizedRangeIsDecidedQuickly() throws {
        let serenity = Z3UniverseFact(pageSize: P, totalBase: 0x10000, totalEnd: 0x1f_fe00_0000)
        // 64 regions spread over the range with 1 MiB gaps, last one reaching the end.
        var regions: [Z3RegionFact] = []
        var base = serenity.totalBase
        for index in 0..<64 {
            let end = index == 63 ? serenity.totalEnd : base + 0x7_0000_0000 / 64
            regions.append(Z3RegionFact(base: base, end: end, prot: 3, object: index, offset: 0))
            base = end + 0x10_0000
        }
        let start = ContinuousClock.now
        let failing = try mmap(pages: 0x100, result: .failure(Z3Errno.enomem), before: regions, universe: serenity)
        #expect(witness(failing) != nil)
        // No gap is 2 MiB: a 2 MiB request that fails is right.
        let full = try mmap(pages: 0x200, align: P, result: .failure(Z3Errno.enomem), before: regions, universe: serenity)
        #expect(full == .holds)
        #expect(ContinuousClock.now - start < .seconds(5))
    }
}
