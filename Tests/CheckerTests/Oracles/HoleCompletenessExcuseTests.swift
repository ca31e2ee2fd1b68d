@testable import Checker
import Model
import Testing

/// `hole-completeness` excuses an ENOMEM by the page tables of the range the step attempted —
/// for a randomized mmap the candidate its choice names — not by those of the lowest hole.
@Suite struct HoleCompletenessExcuseTests {
    /// Issue 17's universe: 4096 pages, 512 per table, two tables in the pool.
    static let universe = try! Universe(base: 0x10000, pages: 4096, pagesPerTable: 512, frames: 8, pageTables: 2)

    /// Issue 17's reproducer: candidate 1006 (0x3ff000) straddles a table boundary and needs two
    /// new tables where one is free, so the ENOMEM is allowed although the lowest hole needs none.
    @Test func randomizedCandidateThatNeedsTwoTablesMayFail() {
        var space = AddressSpace(universe: Self.universe)
        let first = Transition(applying: .mmap(0x1000, .readWrite), to: space)
        #expect(first.result == .ok(0x10000))
        space = first.after.model!
        let step = Transition(applying: .mmap(0x2000, .readWrite, at: .randomized, choice: 1006), to: space)
        #expect(step.result == .error(.ENOMEM))
        #expect(PlacementProperties.holeCompleteness.check(step) == nil)
        #expect(PropertySet().firstViolation(step) == nil)
    }

    /// The excuse is not a blanket one: the same ENOMEM for a candidate inside the table already
    /// allocated is a missed hole.
    @Test func randomizedCandidateInAnAllocatedTableMayNotFail() {
        let region = ObservedRegion(base: 0x10000, size: 0x1000, protection: .readWrite, object: 0, offset: 0)
        var observed = Observation(capabilities: .all, regions: [region], pageTables: [0],
                                   objects: [ObservedObject(id: 0, pageCount: 1, referenceCount: 1, populated: [])])
        let before = ObservedState(observation: observed, universe: Self.universe, design: .reference)
        observed.regions = [region]
        let after = ObservedState(observation: observed, universe: Self.universe, design: .reference)
        let step = Transition(before: before, operation: .mmap(0x2000, .readWrite, at: .randomized, choice: 0),
                              result: .error(.ENOMEM), after: after)
        let violation = PlacementProperties.holeCompleteness.check(step)
        #expect(violation?.property == "hole-completeness")
        #expect(violation?.explanation.contains("[0x11000, 0x13000)") == true)
    }
}
