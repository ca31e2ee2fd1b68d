import Checker
import Foundation
import Model
import Testing

/// The findings of docs/findings-serenity.md: each stored trace replays at HEAD to its violation,
/// the search derives exactly the stored traces, each fix is needed (the search with every other
/// fix on still finds its violation) and the fixes together leave the search nothing.
@Suite struct SerenityFindingsTests {
    static func load(_ finding: SerenityFinding) throws -> Trace {
        do throws(InputError) {
            return try Trace.load(path: finding.path)
        } catch {
            throw error
        }
    }

    /// The first violation when `trace`'s steps run on the serenity design with `fixes`.
    static func firstViolation(_ trace: Trace, fixes: SerenityFixes = []) -> (step: Int, violation: Violation)? {
        var space = AddressSpace(universe: trace.universe, design: trace.design, serenityFixes: fixes)
        let properties = PropertySet()
        for (i, step) in trace.steps.enumerated() {
            let t = Transition(applying: step.operation, to: space)
            if let v = properties.firstViolation(t) { return (i + 1, v) }
            space = t.after.model!
        }
        return nil
    }

    @Test(arguments: SerenityFinding.all)
    func traceReplaysAtHeadToItsViolation(finding: SerenityFinding) throws {
        let trace = try Self.load(finding)
        #expect(trace.design == .serenity && trace.mutations.isEmpty && trace.violates == finding.property)
        let report = Replayer.run(trace, source: finding.path)
        #expect(report.passed && report.expectationsChecked == trace.steps.count, "\(report.text)")
        let found = Self.firstViolation(trace)
        #expect(found?.step == trace.steps.count, "the violation is at the last step, none before")
        #expect(found?.violation.property == finding.property)
    }

    @Test(arguments: SerenityFinding.all)
    func itsFixAloneRemovesTheViolation(finding: SerenityFinding) throws {
        let trace = try Self.load(finding)
        let withFix = Self.firstViolation(trace, fixes: finding.fix)
        #expect(withFix == nil, "with \(finding.fixName): \(withFix.map { "step \($0.step): \($0.violation)" } ?? "")")
    }

    /// The stored traces are what the search finds: for each fix, its HEAD traces (see
    /// `SerenitySearch.headTraces`) are exactly the findings listed for it, step for step.
    @Test(arguments: SerenityFixes.catalogue.map(\.name))
    func searchDerivesTheStoredTraces(fixName: String) throws {
        let search = SerenitySearch(universe: SerenityFinding.universe, depth: SerenityFinding.searchDepth)
        let derived = search.headTraces(for: SerenityFixes.named(fixName)!)
        let listed = SerenityFinding.all.filter { $0.fixName == fixName }
        #expect(derived.map(\.violation.property) == listed.map(\.property))
        for (finding, found) in zip(listed, derived) {
            let stored = try Self.load(finding)
            #expect(stored.steps.map(\.operation) == found.steps.map(\.operation), "\(finding.name): the search found \(found)")
            #expect(stored.steps.map(\.expected) == found.steps.map { ExpectedResult($0.result) })
        }
    }

    /// Each fix is needed: with every other fix on, the search still finds a violation of one of
    /// its findings' properties.
    @Test(arguments: SerenityFixes.catalogue.map(\.name))
    func searchWithEveryOtherFixFindsItsViolation(fixName: String) {
        let fix = SerenityFixes.named(fixName)!
        let search = SerenitySearch(universe: .tiny, fixes: SerenityFixes.all.subtracting(fix), depth: SerenityFinding.searchDepth)
        let found = search.shortestViolation()
        let expected = Set(SerenityFinding.all.filter { $0.fixName == fixName }.map(\.property))
        #expect(found.map { expected.contains($0.violation.property) } == true, "without \(fixName): \(found.map(\.description) ?? "clean")")
    }

    /// The fixes together: the same search finds nothing, on both universes.
    @Test(arguments: zip([Universe.tiny, .small], [4, 3]))
    func allFixesLeaveTheSearchNothing(universe: Universe, depth: Int) {
        let search = SerenitySearch(universe: universe, fixes: .all, depth: depth)
        var statistics = SerenitySearch.Statistics()
        let found = search.shortestViolation(statistics: &statistics)
        #expect(found == nil, "\(found.map(\.description) ?? "")")
        #expect(statistics.transitions > 1_000, "the search really ran (\(statistics.transitions) transitions)")
    }

    /// HEAD itself: the shortest violation is one step long.
    @Test func headViolatesInOneStep() {
        let found = SerenitySearch(universe: .tiny, depth: 2).shortestViolation()
        #expect(found?.length == 1 && found?.violation.property == "hole-soundness")
    }

    /// Opt-in (REGIONCHECK_WRITE_FINDINGS=1): writes docs/findings/*.json from the search.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["REGIONCHECK_WRITE_FINDINGS"] != nil))
    func writeFindingTraces() throws {
        let search = SerenitySearch(universe: SerenityFinding.universe, depth: SerenityFinding.searchDepth)
        try FileManager.default.createDirectory(at: SerenityFinding.packageRoot.appendingPathComponent("docs/findings"),
                                                withIntermediateDirectories: true)
        for (fixName, fix) in SerenityFixes.catalogue {
            let derived = search.headTraces(for: fix)
            for finding in SerenityFinding.all where finding.fixName == fixName {
                let found = try #require(derived.first { $0.violation.property == finding.property })
                let trace = found.trace(universe: SerenityFinding.universe,
                                        description: finding.summary + " Fix: \(finding.fixName). Violation: \(found.violation.explanation)")
                do throws(InputError) { try trace.write(to: finding.path) } catch { throw error }
            }
        }
    }
}
