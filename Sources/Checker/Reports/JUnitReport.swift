import Foundation

/// JUnit XML, as CI systems (GitHub, GitLab, Jenkins) read it: one test case per property (or
/// per mutant), with the counterexample in the failure message.
public struct JUnitReport: Sendable {
    public struct TestCase: Sendable {
        public enum Status: Sendable {
            case passed
            case failed(message: String, type: String, details: String)
            case error(message: String)
            case skipped(message: String)
        }
        public var name: String
        public var className: String
        public var seconds: Double
        public var status: Status

        public init(name: String, className: String, seconds: Double, status: Status) {
            self.name = name
            self.className = className
            self.seconds = seconds
            self.status = status
        }
    }

    public var suiteName: String
    public var cases: [TestCase]
    public var seconds: Double

    public init(suiteName: String, cases: [TestCase], seconds: Double) {
        self.suiteName = suiteName
        self.cases = cases
        self.seconds = seconds
    }

    /// One case per checked property: the violated one fails with the counterexample; when the
    /// run was inconclusive every property not violated is an error (it was not established).
    public init(_ outcome: CheckOutcome) {
        let className = "regioncheck.\(outcome.verb)"
        var cases: [TestCase] = []
        for property in outcome.propertiesChecked {
            let status: TestCase.Status
            if let finding = outcome.finding, finding.property == property {
                var details = finding.steps.joined(separator: "\n")
                if let trace = finding.tracePath { details += "\ntrace: \(trace)" }
                if let command = finding.reproduction { details += "\nreproduce: \(command)" }
                status = .failed(message: "\(property): \(finding.explanation)", type: property, details: details)
            } else if case .inconclusive(let reason) = outcome.verdict {
                status = .error(message: "inconclusive: \(reason)")
            } else if outcome.verdict == .violation {
                status = .skipped(message: "not reached: the run stopped at the first violation")
            } else {
                status = .passed
            }
            cases.append(TestCase(name: property, className: className, seconds: 0, status: status))
        }
        self.init(suiteName: "regioncheck \(outcome.verb): \(outcome.subject)", cases: cases, seconds: outcome.seconds)
    }

    public var xml: String {
        func count(_ match: (TestCase.Status) -> Bool) -> Int { cases.filter { match($0.status) }.count }
        let failures = count { if case .failed = $0 { true } else { false } }
        let errors = count { if case .error = $0 { true } else { false } }
        let skipped = count { if case .skipped = $0 { true } else { false } }
        let time = String(format: "%.3f", seconds)
        var lines = ["<?xml version=\"1.0\" encoding=\"UTF-8\"?>"]
        lines.append("<testsuites name=\"regioncheck\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(time)\">")
        lines.append("  <testsuite name=\"\(xmlEscaped(suiteName))\" tests=\"\(cases.count)\" failures=\"\(failures)\" errors=\"\(errors)\" skipped=\"\(skipped)\" time=\"\(time)\">")
        for c in cases {
            let open = "    <testcase name=\"\(xmlEscaped(c.name))\" classname=\"\(xmlEscaped(c.className))\" time=\"\(String(format: "%.3f", c.seconds))\""
            switch c.status {
            case .passed:
                lines.append(open + "/>")
            case let .failed(message, type, details):
                lines.append(open + ">")
                lines.append("      <failure message=\"\(xmlEscaped(message))\" type=\"\(xmlEscaped(type))\">\(xmlEscaped(details))</failure>")
                lines.append("    </testcase>")
            case let .error(message):
                lines.append(open + ">")
                lines.append("      <error message=\"\(xmlEscaped(message))\"/>")
                lines.append("    </testcase>")
            case let .skipped(message):
                lines.append(open + ">")
                lines.append("      <skipped message=\"\(xmlEscaped(message))\"/>")
                lines.append("    </testcase>")
            }
        }
        lines.append("  </testsuite>")
        lines.append("</testsuites>")
        return lines.joined(separator: "\n") + "\n"
    }
}
