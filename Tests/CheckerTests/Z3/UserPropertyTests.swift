@testable import Checker
import Foundation
import Model
import Testing

/// A user's own property file is first-class: selectable with `--properties`, found by
/// `explore --z3 all`, and its counterexample replays as reproduced (exit 1) when replay is
/// given the file's folder.
@Suite struct UserPropertyTests {
    static func directory() throws -> String {
        let dir = ExplorerFixture.temporaryPath("user-properties")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try """
            ; id: at-most-one-region
            ; kind: state
            ; title: a demo policy: never more than one region
            ; witness: {region_count} regions exist
            (assert (>= region_count 2))
            """.write(toFile: dir + "/at-most-one-region.smt2", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func aUserPropertyIsSelectableFoundAndReplayed() throws {
        let dir = try Self.directory()
        let settings = try Z3Settings(mode: .all, extraDirectories: [dir])
        #expect(settings.userIDs == ["at-most-one-region"])
        let selection = try PropertySet(selection: "at-most-one-region", userIDs: settings.userIDs)
        #expect(selection.ids == ["internal-consistency", "no-overlap"], "only the user file, with the properties every run keeps")
        #expect(settings.selecting(selection).properties.map(\.id).sorted() == ["at-most-one-region", "no-overlap"], "the Z3 files among them")

        var request = try Z3WiringTests.request(depth: 3, properties: selection)
        request.z3 = settings.selecting(selection)
        let report = Explorer.run(request)
        let c = try #require(report.counterexample)
        #expect(c.violation.property == "at-most-one-region")
        #expect(c.trace.violates == "at-most-one-region")

        var replaySettings = settings
        replaySettings.mode = .all
        let replayed = Replayer.run(c.trace, source: "cx.json", z3: try replaySettings.makeCheck())
        #expect(replayed.reproduction != nil)
        #expect(!replayed.clean, "replay exits 1")
        #expect(replayed.verdictWord == "reproduced")

        let without = Replayer.run(c.trace, source: "cx.json")
        #expect(without.reproduction == nil && without.clean)
        #expect(without.summary.contains("not checked: give its file with --properties-dir"))
    }

    @Test func anUnknownIdIsStillAnInputErrorThatNamesTheUserIds() throws {
        #expect(throws: InputError.self) { try PropertySet(selection: "at-most-one-region") }
        do {
            _ = try PropertySet(selection: "nope", userIDs: ["at-most-one-region"])
            Issue.record("an unknown id was accepted")
        } catch {
            #expect(error.description.contains("at-most-one-region"))
        }
        let leftOut = try PropertySet(selection: "all,-at-most-one-region", userIDs: ["at-most-one-region", "mine"])
        #expect(leftOut.userSelection == ["mine"])
        #expect(leftOut.ids.count == PropertyCatalogue.all.count)
        #expect(try PropertySet(selection: "tlb-coherence", userIDs: ["mine"]).userSelection == [])
        #expect(try PropertySet(selection: "-first-fit", userIDs: ["mine"]).userSelection == nil)
    }
}
