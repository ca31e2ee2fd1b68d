@testable import Checker
import Model
import Testing
import Z3Bridge

/// `prove` covers top-down placement as it covers anywhere: proved on the reference and tied to
/// `RegionTree.findTopDown`; a patched top-down that breaks the specification is a
/// counterexample whose trace replays to the violation through the patched code; an encoding
/// that left the code behind is a mismatch (exit 3).
@Suite struct ProveTopDownTests {
    static let universe = Universe.serenity
    static let P = Universe.serenity.pageSize

    @Test func referenceIsProvedAndTiedToTheCode() throws {
        let report = try ProveRun.run(regions: 3, obligations: [.topDown], timeout: 60)
        #expect(report.exitCode == 0, "\(report.text)")
        let result = report.results[0]
        guard case .proved = result.verdict else { Issue.record("\(result.verdict)"); return }
        let conformance = try #require(result.conformance)
        #expect(conformance.branchesTaken >= 30 && conformance.concreteSamples >= 40, "\(conformance.line)")
        #expect(result.queries >= 2 + ProveObligation.alignmentExponents.count, "the rounding-down lemma, a window lemma per alignment, the composition")
    }

    /// With the values pinned, Z3's evaluation of the encoding answers exactly as `findTopDown`
    /// on random layouts of the serenity range (exact-fit holes, holes near the top, every alignment).
    @Test func encodingMatchesFindTopDown() throws {
        var rng = SplitMix64(seed: 0x7d0)
        let K = 5
        var found = 0, enomem = 0
        for case_ in 0 ..< 120 {
            let regions = ProveDifferentialTests.layout(&rng, maxRegions: K)
            let j = [0, 0, 1, 2, 3, Int.random(in: 0 ... 20, using: &rng)][Int.random(in: 0 ... 5, using: &rng)]
            let holes = ProveDifferentialTests.holes(regions)
            let sizePages: UInt64 = Bool.random(using: &rng) && !holes.isEmpty
                ? holes.randomElement(using: &rng)!
                : [1, 2, 3, UInt64.random(in: 1 ... 64, using: &rng), Self.universe.pages / 3, Self.universe.pages + 1][Int.random(in: 0 ... 5, using: &rng)]
            let encoding = TopDownEncoding(layout: SymbolicLayout(regions: K, universe: Self.universe), alignmentExponent: j)
            let text = encoding.branchBase + ProveDifferentialTests.pins(regions, pages: true) + "(assert (= s \(sizePages)))\n"
            let z3 = try EncodingEvaluation.evaluate(text, names: ["found", "res_base"])
            let space = try #require(ProveLayoutSpace.build(regions, universe: Self.universe, mutations: []))
            let swift = try? space.regions.findTopDown(size: sizePages * Self.P, alignment: Self.P << UInt64(j))
            #expect(ProveDifferentialTests.bool(z3["found"]) == (swift != nil), "case \(case_): \(regions), \(sizePages) pages, 2^\(j): Z3 \(z3), Swift \(String(describing: swift))")
            if let swift {
                found += 1
                #expect(UInt64(ProveDifferentialTests.int(z3["res_base"])) * Self.P == swift.base, "case \(case_): \(regions), \(sizePages) pages, 2^\(j): Z3 \(z3), Swift \(swift)")
            } else { enomem += 1 }
        }
        #expect(found > 20 && enomem > 5, "both answers exercised: \(found) found, \(enomem) ENOMEM")
    }

