@testable import Checker
import Foundation
import Model
import Testing

/// `prove` in the kill matrix: it kills exactly the mutants whose seams it encodes, each with a
/// trace (layout, then request) that replays to a catalogue violation; it clears the reference
/// and declines the legacy allocator it does not encode.
@Suite struct ProveDetectorTests {
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regioncheck-prove-detector-\(UUID().uuidString)").path
    static let detector = ProveDetector(regions: 2)
    static let context = DetectorContext(outputDirectory: directory)

    static func detect(_ name: String) throws -> DetectorResult {
        let subject = try #require(MutantSubject.catalogue.first { $0.name == name })
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        return try detector.detect(subject, context: context)
    }

    @Test(arguments: ["window-needs-size-plus-alignment", "tail-window-untrimmed", "specific-check-keyed-on-base", "split-offset-ignores-source"])
    func killsEachPlacementAndSplitSeamWithAReplayableTrace(name: String) throws {
        let result = try Self.detect(name)
        let finding = try #require(result.finding, "\(name): \(result.verdict)")
        #expect(PropertyCatalogue.ids.contains(finding.violation.property))
        let trace = try Trace.load(path: finding.tracePath)
        let replay = Replayer.run(trace, source: finding.tracePath)
        let first = try #require(replay.violatingSteps.first, "\(name): the layout and request replay without a violation")
        #expect(first.violations.first?.property == finding.violation.property)
        #expect(first.index == trace.steps.count, "the request, after the layout, is what violates")
        #expect(finding.reproduction.contains("--mutant \(name)"))
    }

    @Test func theReferenceIsProvedAndTheLegacyAllocatorIsNotJudged() throws {
        let reference = try Self.detector.detect(.reference, context: Self.context)
        guard case .clean = reference.verdict else { Issue.record("reference: \(reference.verdict)"); return }
        let dual = try Self.detect("dual-authority")
        guard case .notApplicable = dual.verdict else { Issue.record("dual-authority: \(dual.verdict)"); return }
        let tlb = try Self.detect("skip-tlb-flush")
        guard case .clean = tlb.verdict else { Issue.record("skip-tlb-flush is outside prove's obligations: \(tlb.verdict)"); return }
    }

    @Test func aSplitLayoutWhoseOffsetReachesBelowTheRangeIsMovedUp() throws {
        let universe = Universe.serenity, P = universe.pageSize, base = universe.totalRange.base
        var counterexample = ProveCounterexample(regions: [(base: base, end: base + 3 * P, offset: 2)], request: "munmap",
                                                 returned: "", expected: "", witness: "")
        counterexample.operation = Checker.Operation.munmap(address: base + P, size: P)
        let trace = try #require(counterexample.trace(universe: universe, mutations: [], obligation: ProveObligation.split))
        let expected: [Checker.Operation] = [Checker.Operation.mmap(5 * P, .none, at: .fixedNoReplace(base)),
                                     Checker.Operation.munmap(address: base, size: 2 * P),
                                     Checker.Operation.munmap(address: base + 3 * P, size: P)]
        #expect(trace.steps.map(\.operation) == expected)
        var space = AddressSpace(universe: universe)
        for step in trace.steps.dropLast() { _ = step.operation.apply(to: &space) }
        let region = try #require(space.regions.regions(intersecting: VirtualRange(base: base + 2 * P, size: P)).first)
        #expect(region.offset == 2 && region.range.base == base + 2 * P && region.range.size == 3 * P)
    }
}
