@testable import Checker
import Model
import Testing
import Z3Bridge

/// `ProveDecoding.topDown`: Z3 models of the top-down obligation read back into a layout, a
/// request, the encoding's answer, the specification's and the Swift code's, and a decoded
/// counterexample that replays. The reference's obligation is unsatisfiable, so the models come
/// from the obligation with its window test patched as `ProveTopDownTests.exactFitSkipped`
/// patches the code (`end − start > s`: an exact-fit hole is never taken).
@Suite struct ProveDecodingTopDownTests {
    static let universe = Universe.serenity
    static let P = Universe.serenity.pageSize

    /// The obligation with every window's size test made strict.
    static func patchedObligation(_ encoding: TopDownEncoding) -> String {
        var algorithm = encoding.algorithm
        for i in 0 ... encoding.layout.regions {
            let test = "(>= (- \(encoding.end(i)) ws_\(i)) s)"
            #expect(algorithm.contains(test), "window \(i)'s size test is where the patch expects it")
            algorithm = algorithm.replacingOccurrences(of: test, with: "(> (- \(encoding.end(i)) ws_\(i)) s)")
        }
        return encoding.layout.text() + encoding.request + algorithm + encoding.violation
    }

    struct Unsatisfiable: Error {}

    /// Solves `text` and decodes its model as the top-down obligation's counterexample.
    static func decode(_ text: String, _ encoding: TopDownEncoding) throws -> ProveCounterexample {
        let context = Z3Context(timeout: 60)
        let solver = try Z3Solver(context: context)
        try solver.assert(try context.parse(text, file: "<patched top-down obligation>"))
        guard case let .sat(model) = try solver.check() else { throw Unsatisfiable() }
        return try ProveDecoding.topDown(model, encoding)
    }

    /// A pinned layout: one region leaves a 10-page hole above the base and an exact-fit
    /// 3-page hole at the top. The patched encoding skips the top hole and answers at the top
    /// of the low one; everything decoded is known in advance.
    @Test func aPinnedModelDecodesToItsLayoutAndAnswers() throws {
        let encoding = TopDownEncoding(layout: SymbolicLayout(regions: 2, universe: Self.universe), alignmentExponent: 0)
        let base = Self.universe.base, end = Self.universe.end, P = Self.P
        let region = (base: base + 10 * P, end: end - 3 * P, offset: UInt64(0))
        let text = Self.patchedObligation(encoding) + ProveDifferentialTests.pins([region], pages: true) + "(assert (= s 3))\n"
        let c = try Self.decode(text, encoding)
        #expect(c.regions.map { [$0.base, $0.end, $0.offset] } == [[region.base, region.end, 0]])
        #expect(c.request == "mmap top-down of 0x3000 bytes (3 pages), alignment 0x1000")
        #expect(c.returned == "ok \((base + 7 * P).hex) [\((base + 7 * P).hex), \((base + 10 * P).hex))", "\(c.returned)")
        let top = end - 3 * P
        #expect(c.expected == "ok \(top.hex) [\(top.hex), \(end.hex))", "\(c.expected)")
        #expect(c.witness == "the aligned hole \(top.hex)..\(end.hex) lies above the returned range [\((base + 7 * P).hex), \((base + 10 * P).hex))",
                "\(c.witness)")
        #expect(c.swiftReturned == "ok \(top.hex) [\(top.hex), \(end.hex))", "\(String(describing: c.swiftReturned))")
        #expect(c.swiftAgrees == false, "the reference code takes the exact fit the patched encoding skips")
        #expect(c.operation == .mmap(3 * P, .none, at: .topDown, alignment: P))
    }

    /// Z3 chooses the layout (up to three regions, several alignments): the decoded regions are
    /// a layout of the universe, the specification's answer is the independent oracle's
    /// (`PlacementOracle.highestFit`), the encoding's answer breaks it, and the trace replays:
    /// cleanly on the reference (which returns the expected answer), to a violation through the
    /// code patched the same way.
    @Test(arguments: [0, 1, 3])
    func aModelZ3ChoosesDecodesToACounterexampleThatReplays(alignmentExponent: Int) throws {
        let encoding = TopDownEncoding(layout: SymbolicLayout(regions: 3, universe: Self.universe), alignmentExponent: alignmentExponent)
        let c = try Self.decode(Self.patchedObligation(encoding), encoding)
        let alignment = Self.P << UInt64(alignmentExponent)
        var previousEnd = Self.universe.base
        for r in c.regions {
            #expect(previousEnd <= r.base && r.base < r.end && r.end <= Self.universe.end, "\(c.lines)")
            previousEnd = r.end
        }
        guard case let .mmap(size, _, .topDown, _, alignment?, _)? = c.operation, alignment == Self.P << UInt64(alignmentExponent) else {
            Issue.record("not a top-down request: \(String(describing: c.operation))")
            return
        }
        let observed = c.regions.map { ObservedRegion(base: $0.base, size: $0.end - $0.base, protection: .none, object: 0, offset: 0) }
        let highest = PlacementOracle.highestFit(size: size, alignment: alignment, holes: HoleOracle.holes(of: observed, in: Self.universe.totalRange))
        #expect(c.expected == highest.map { "ok \($0.lower.hex) [\($0.lower.hex), \($0.upper.hex))" } ?? "ENOMEM", "\(c.lines)")
        #expect(c.returned != c.expected, "a counterexample: \(c.lines)")
        #expect(c.swiftAgrees == false && c.swiftReturned == c.expected, "\(c.lines)")

        let trace = try #require(c.trace(universe: Self.universe, mutations: [], obligation: .topDown))
        #expect(trace.steps.count == c.regions.count + 1)
        let reference = Replayer.run(trace, source: "<test>")
        #expect(reference.violatingSteps.isEmpty, "the reference places as specified: \(reference.stepLines)")
        #expect(reference.steps.last?.result == highest.map { .ok($0.lower) } ?? .error(.ENOMEM))
        var space = AddressSpace(universe: Self.universe)
        var violations: [Violation] = []
        for step in trace.steps {
            let before = space
            let result = ProveTopDownTests.exactFitSkipped.apply(step.operation, &space)
            violations = PropertySet().allViolations(Transition(before: before, operation: step.operation, result: result, after: space))
        }
        #expect(violations.contains { $0.property == "top-down-fit" || $0.property == "hole-completeness" }, "\(violations)")
    }

    /// The reference's own obligation has no model to decode.
    @Test func theReferenceObligationIsUnsatisfiable() throws {
        let encoding = TopDownEncoding(layout: SymbolicLayout(regions: 2, universe: Self.universe), alignmentExponent: 1)
        #expect(throws: Unsatisfiable.self) { try Self.decode(encoding.obligation, encoding) }
    }
}
