import Foundation

extension ReplayReport {
    /// One trace's replay as the CI outputs see it: a violated property (the first one) with the
    /// steps up to it, or a mismatched expectation (reported as the pseudo-property
    /// `expectation`), or a pass.
    public var checkOutcome: CheckOutcome {
        let upTo = { (index: Int) in Array(self.stepLines.prefix(index)) }
        var finding: CheckOutcome.Finding?
        if let first = violatingSteps.first {
            finding = CheckOutcome.Finding(
                property: first.violations[0].property, explanation: "step \(first.index): \(first.violations[0].explanation)",
                steps: upTo(first.index), tracePath: source, reproduction: "regioncheck replay \(source)")
        } else if let mismatch = steps.first(where: { $0.matched == false }), let expected = mismatch.step.expected {
            finding = CheckOutcome.Finding(
                property: "expectation", explanation: "step \(mismatch.index): expected \(expected), got \(mismatch.result)",
                steps: upTo(mismatch.index), tracePath: source, reproduction: "regioncheck replay \(source)")
        }
        return CheckOutcome(verb: "replay", subject: source, propertiesChecked: propertyIDs,
                            verdict: clean ? .pass : .violation, finding: finding, seconds: 0)
    }
}

/// The CI outputs of a `replay` of several traces: one JUnit test case, and at most one SARIF
/// result, per trace file.
public enum ReplayOutputs {
    public static func junit(_ reports: [ReplayReport]) -> JUnitReport {
        let cases = reports.map { report -> JUnitReport.TestCase in
            let outcome = report.checkOutcome
            let status: JUnitReport.TestCase.Status
            if let f = outcome.finding {
                status = .failed(message: "\(f.property): \(f.explanation)", type: f.property,
                                 details: (f.steps + ["reproduce: \(f.reproduction ?? "")"]).joined(separator: "\n"))
            } else {
                status = .passed
            }
            return JUnitReport.TestCase(name: report.source, className: "regioncheck.replay", seconds: 0, status: status)
        }
        return JUnitReport(suiteName: "regioncheck replay", cases: cases, seconds: 0)
    }

    public static func sarif(_ reports: [ReplayReport]) -> SARIFReport {
        var rules = PropertyCatalogue.all.map { (id: $0.id, summary: $0.summary) }
        rules.append((id: "expectation", summary: "a trace step's result differs from its recorded expectation"))
        let results = reports.compactMap { report -> SARIFReport.Result? in
            guard let f = report.checkOutcome.finding else { return nil }
            return SARIFReport.Result(ruleID: f.property, message: "\(f.explanation)\n" + f.steps.joined(separator: "\n"),
                                      artifact: report.source)
        }
        return SARIFReport(rules: rules, results: results)
    }
}
