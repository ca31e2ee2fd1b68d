import Checker
import Foundation
import Model
import Testing
#if canImport(FoundationXML)
import FoundationXML
#endif

/// `--format html` is one well-formed page: parsed here as XML, it has one section per step,
/// each with an SVG map that holds exactly the step's regions.
@Suite struct HTMLReportTests {
    /// Collects every element with its attributes and the id of the step section it lies in.
    final class Collector: NSObject, XMLParserDelegate {
        struct Element { var name: String; var attributes: [String: String]; var step: String? }
        var elements: [Element] = []
        var text = ""
        private var stack: [String?] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            let isStep = name == "section" && (attributes["class"] ?? "").split(separator: " ").contains("step")
            let step = isStep ? attributes["id"] : (stack.last ?? nil)
            elements.append(Element(name: name, attributes: attributes, step: step))
            stack.append(step)
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { stack.removeLast() }
        func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }
    }

    static func parse(_ markup: String) throws -> Collector {
        let collector = Collector()
        let parser = XMLParser(data: Data(markup.utf8))
        parser.delegate = collector
        #expect(parser.parse(), "not well-formed: \(parser.parserError.map { "\($0)" } ?? "")")
        return collector
    }

    @Test func anExplorationPageHasAMapPerStepHoldingTheStepsRegions() throws {
        let report = Explorer.run(try ExplorerFixture.request(mutations: .splitOffsetIgnoresSource, depth: 3))
        let counterexample = try #require(report.counterexample)
        let page = try Self.parse(report.html(tracePath: "ce.json"))
        let steps = page.elements.filter { $0.name == "section" && $0.attributes["class"]?.contains("step") == true }
        #expect(steps.count == counterexample.trace.steps.count)
        for outcome in counterexample.replay.steps {
            let id = "cx-step-\(outcome.index)"
            #expect(page.elements.count { $0.name == "svg" && $0.step == id } == 1, "one map in \(id)")
            let drawn = page.elements.filter { $0.step == id && $0.attributes["class"] == "region" }
                .map { "\($0.attributes["data-base"] ?? "")+\($0.attributes["data-size"] ?? "")" }
            let expected = outcome.observation!.regions.map { "\($0.base.hex)+\($0.size.hex)" }
            #expect(drawn == expected, "\(id) draws the observed regions")
        }
        let last = try #require(counterexample.replay.steps.last)
        #expect(page.elements.contains { $0.step == "cx-step-\(last.index)" && $0.attributes["class"] == "named" },
                "the violating step outlines the pages its violation names")
        #expect(page.elements.contains { $0.attributes["class"] == "prot-none" }, "the PROT_NONE part is hatched")
        #expect(page.elements.contains { $0.attributes["class"] == "bar" }, "the per-depth chart")
        #expect(page.text.contains(counterexample.violation.explanation))
        #expect(!page.elements.contains { ["link", "img", "iframe"].contains($0.name) || ($0.name == "script" && $0.attributes["src"] != nil) },
                "nothing is fetched")
    }

    @Test func objectColoursFollowTheObjectAcrossSteps() throws {
        let trace = Trace(universe: .tiny, steps: [
            Trace.Step(.mmap(0x2000, .readWrite)),
            Trace.Step(.mmap(0x1000, .readWrite, at: .fixed(0x10000))),
        ])
        let page = try Self.parse(ReplayOutputs.html([Replayer.run(trace, source: "memory")]))
        let regions = page.elements.filter { $0.attributes["class"] == "region" }
        #expect(regions.map { $0.attributes["data-letter"] } == ["A", "B", "A"])
        #expect(regions[0].attributes["fill"] == regions[2].attributes["fill"])
        #expect(regions[1].attributes["fill"] != regions[2].attributes["fill"])
    }

    @Test func userTextIsEscaped() throws {
        var trace = Trace(universe: .tiny, steps: [Trace.Step(.mmap(0x1000, .readWrite))])
        trace.description = "<script>alert(1)</script> & \"quotes\""
        let markup = ReplayOutputs.html([Replayer.run(trace, source: "a<b>&c.json")])
        let page = try Self.parse(markup)
        #expect(page.text.contains("<script>alert(1)</script> & \"quotes\""))
        #expect(page.text.contains("a<b>&c.json"))
        #expect(page.elements.count { $0.name == "script" } == 1, "only the page's own script")
    }
}
