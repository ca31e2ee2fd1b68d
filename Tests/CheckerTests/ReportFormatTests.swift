import Checker
import Foundation
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// The CI outputs carry what their consumers require. The checks are written from the formats'
/// schemas (JUnit XML as CI systems read it, SARIF 2.1.0, mutation-testing-elements v1), with no
/// network.
@Suite struct ReportFormatTests {
    static let violated = CheckOutcome(
        verb: "explore", subject: "universe tiny, mutants skip-tlb-flush", propertiesChecked: ["no-overlap", "tlb-coherence"],
        verdict: .violation,
        finding: .init(property: "tlb-coherence", explanation: "the TLB still translates 0x10000 → frame 0 <stale> & \"old\"",
                       steps: ["1. mmap 0x1000 rw- anywhere → ok 0x10000", "2. munmap 0x10000 0x1000 → ok"],
                       tracePath: "out/cex.json", reproduction: "regioncheck replay out/cex.json"),
        seconds: 1.5)

    /// Parses XML and collects every element with its attributes.
    final class Collector: NSObject, XMLParserDelegate {
        var elements: [(name: String, attributes: [String: String])] = []
        var text = ""
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            elements.append((name, attributes))
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    @Test func junitIsWellFormedWithOneCasePerProperty() throws {
        let xml = JUnitReport(Self.violated).xml
        let collector = Collector()
        let parser = XMLParser(data: Data(xml.utf8))
        parser.delegate = collector
        #expect(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        let suites = collector.elements.filter { $0.name == "testsuite" }
        #expect(suites.count == 1)
        for required in ["name", "tests", "failures", "errors", "skipped", "time"] {
            #expect(suites[0].attributes[required] != nil, "testsuite lacks \(required)")
        }
        #expect(suites[0].attributes["tests"] == "2")
        #expect(suites[0].attributes["failures"] == "1")
        let cases = collector.elements.filter { $0.name == "testcase" }
        #expect(cases.map { $0.attributes["name"] } == ["no-overlap", "tlb-coherence"])
        for c in cases { #expect(c.attributes["classname"] == "regioncheck.explore" && c.attributes["time"] != nil) }
        let failure = try #require(collector.elements.first { $0.name == "failure" })
        #expect(failure.attributes["type"] == "tlb-coherence")
        #expect(failure.attributes["message"]?.contains("<stale> & \"old\"") == true, "escaped and restored by the parser")
        #expect(collector.text.contains("2. munmap 0x10000 0x1000 → ok"), "the counterexample is in the failure body")
        #expect(collector.text.contains("regioncheck replay out/cex.json"))
    }

    @Test func junitMarksAnInconclusiveRunAsErrors() {
        let outcome = CheckOutcome(verb: "explore", subject: "small", propertiesChecked: ["no-overlap"],
                                   verdict: .inconclusive(reason: "state limit 1000 reached at depth 3"), seconds: 2)
        let xml = JUnitReport(outcome).xml
        #expect(xml.contains("errors=\"1\""))
        #expect(xml.contains("<error message=\"inconclusive: state limit 1000 reached at depth 3\"/>"))
    }

    /// The fields SARIF 2.1.0 requires (and GitHub code scanning reads).
    static func sarifProblems(_ object: [String: Any]) -> [String] {
        var problems: [String] = []
        if object["version"] as? String != "2.1.0" { problems.append("version must be \"2.1.0\"") }
        guard let runs = object["runs"] as? [[String: Any]], !runs.isEmpty else { return problems + ["runs must be a non-empty array"] }
        for (i, run) in runs.enumerated() {
            guard let driver = (run["tool"] as? [String: Any])?["driver"] as? [String: Any] else {
                problems.append("runs[\(i)].tool.driver is missing"); continue
            }
            if driver["name"] as? String == nil { problems.append("runs[\(i)].tool.driver.name is missing") }
            let ruleIDs = ((driver["rules"] as? [[String: Any]]) ?? []).compactMap { $0["id"] as? String }
            for (j, result) in ((run["results"] as? [[String: Any]]) ?? []).enumerated() {
                let message = result["message"] as? [String: Any]
                if message?["text"] as? String == nil && message?["id"] as? String == nil { problems.append("results[\(j)].message needs text or id") }
                guard let rule = result["ruleId"] as? String else { problems.append("results[\(j)].ruleId is missing"); continue }
                if !ruleIDs.contains(rule) { problems.append("results[\(j)].ruleId \(rule) is not a declared rule") }
                let uri = ((((result["locations"] as? [[String: Any]])?.first?["physicalLocation"] as? [String: Any])?["artifactLocation"]) as? [String: Any])?["uri"]
                if uri as? String == nil { problems.append("results[\(j)] has no artifactLocation.uri") }
                if let level = result["level"] as? String, !["none", "note", "warning", "error"].contains(level) { problems.append("results[\(j)].level \(level)") }
            }
        }
        return problems
    }

    @Test func sarifCarriesTheRequiredFields() throws {
        let report = SARIFReport(Self.violated, summaries: ["no-overlap": "regions are pairwise disjoint"])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        #expect(Self.sarifProblems(object) == [])
        let run = try #require((object["runs"] as? [[String: Any]])?.first)
        let result = try #require((run["results"] as? [[String: Any]])?.first)
        #expect(result["ruleId"] as? String == "tlb-coherence")
        #expect(((result["message"] as? [String: Any])?["text"] as? String)?.contains("2. munmap") == true)
        // The validator itself fires on a broken report.
        var broken = object
        broken["version"] = "2.0"
        broken["runs"] = [["tool": ["driver": [:]], "results": [["ruleId": "x", "message": [:]]]]]
        #expect(Self.sarifProblems(broken).count >= 4)
    }

    /// The fields mutation-testing-elements schema version 1 requires (what Stryker's HTML
    /// report reads): schema version, thresholds, and per file its language, full source and
    /// mutants with an id, a mutator name, a known status and a location inside the source.
    static func strykerProblems(_ object: [String: Any]) -> [String] {
        var problems: [String] = []
        if object["schemaVersion"] as? String != "1" { problems.append("schemaVersion must be \"1\"") }
        let thresholds = object["thresholds"] as? [String: Any]
        if thresholds?["high"] == nil || thresholds?["low"] == nil { problems.append("thresholds need high and low") }
        guard let files = object["files"] as? [String: [String: Any]] else { return problems + ["files must be an object"] }
        let statuses = ["Killed", "Survived", "NoCoverage", "CompileError", "RuntimeError", "Timeout", "Ignored", "Pending"]
        for (path, file) in files {
            if file["language"] as? String == nil { problems.append("\(path): language is missing") }
            guard let source = file["source"] as? String else { problems.append("\(path): source is missing"); continue }
            let lines = source.split(separator: "\n", omittingEmptySubsequences: false).count
            for (i, mutant) in ((file["mutants"] as? [[String: Any]]) ?? []).enumerated() {
                if !(mutant["id"] is String) || !(mutant["mutatorName"] is String) { problems.append("\(path) mutant \(i): id or mutatorName") }
                if !statuses.contains(mutant["status"] as? String ?? "") { problems.append("\(path) mutant \(i): status") }
                let start = (mutant["location"] as? [String: Any])?["start"] as? [String: Int]
                if let line = start?["line"], let column = start?["column"], line >= 1, line <= lines, column >= 1 { continue }
                problems.append("\(path) mutant \(i): location.start outside the source")
            }
        }
        return problems
    }

    @Test func strykerReportFollowsTheSchema() throws {
        let report = StrykerReport(
            mutants: [
                .init(id: "1", name: "skip-tlb-flush", description: "flush skipped", file: "Sources/Model/A.swift", line: 3,
                      killed: true, killedBy: ["explore tiny: tlb-coherence"], testsCompleted: 3),
                .init(id: "2", name: "dual-authority", description: "free list", file: "Sources/Model/B.swift", line: 9,
                      killed: false, killedBy: [], testsCompleted: 3),
            ],
            sources: ["Sources/Model/A.swift": "a\nb\nc\n", "Sources/Model/B.swift": String(repeating: "x\n", count: 9)])
        let object = try #require(try JSONSerialization.jsonObject(with: Data(report.json.utf8)) as? [String: Any])
        #expect(Self.strykerProblems(object) == [])
        let files = try #require(object["files"] as? [String: [String: Any]])
        #expect(files.count == 2)
        // The validator itself fires on a broken report.
        var broken = object
        broken["schemaVersion"] = 1
        broken["thresholds"] = nil
        broken["files"] = ["x.swift": ["language": "swift", "source": "a\n", "mutants": [["id": "1", "status": "Dead", "location": ["start": ["line": 0, "column": 1]]]]]]
        #expect(Self.strykerProblems(broken).count >= 4)
        #expect((files["Sources/Model/A.swift"]?["mutants"] as? [[String: Any]])?.first?["killedBy"] as? [String] == ["explore tiny: tlb-coherence"])
    }

    @Test func seamsAreFoundInTheModelSource() {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let seams = MutantSeams.locate(packageRoot: root)
        #expect(seams.count == 10)
        #expect(seams["skip-tlb-flush"]?.file == "Sources/Model/AddressSpace+Mapping.swift")
        #expect(seams["tail-window-untrimmed"]?.file == "Sources/Model/RegionTree+Placement.swift")
    }

    @Test func githubAnnotationsEscapeTheirFields() {
        let lines = GitHubAnnotations.lines(for: Self.violated)
        #expect(lines.count == 1)
        #expect(lines[0].hasPrefix("::error file=out/cex.json,title=regioncheck explore%3A tlb-coherence violated::"))
        #expect(!lines[0].dropFirst(2).contains("\n"))
        #expect(lines[0].contains("%0A1. mmap"))
        let passed = CheckOutcome(verb: "explore", subject: "", propertiesChecked: [], verdict: .pass, seconds: 0)
        #expect(GitHubAnnotations.lines(for: passed).isEmpty)
    }
}
