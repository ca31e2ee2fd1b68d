import Foundation
import Model

extension ExplorationReport {
    /// The report as the CI outputs see it (JUnit, SARIF, GitHub annotations).
    public func checkOutcome(tracePath: String? = nil) -> CheckOutcome {
        let verdict: CheckOutcome.Verdict
        var finding: CheckOutcome.Finding?
        switch outcome {
        case .pass: verdict = .pass
        case .inconclusive(let reason): verdict = .inconclusive(reason: reason)
        case .violation(let c):
            verdict = .violation
            finding = CheckOutcome.Finding(
                property: c.violation.property, explanation: c.violation.explanation,
                steps: c.replay.stepLines,
                tracePath: tracePath, reproduction: tracePath.map { "regioncheck replay \($0)" })
        }
        let subject = "universe \(universe.name), design \(design.rawValue), mutants \(mutations), depth \(depthBound)"
        return CheckOutcome(verb: "explore", subject: subject, propertiesChecked: propertyIDs, verdict: verdict,
                            finding: finding, seconds: seconds)
    }

    /// `--format junit`.
    public func junitText(tracePath: String? = nil) -> String { JUnitReport(checkOutcome(tracePath: tracePath)).xml }

    /// `--format sarif`.
    public func sarifText(tracePath: String? = nil) -> String {
        let summaries = Dictionary(uniqueKeysWithValues: PropertyCatalogue.all.map { ($0.id, $0.summary) })
        let object = SARIFReport(checkOutcome(tracePath: tracePath), summaries: summaries).jsonObject
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
