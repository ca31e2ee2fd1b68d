import Checker
import Foundation
import Model
import Testing

/// The checker side of the `serenity` design: the trace format names it, replay runs it, the
/// properties judge its documented error codes by its own conventions, and nothing else.
@Suite struct SerenityCheckerTests {
    static func trace(_ json: String) throws(InputError) -> Trace {
        try Trace.parse(Data(json.utf8), source: "test.json")
    }

    @Test func traceFormatAcceptsTheSerenityDesign() throws {
        let trace = try Self.trace("""
            {"version": 1, "universe": "tiny", "design": "serenity",
             "steps": [{"op": "mmap", "size": "0x1000", "placement": "fixed-noreplace", "addr": "0x11000"},
                       {"op": "mmap", "size": "0x1000", "expect": {"ok": "0x12000"}}]}
            """)
        #expect(trace.design == .serenity)
        let report = Replayer.run(trace, source: "test.json")
        #expect(report.passed, "replay builds the space with the trace's design: \(report.text)")
        #expect(report.text.contains("design serenity"))
        // The same steps on the reference design take the exact fit at 0x10000.
        var reference = trace
        reference.design = .reference
        #expect(!Replayer.run(reference, source: "test.json").passed)
        #expect(trace.jsonText().contains("\"design\": \"serenity\""))
        #expect(try Trace.parse(Data(trace.jsonText().utf8), source: "again") == trace)
    }

    @Test func mutantsOnTheSerenityDesignAreBadInput() {
        #expect(throws: InputError(source: "test.json", location: "field 'mutations'",
                                   message: "mutants are seams of the reference design; the serenity design takes none")) {
            _ = try Self.trace("""
                {"version": 1, "universe": "tiny", "design": "serenity", "mutations": ["skip-tlb-flush"], "steps": []}
                """)
        }
        do {
            _ = try Self.trace(#"{"version": 1, "universe": "tiny", "design": "linux", "steps": []}"#)
            Issue.record("an unknown design must be rejected")
        } catch {
            #expect(error.location == "field 'design'" && error.message.contains("reference, serenity"))
        }
    }

    @Test(arguments: ["TestMunMap-munmap_zero_page-serenity", "TestAnonymousMmap-split-keeps-data-serenity",
                      "TestMunMap-munmap_zero_page", "TestAnonymousMmap-split-keeps-data"])
    func portedScenarioReplays(name: String) throws {
        let path = SerenityFinding.packageRoot.appendingPathComponent("Tests/CheckerTests/Scenarios/\(name).json").path
        let trace: Trace
        do throws(InputError) { trace = try Trace.load(path: path) } catch { throw error }
        let report = Replayer.run(trace, source: path)
        #expect(report.passed && report.expectationsChecked > 0, "\(report.text)")
    }

    // A fixed-noreplace collision: EEXIST is the reference's word, ENOMEM HEAD's.
    @Test func specificExactnessJudgesACollisionByTheDesignsConventions() {
        var serenity = AddressSpace(universe: .tiny, design: .serenity)
        _ = Operation.mmap(2 * 4096).apply(to: &serenity)
        let collision = Transition(applying: .mmap(4096, at: .fixedNoReplace(0x11000)), to: serenity)
        #expect(collision.result == .error(.ENOMEM))
        #expect(PropertySet().firstViolation(collision) == nil, "a documented difference is not a violation")
        let strict = PropertySet(conventions: .reference).firstViolation(collision)
        #expect(strict?.property == "specific-exactness", "judged by the reference's conventions it is")

        var reference = AddressSpace(universe: .tiny)
        _ = Operation.mmap(2 * 4096).apply(to: &reference)
        let referenceCollision = Transition(applying: .mmap(4096, at: .fixedNoReplace(0x11000)), to: reference)
        #expect(referenceCollision.result == .error(.EEXIST))
        #expect(PropertySet().firstViolation(referenceCollision) == nil)
        #expect(PropertySet(conventions: .serenity).firstViolation(referenceCollision)?.property == "specific-exactness")
    }

    @Test func specificExactnessJudgesThePastTheCeilingErrnoByTheDesignsConventions() {
        let space = AddressSpace(universe: .tiny, design: .serenity)
        let pastCeiling = Transition(applying: .mmap(2 * 4096, at: .fixedNoReplace(Universe.tiny.end - 4096)), to: space)
        #expect(pastCeiling.result == .error(.EFAULT))
        #expect(PropertySet().firstViolation(pastCeiling) == nil)
        #expect(PropertySet(conventions: .reference).firstViolation(pastCeiling)?.property == "specific-exactness")
        // Below the total range (still a user range) both designs say ENOMEM.
        let below = Transition(applying: .mmap(2 * 4096, at: .fixedNoReplace(Universe.tiny.base - 4096)), to: space)
        #expect(below.result == .error(.ENOMEM) && PropertySet().firstViolation(below) == nil)
        // Everything else is judged the same: succeeding past the ceiling is a violation either way.
        #expect(ErrorConventions(of: .serenity) == .serenity && ErrorConventions(of: .reference) == .reference)
    }

    @Test func selectionKeepsTheConventions() throws {
        let set = try PropertySet(selection: "specific-exactness", conventions: .reference)
        #expect(set.ids == ["internal-consistency", "no-overlap", "specific-exactness"] && set.conventions == .reference)  // no-overlap is always in
        #expect(try PropertySet(selection: nil).conventions == nil)
    }

    // The randomized choice, not the lowest hole, needed the page table that could not be had.
    @Test func randomizedENOMEMFromTheChosenCandidatesTableIsNoMissedHole() {
        for design in Design.allCases {
            var space = AddressSpace(universe: .tiny, design: design)
            _ = Operation.mmap(4096).apply(to: &space)
            _ = Operation.failNext(kind: .pageTable, count: 1).apply(to: &space)
            let t = Transition(applying: .mmap(4096, at: .randomized, choice: 1), to: space)
            #expect(t.result == .error(.ENOMEM), "candidate 1 is 0x12000, in a table not yet allocated (\(design))")
            #expect(PropertySet().firstViolation(t) == nil, "\(design)")
        }
    }

    // Found by `random --design serenity --fix all`: MAP_FIXED with an alignment that is not a
    // power of two (legal there, ignored by fixed placement) replaces what it covers, and
    // offset-coherence must know the range it replaced rather than report the new object.
    @Test func fixedMmapWithAMaskedAlignmentReplacesItsRange() {
        var space = AddressSpace(universe: .tiny, design: .serenity, serenityFixes: .all)
        _ = Operation.mmap(2 * 4096).apply(to: &space)
        let replace = Operation.mmap(size: 4096, protection: .readWrite, placement: .fixed, address: 0x10000,
                                     alignment: 3 * 4096, choice: nil)
        let t = Transition(applying: replace, to: space)
        #expect(t.result == .ok(0x10000))
        #expect(PropertySet().firstViolation(t) == nil)
        #expect(t.after.regions.count == 2, "the new page beside what is left of the old region")
    }
}
