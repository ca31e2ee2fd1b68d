import Checker
import Foundation
import Model
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The kill matrix on a budget a debug build runs in seconds: the tiny explorer to depth 3 and a
/// few random runs on tiny. The same detectors, in the same order, as `regioncheck mutants`
/// (whose small and serenity detectors are left to the CI command and the README's measured run).
@Suite struct KillMatrixTests {
    static let detectors: [any MutantDetector] = [
        ExplorerDetector(universe: .tiny, depth: 3),
        RandomDetector(universe: .tiny, runs: 10, steps: 60, seed: 1),
    ]
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regioncheck-kill-matrix-\(UUID().uuidString)").path

    /// Run once and shared by the tests of this suite.
    static let matrix: Result<KillMatrixReport, InputError> = Result { () throws(InputError) in
        try KillMatrix.run(KillMatrixRequest(subjects: MutantSubject.sequential, detectors: detectors, context: DetectorContext(workers: 2, outputDirectory: directory)))
    }

    static var packageRoot: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }

    @Test func everyMutantIsKilledFirstByTheTinyExplorerWithinSixSteps() throws {
        let report = try Self.matrix.get()
        #expect(report.rows.map(\.subject.name) == Mutations.catalogue.map(\.name))
        for row in report.rows {
            let first = try #require(row.first, "\(row.subject.name) survived")
            #expect(first.detector == "explore tiny", "\(row.subject.name) was first killed by \(first.detector)")
            #expect(first.finding.length <= 6, "\(row.subject.name): \(first.finding.length) steps")
            #expect(row.results.count == 2, "every detector runs on every mutant")
            #expect(row.secondsToDetection != nil)
        }
        #expect(report.killedCount == 10)
        #expect(report.exitCode == 0)
        #expect(report.headline.hasPrefix("PASS: 10 of 10 mutants killed"))
    }

    @Test func theReferenceIsCleanUnderTheSameDetectors() throws {
        let report = try Self.matrix.get()
        #expect(report.reference.subject.isReference)
        #expect(report.reference.verdict == .clean)
        #expect(report.reference.results.map(\.detector) == ["explore tiny", "random tiny"])
        #expect(!report.falseAlarm)
    }

    @Test func everyCounterexampleTraceReplaysToTheSameViolation() throws {
        let report = try Self.matrix.get()
        var checked = 0
        for row in report.rows {
            for result in row.results {
                guard let finding = result.finding else { continue }
                let loaded = try Trace.load(path: finding.tracePath)
                #expect(loaded == finding.trace, "\(finding.tracePath) is the reported trace")
                #expect(loaded.mutations == row.subject.mutations)
                #expect(loaded.violates == finding.violation.property)
                #expect(loaded.steps.count == finding.length)
                let again = try #require(TraceCheck.firstViolation(of: loaded), "\(finding.tracePath) replays clean")
                #expect(again.violation.property == finding.violation.property, "\(row.subject.name) / \(result.detector)")
                #expect(again.step == loaded.steps.count, "the violation is at the last step")
                let replay = Replayer.run(loaded, source: finding.tracePath)
                #expect(replay.reproduction != nil && replay.mismatches == 0)
                checked += 1
            }
        }
        #expect(checked >= 10)
    }

    @Test func theMatrixWritesJUnitWithOneCasePerMutantAndTheReference() throws {
        let report = try Self.matrix.get()
        let collector = ReportFormatTests.Collector()
        let parser = XMLParser(data: Data(report.junit.xml.utf8))
        parser.delegate = collector
        #expect(parser.parse())
        let suites = collector.elements.filter { $0.name == "testsuite" }
        #expect(suites.count == 1)
        for required in ["name", "tests", "failures", "errors", "skipped", "time"] {
            #expect(suites.first?.attributes[required] != nil, "testsuite lacks \(required)")
        }
        #expect(suites.first?.attributes["tests"] == "11")
        #expect(suites.first?.attributes["failures"] == "0")
        let names = collector.elements.filter { $0.name == "testcase" }.compactMap { $0.attributes["name"] }
        #expect(names == Mutations.catalogue.map(\.name) + ["reference (no mutant)"])
    }

    @Test func theMatrixWritesValidSARIFAndStryker() throws {
        let report = try Self.matrix.get()
        let seams = MutantSeams.locate(packageRoot: Self.packageRoot)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(report.sarif(seams: seams).json.utf8)) as? [String: Any])
        #expect(ReportFormatTests.sarifProblems(sarif) == [])
        #expect(((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [Any])?.isEmpty == true, "nothing survived, no false alarm")
        let stryker = try #require(try JSONSerialization.jsonObject(with: Data(report.stryker(packageRoot: Self.packageRoot).json.utf8)) as? [String: Any])
        #expect(ReportFormatTests.strykerProblems(stryker) == [])
        let files = try #require(stryker["files"] as? [String: [String: Any]])
        let mutants = files.values.flatMap { ($0["mutants"] as? [[String: Any]]) ?? [] }
        #expect(mutants.count == 10)
        #expect(mutants.allSatisfy { $0["status"] as? String == "Killed" })
        #expect(files.keys.allSatisfy { $0.hasPrefix("Sources/Model/") })
        #expect(report.githubAnnotations(seams: seams).isEmpty)
    }

    @Test func aSurvivorFailsTheGateInEveryFormat() throws {
        // skip-tlb-flush needs three steps: the tiny explorer to depth 2 cannot kill it.
        let subject = try #require(MutantSubject.catalogue.first { $0.name == "skip-tlb-flush" })
        let directory = Self.directory + "-survivor"
        let report = try KillMatrix.run(KillMatrixRequest(
            subjects: [subject], detectors: [ExplorerDetector(universe: .tiny, depth: 2)],
            context: DetectorContext(outputDirectory: directory)))
        #expect(report.rows.first?.verdict == .clean)
        #expect(report.survivors.map(\.subject.name) == ["skip-tlb-flush"])
        #expect(report.exitCode == 1)
        #expect(report.text.contains("SURVIVED skip-tlb-flush"))
        #expect(report.junit.xml.contains("failures=\"1\""))
        let seams = MutantSeams.locate(packageRoot: Self.packageRoot)
        let sarif = try #require(try JSONSerialization.jsonObject(with: Data(report.sarif(seams: seams).json.utf8)) as? [String: Any])
        #expect(ReportFormatTests.sarifProblems(sarif) == [])
        let result = try #require(((sarif["runs"] as? [[String: Any]])?.first?["results"] as? [[String: Any]])?.first)
        #expect(result["ruleId"] as? String == "mutant-survived")
        let annotations = report.githubAnnotations(seams: seams)
        #expect(annotations.count == 1 && annotations[0].hasPrefix("::error file=Sources/Model/AddressSpace+Mapping.swift,line="))
        let stryker = try #require(try JSONSerialization.jsonObject(with: Data(report.stryker(packageRoot: Self.packageRoot).json.utf8)) as? [String: Any])
        #expect(ReportFormatTests.strykerProblems(stryker) == [])
    }

    @Test func anInconclusiveDetectorThatDecidesTheVerdictExitsThree() throws {
        // A state limit stops the explorer before its bound on the reference, and nothing else runs.
        let limited = ExplorerDetector(universe: .tiny, depth: 3, limits: ExplorationLimits(maxStates: 20))
        let report = try KillMatrix.run(KillMatrixRequest(
            subjects: [], detectors: [limited], context: DetectorContext(outputDirectory: Self.directory + "-limited")))
        guard case .undecided = report.reference.verdict else {
            Issue.record("expected an undecided reference, got \(report.reference.verdict)")
            return
        }
        #expect(report.exitCode == 3)
        #expect(report.junit.xml.contains("errors=\"1\""))
    }

    @Test func theKilledMutantsAndTheirCounterexamplesDoNotDependOnTheWorkerCount() throws {
        let subjects = MutantSubject.catalogue.filter { ["skip-tlb-flush", "ignore-map-result"].contains($0.name) }
        // A narrow alphabet that still reaches both: anywhere mmaps, one-page ranges, faults on.
        let lean = AlphabetSettings(sizes: [1, 2], alignments: [1], protections: [.readWrite, .none], placements: [.anywhere],
                                    maxRange: 1, touch: true, teardown: false, faults: true)
        func run(_ workers: Int) throws -> KillMatrixReport {
            try KillMatrix.run(KillMatrixRequest(
                subjects: subjects, detectors: [ExplorerDetector(universe: .tiny, depth: 3, settings: lean),
                                                RandomDetector(universe: .tiny, runs: 8, steps: 40, seed: 7)],
                context: DetectorContext(workers: workers, outputDirectory: Self.directory + "-workers-\(workers)")))
        }
        let one = try run(1), two = try run(2)
        #expect(one.rows.allSatisfy(\.killed) && two.rows.allSatisfy(\.killed))
        for (a, b) in zip(one.rows + [one.reference], two.rows + [two.reference]) {
            #expect(a.results.map { $0.finding?.trace } == b.results.map { $0.finding?.trace })
            #expect(a.results.map { $0.finding?.violation } == b.results.map { $0.finding?.violation })
        }
    }

    @Test func badOutputDirectoryIsAnInputErrorNamingTheFlag() throws {
        let file = Self.directory + "-a-file"
        FileManager.default.createFile(atPath: file, contents: Data("x".utf8))
        defer { try? FileManager.default.removeItem(atPath: file) }
        #expect(throws: InputError.self) {
            try KillMatrix.run(KillMatrixRequest(subjects: [], detectors: [], context: DetectorContext(outputDirectory: file)))
        }
        do {
            _ = try KillMatrix.run(KillMatrixRequest(subjects: [], detectors: [], context: DetectorContext(outputDirectory: file)))
        } catch {
            #expect(error.source == "--out")
        }
    }
}
