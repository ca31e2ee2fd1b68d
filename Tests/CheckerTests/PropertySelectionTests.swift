import Checker
import Foundation
import Model
import Testing

/// A `--properties` selection always keeps `no-overlap`: the model cannot go on from
/// overlapping regions (a split would insert a second region at a base and trap), so a run that
/// looks for something else must still stop there instead of crashing.
@Suite struct PropertySelectionTests {
    @Test func everySelectionKeepsNoOverlap() throws {
        #expect(try PropertySet(selection: "access-agreement").ids == ["internal-consistency", "no-overlap", "access-agreement"])
        #expect(try PropertySet(selection: "-first-fit").ids.contains("no-overlap"))
        #expect(throws: InputError.self) { try PropertySet(selection: "-no-overlap") }
    }

    @Test(arguments: ["specific-check-keyed-on-base", "dual-authority"])
    func aRunLookingForSomethingElseStopsWhereAMutantMadeRegionsOverlap(mutant: String) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("selection-\(mutant)-\(UUID().uuidString).json").path
        let setup = RandomSetup(universe: .small, mutations: try #require(Mutations.named(mutant)),
                                properties: try PropertySet(selection: "access-agreement"))
        let report = try RandomCheck.run(setup, RandomOptions(runs: 200, steps: 200, seed: 1, traceOut: path, universeArgument: "small"))
        #expect(report.failure?.violation.property == "no-overlap")
    }
}