    /// The oracle agrees with the checker's other one (`PlacementOracle.highestFit`, written
    /// independently) on small layouts of every shape.
    @Test func oracleAgreesWithThePlacementOracle() {
        var rng = SplitMix64(seed: 0x7d1)
        for _ in 0 ..< 300 {
            let regions = ProveDifferentialTests.layout(&rng, maxRegions: 4)
            let size = UInt64.random(in: 1 ... 8, using: &rng) * Self.P, alignment = Self.P << UInt64.random(in: 0 ... 3, using: &rng)
            let observed = regions.map { ObservedRegion(base: $0.base, size: $0.end - $0.base, protection: .none, object: 0, offset: 0) }
            let holes = HoleOracle.holes(of: observed, in: Self.universe.totalRange)
            let other = PlacementOracle.highestFit(size: size, alignment: alignment, holes: holes)
            let answer = ProveOracle.topDown(regions, size: size, alignment: alignment, universe: Self.universe)
            #expect(answer == (other.map { ConformanceAnswer(result: .ok($0.lower), placed: [$0.lower, $0.upper]) } ?? ConformanceAnswer(result: .error(.ENOMEM))),
                    "\(regions), \(size.hex) aligned \(alignment.hex)")
        }
    }

    /// The same run checks the same samples: the summary is deterministic.
    @Test func conformanceIsDeterministic() throws {
        func summary() throws -> [Int] {
            let report = try ProveRun.run(regions: 2, obligations: [.topDown], timeout: 60)
            let c = try #require(report.results[0].conformance)
            return [c.branchesTaken, c.branchesUnreachable, c.concreteSamples]
        }
        #expect(try summary() == summary())
    }

    /// A top-down placement that never takes an exact-fit hole (`end − start > size` instead of
    /// `≥`): the encoding still takes it, the code does not, the oracle says the code is wrong.
    static let exactFitSkipped = ProvedCode(name: "top-down skipping exact fits") { operation, space in
        guard case let .mmap(size, protection, .topDown, _, alignment, _) = operation else { return operation.apply(to: &space) }
        let align = alignment ?? space.pageSize
        var top: UInt64?
        space.regions.forEachHole { start, end in
            if end - start > size, (end - size) & ~(align - 1) >= start { top = (end - size) & ~(align - 1) }
            return false
        }
        guard let top else { return .error(.ENOMEM) }
        return Operation.mmap(size, protection, at: .fixedNoReplace(top)).apply(to: &space)
    }

    @Test func exactFitOffByOneIsACounterexampleThatReplays() throws {
        let report = try ProveRun.run(regions: 3, obligations: [.topDown], timeout: 60, code: Self.exactFitSkipped)
        #expect(report.exitCode == 1, "\(report.text)")
        guard case let .counterexample(c) = report.results[0].verdict else { Issue.record("\(report.results[0].verdict)"); return }
        #expect(c.swiftAgrees != true, "\(c.lines)")
        #expect(c.witness.contains("skipping exact fits"), "\(c.witness)")
        // As small as the question: one region or none makes an exact-fit hole the highest.
        #expect(c.regions.count <= 1, "\(c.lines)")
        // The trace replays to a violation through the patched code, and is clean on the reference.
        let trace = try #require(c.trace(universe: Self.universe, mutations: [], obligation: .topDown))
        var space = AddressSpace(universe: Self.universe)
        var violations: [Violation] = []
        for step in trace.steps {
            let before = space
            let result = Self.exactFitSkipped.apply(step.operation, &space)
            violations = PropertySet().allViolations(Transition(before: before, operation: step.operation, result: result, after: space))
            if step.operation.requestSize != nil, case .mmap(_, _, .fixedNoReplace, _, _, _) = step.operation { #expect(violations.isEmpty) }
        }
        #expect(violations.contains { $0.property == "top-down-fit" || $0.property == "hole-completeness" }, "\(violations)")
        #expect(Replayer.run(trace, source: "<test>").violatingSteps.isEmpty, "the reference replays the same steps cleanly")
    }

    /// An encoding that over-aligns (2P) while the code and the specification are asked at P:
    /// the code meets the specification, the encoding does not answer as it: exit 3, never PROVED.
    @Test func encodingThatLeftTheCodeBehindIsAMismatch() throws {
        let layout = SymbolicLayout(regions: 3, universe: Self.universe)
        var samples = ConformanceSamples(universe: Self.universe, maxRegions: 3, rng: SplitMix64(seed: 1))
        let probe = EncodingConformance.topDownProbe(TopDownEncoding(layout: layout, alignmentExponent: 1), windows: Set(0 ... 3),
                                                     samples: samples.anywhere(alignmentExponent: 0, count: 4, placement: .topDown),
                                                     universe: Self.universe, alignmentExponent: 0)
        let outcome = try EncodingConformance.check(.topDown, regions: 3, mutations: [], code: .model, universe: Self.universe, timeout: 60, probes: [probe])
        guard case let .mismatch(m) = outcome else { Issue.record("\(outcome)"); return }
        #expect(m.code == m.specification && m.encoding != m.code, "\(m.lines)")
        let report = ProveReport(regions: 3, universe: Self.universe, mutations: [], timeout: 60,
                                 results: [ObligationResult(obligation: .topDown, verdict: .mismatch(m), seconds: 0, queries: 0)])
        #expect(report.exitCode == 3)
        #expect(report.text.contains("NO LONGER MATCHES"))
    }
}
