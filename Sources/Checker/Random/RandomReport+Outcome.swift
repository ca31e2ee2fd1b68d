import Foundation
import Model

extension RandomReport {
    /// The report as the CI outputs see it (JUnit, SARIF, GitHub annotations).
    public var checkOutcome: CheckOutcome {
        var finding: CheckOutcome.Finding?
        if let f = failure {
            let replay = Replayer.run(f.trace, source: "counterexample")
            finding = CheckOutcome.Finding(
                property: f.violation.property, explanation: f.violation.explanation,
                steps: replay.stepLines,
                tracePath: f.writtenTo.first, reproduction: f.reproduce)
        }
        let subject = "universe \(universe.name), design \(design.rawValue), mutants \(mutations), "
            + "seed \(options.seed), \(options.runs) runs × \(options.steps) steps"
        return CheckOutcome(verb: "random", subject: subject, propertiesChecked: properties,
                            verdict: failure != nil ? .violation : inconclusive.map { .inconclusive(reason: $0) } ?? .pass, finding: finding, seconds: seconds)
    }

    /// `--format junit`.
    public var junitText: String { JUnitReport(checkOutcome).xml }

    /// `--format sarif`.
    public var sarifText: String {
        let summaries = Dictionary(uniqueKeysWithValues: PropertyCatalogue.all.map { ($0.id, $0.summary) })
        return SARIFReport(checkOutcome, summaries: summaries).json
    }
}
