@testable import Checker
import Foundation
import Model
import Testing

/// `prove` on the reference and on every mutant whose seam an obligation encodes: proofs where
/// the code is right, real counterexample layouts (confirmed by running the Swift code on them)
/// where it is not; limits and Z3 trouble are never a pass. Small K keeps the debug build fast.
@Suite struct ProveRunTests {
    @Test func referenceIsProvedForEveryObligation() throws {
        let report = try ProveRun.run(regions: 3, timeout: 60)
        for result in report.results {
            guard case .proved = result.verdict else { Issue.record("\(result.obligation): \(result.verdict)"); continue }
            #expect(result.queries > 0)
        }
        #expect(report.exitCode == 0)
    }

    static let seams: [(mutant: String, obligation: ProveObligation)] = [
        ("window-needs-size-plus-alignment", .anywhere), ("tail-window-untrimmed", .anywhere),
        ("specific-check-keyed-on-base", .fixedNoReplace), ("split-offset-ignores-source", .split),
    ]

    @Test(arguments: seams.map(\.mutant))
    func mutantHasACounterexampleInItsObligationOnly(_ mutant: String) throws {
        let broken = Self.seams.first { $0.mutant == mutant }!.obligation
        let report = try ProveRun.run(regions: 3, mutations: Mutations.named(mutant)!, timeout: 60)
        #expect(report.exitCode == 1)
        for result in report.results {
            switch (result.obligation == broken, result.verdict) {
            case let (true, .counterexample(c)):
                #expect(!c.witness.isEmpty && c.returned != c.expected, "\(c.lines)")
                if broken != .split { #expect(c.swiftAgrees == true, "the Swift code disagrees: \(c.lines)") }
            case (false, .proved): break
            default: Issue.record("\(mutant) \(result.obligation): \(result.verdict)")
            }
        }
    }

    @Test func mutantsOutsidePlacementAndSplittingProve() throws {
        let report = try ProveRun.run(regions: 2, mutations: [.skipTLBFlush, .ignoreMapResult], timeout: 60)
        #expect(report.exitCode == 0)
    }

    @Test func aTinyTimeLimitIsInconclusiveNeverAPass() throws {
        let report = try ProveRun.run(regions: 32, obligations: [.anywhere], timeout: 0.001)
        #expect(report.exitCode == 3)
        guard case .unknown = report.results[0].verdict else { Issue.record("\(report.results[0].verdict)"); return }
    }

    @Test func badArgumentsAreInputErrors() {
        #expect(throws: InputError.self) { try ProveRun.run(regions: 0) }
        #expect(throws: InputError.self) { try ProveRun.run(regions: 2, timeout: 0) }
        #expect(throws: InputError.self) { try ProveRun.run(regions: 2, mutations: .dualAuthority) }
    }

    /// On small K, the case-split and lemma-based queries decide exactly as the one-piece
    /// encoding of the whole obligation does.
    @Test func oneQueryPerObligationAgrees() throws {
        for mutations in [Mutations(), .windowNeedsSizePlusAlignment, .tailWindowUntrimmed, .specificCheckKeyedOnBase, .splitOffsetIgnoresSource] {
            let report = try ProveRun.run(regions: 2, mutations: mutations, timeout: 60)
            let layout = SymbolicLayout(regions: 2, universe: .serenity)
            for result in report.results {
                let whole: [String] = switch result.obligation {
                case .anywhere: ProveObligation.alignmentExponents.map { AnywhereEncoding(layout: layout, alignmentExponent: $0, mutations: mutations).obligation }
                case .fixedNoReplace: [SpecificEncoding(layout: layout, mutations: mutations).obligation]
                case .split: [SplitEncoding(layout: layout, mutations: mutations).obligation]
                case .topDown: ProveObligation.alignmentExponents.map { TopDownEncoding(layout: layout, alignmentExponent: $0).obligation }
                }
                var satisfiable = false
                for text in whole where !satisfiable {
                    do throws(EncodingEvaluation.Failure) {
                        _ = try EncodingEvaluation.evaluate(text, names: [])
                        satisfiable = true
                    } catch let .z3(error) {
                        guard case .unknown(let reason) = error, reason.contains("unsatisfiable") else { throw error }
                    }
                }
                let counterexample = if case .counterexample = result.verdict { true } else { false }
                #expect(satisfiable == counterexample, "\(mutations) \(result.obligation): one query says \(satisfiable), prove says \(result.verdict)")
            }
        }
    }

    @Test func malformedPropertyFileIsBadInputNamingFileLineAndColumn() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("regioncheck-bad-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("broken.smt2")
        try "; id: broken\n; kind: state\n; witness: region {r}\n(declare-const r Int)\n(assert (and (<= 0 r) (< r nonsense)))\n"
            .write(to: file, atomically: true, encoding: .utf8)
        do {
            _ = try Z3PropertyCheck.loadProperties(extraDirectories: [dir.path])
            Issue.record("a malformed property file was accepted")
        } catch {
            #expect(error.source.hasPrefix(file.path + ":5:"), "\(error)")
            #expect(error.description.contains("nonsense"), "\(error)")
        }
    }
}
