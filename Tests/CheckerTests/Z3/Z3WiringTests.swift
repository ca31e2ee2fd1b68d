@testable import Checker
import Foundation
import Model
import Testing

/// `--z3` in explore and random: Z3 checks the selected steps beside the Swift properties, a
/// disagreement is a violation with Z3's witness, Z3 undecided is inconclusive, sampling is
/// deterministic, and every counterexample carries Z3's confirmation.
@Suite struct Z3WiringTests {
    /// The Swift properties with the ones a mutant breaks first left out, so only Z3 can see it.
    static let withoutPlacement = try! PropertySet(selection: "-hole-completeness,-first-fit,-hole-soundness,-allocation-free")

    /// Four pages and a five-letter alphabet: Z3 answers every step in a debug build within
    /// seconds, and window-needs-size-plus-alignment still misses a hole at depth 3 (regions at
    /// pages 1 and 3 leave two 1-page holes a 1-page mmap cannot use).
    static let four = try! Universe(name: "four", base: 0x10000, pages: 4, pagesPerTable: 2, frames: 2, pageTables: 2)
    static let letters = AlphabetSettings(sizes: [1], alignments: [1], protections: [.none], placements: [.anywhere, .fixedNoReplace],
                                          maxRange: 0, touch: false, teardown: false, faults: false)

    static func request(mutations: Mutations = [], depth: Int, workers: Int = 1, properties: PropertySet = PropertySet()) throws -> ExplorationRequest {
        try ExplorerFixture.request(four, settings: letters, mutations: mutations, depth: depth, workers: workers, chunkSize: 1, properties: properties)
    }

    /// A property Z3 cannot decide (Fermat's cubes, nonlinear): every check of it ends unknown.
    static func undecidableDirectory() throws -> String {
        let dir = ExplorerFixture.temporaryPath("undecidable")
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try """
            ; id: fermat
            ; kind: state
            ; witness: {a}^3 + {b}^3 = {c}^3
            (declare-const a Int)
            (declare-const b Int)
            (declare-const c Int)
            (assert (and (> a region_count) (> b 0) (> c 0) (= (+ (* a a a) (* b b b)) (* c c c))))
            """.write(toFile: dir + "/fermat.smt2", atomically: true, encoding: .utf8)
        return dir
    }

    @Test func exploreWithZ3AllPassesOnTheReference() throws {
        var request = try Self.request(depth: 2)
        request.z3 = try Z3Settings(mode: .all)
        let report = Explorer.run(request)
        #expect(report.exitCode == 0, "\(report.outcome)")
        #expect(report.totalGenerated > 20)
    }

    @Test func exploreReportsAZ3OnlyViolationWithItsWitness() throws {
        var request = try Self.request(mutations: .windowNeedsSizePlusAlignment, depth: 3, properties: Self.withoutPlacement)
        request.z3 = try Z3Settings(mode: .all)
        let report = Explorer.run(request)
        let c = try #require(report.counterexample)
        #expect(c.violation.property == "hole-completeness")
        #expect(c.violation.explanation.contains("Z3"))
        #expect(c.z3Confirmation?.hasPrefix("Z3 confirms hole-completeness") == true, "\(String(describing: c.z3Confirmation))")
    }

    @Test func swiftCounterexamplesAreConfirmedByZ3() throws {
        let report = Explorer.run(try ExplorerFixture.request(mutations: .specificCheckKeyedOnBase, depth: 3,
                                                              properties: try PropertySet(selection: "no-overlap")))
        let c = try #require(report.counterexample)
        #expect(c.z3Confirmation?.hasPrefix("Z3 confirms no-overlap: regions") == true, "\(String(describing: c.z3Confirmation))")
    }

    @Test func anUndecidedZ3QueryMakesTheRunInconclusive() throws {
        let dir = try Self.undecidableDirectory()
        var request = try Self.request(depth: 2)
        request.z3 = try Z3Settings(mode: .all, extraDirectories: [dir], timeout: 0.05)
        let report = Explorer.run(request)
        #expect(report.exitCode == 3, "\(report.outcome)")

        var setup = RandomSetup(universe: Self.four)
        setup.z3 = try Z3Settings(mode: .all, extraDirectories: [dir], timeout: 0.05)
        let random = try RandomCheck.run(setup, RandomOptions(runs: 2, steps: 10, seed: 1, universeArgument: "tiny"))
        #expect(random.inconclusive != nil && random.failure == nil)
    }

    @Test func sampledExplorationIsTheSameForAnyWorkerCount() throws {
        var counts: [[Int]] = []
        for workers in [1, 2] {
            var request = try Self.request(mutations: .windowNeedsSizePlusAlignment, depth: 3, workers: workers, properties: Self.withoutPlacement)
            request.z3 = try Z3Settings(mode: .sampled, sampling: Z3Sampling(every: 2))
            let report = Explorer.run(request)
            counts.append(report.levels.map(\.generated) + [report.counterexample?.trace.steps.count ?? -1])
        }
        #expect(counts[0] == counts[1])
    }

    @Test func sampledSelectionDependsOnTheStepOnly() {
        let sampling = Z3Sampling(every: 4)
        let steps = RandomWalk.transitions(universe: .tiny, mutations: [], seed: 7, count: 200)
        let picked = steps.filter(sampling.selects).count
        #expect(picked > 20 && picked < 100, "\(picked) of 200 sampled")
        #expect(steps.map(sampling.selects) == steps.map(sampling.selects))
    }

    @Test func randomRunsReportAZ3OnlyViolation() throws {
        var setup = RandomSetup(universe: Self.four, mutations: .windowNeedsSizePlusAlignment, properties: Self.withoutPlacement)
        setup.z3 = try Z3Settings(mode: .all)
        let report = try RandomCheck.run(setup, RandomOptions(runs: 30, steps: 12, seed: 1, universeArgument: "four"))
        let failure = try #require(report.failure)
        #expect(failure.violation.property == "hole-completeness")
        #expect(failure.z3Confirmation?.hasPrefix("Z3 confirms") == true)
    }
}
