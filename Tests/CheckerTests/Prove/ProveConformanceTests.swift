@testable import Checker
import Model
import Testing

/// Prove's proofs are tied to the code: before PROVED, each encoding must answer as the Swift
/// code does on branch models, boundary and random layouts. Code that has left its encoding
/// behind is a counterexample when it breaks the specification, and an encoding mismatch
/// (exit 3) when it does not.
@Suite struct ProveConformanceTests {
    @Test func referenceIsTiedToItsEncodings() throws {
        let report = try ProveRun.run(regions: 3, timeout: 60)
        #expect(report.exitCode == 0)
        for result in report.results {
            let conformance = try #require(result.conformance, "\(result.obligation): \(result.verdict)")
            #expect(conformance.branchesTaken >= 10 && conformance.concreteSamples >= 10, "\(result.obligation): \(conformance.line)")
        }
    }

    /// A patched placement — mmap anywhere that drops the requested alignment — is not proved:
    /// the encoding still aligns, the code does not, and the oracle says the code is wrong.
    @Test func placementThatIgnoresTheAlignmentIsACounterexample() throws {
        let patched = ProvedCode(name: "anywhere without alignment") { operation, space in
            guard case let .mmap(size, protection, .anywhere, address, alignment?, choice) = operation, alignment > space.pageSize else {
                return operation.apply(to: &space)
            }
            return Operation.mmap(size: size, protection: protection, placement: .anywhere, address: address, alignment: nil, choice: choice).apply(to: &space)
        }
        let report = try ProveRun.run(regions: 3, obligations: [.anywhere], timeout: 60, code: patched)
        #expect(report.exitCode == 1)
        guard case let .counterexample(c) = report.results[0].verdict else { Issue.record("\(report.results[0].verdict)"); return }
        #expect(c.swiftAgrees != true, "\(c.lines)")
        #expect(c.witness.contains("anywhere without alignment"), "\(c.witness)")
        #expect(c.operation != nil)
        // As small as the question: the branch asked again with the fewest regions.
        #expect(c.regions.count <= 2, "\(c.lines)")
    }

    /// A patched fixed-noreplace that refuses any range touching a region's last page +1
    /// (an off-by-one in the range check) is not proved either.
    @Test func fixedNoReplaceOffByOneIsACounterexample() throws {
        let patched = ProvedCode(name: "fixed-noreplace checking one page too far") { operation, space in
            if case let .mmap(size, _, .fixedNoReplace, address?, _, _) = operation,
               space.regions.regions.contains(where: { $0.range.base == address &+ size }) {
                return .error(.EEXIST)
            }
            return operation.apply(to: &space)
        }
        let report = try ProveRun.run(regions: 3, obligations: [.fixedNoReplace], timeout: 60, code: patched)
        #expect(report.exitCode == 1, "\(report.text)")
        guard case .counterexample = report.results[0].verdict else { Issue.record("\(report.results[0].verdict)"); return }
    }

    /// An encoding that no longer matches code which meets the specification is exit 3, never
    /// PROVED and never a counterexample, and says where.
    @Test func encodingThatLeftTheCodeBehindIsAMismatch() throws {
        let outcome = try EncodingConformance.check(.fixedNoReplace, regions: 3, mutations: .specificCheckKeyedOnBase, code: .model,
                                                    universe: .serenity, timeout: 60, codeMutations: [])
        guard case let .mismatch(m) = outcome else { Issue.record("\(outcome)"); return }
        #expect(m.origin.contains("branch") || m.origin.contains("layout"), "\(m.lines)")
        #expect(m.code == m.specification && m.encoding != m.code, "\(m.lines)")
        let report = ProveReport(regions: 3, universe: .serenity, mutations: [], timeout: 60,
                                 results: [ObligationResult(obligation: .fixedNoReplace, verdict: .mismatch(m), seconds: 0, queries: 0)])
        #expect(report.exitCode == 3)
        #expect(report.text.contains("NO LONGER MATCHES"))
    }

    /// The same run checks the same samples: the summary is deterministic.
    @Test func conformanceIsDeterministic() throws {
        func summary() throws -> [Int] {
            let report = try ProveRun.run(regions: 2, obligations: [.split], timeout: 60)
            let c = try #require(report.results[0].conformance)
            return [c.branchesTaken, c.branchesUnreachable, c.concreteSamples]
        }
        #expect(try summary() == summary())
    }
}
