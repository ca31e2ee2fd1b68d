import Foundation

/// SARIF 2.1.0 (the format GitHub code scanning reads): the properties are the rules, each
/// violation a result located at its replayable trace file.
public struct SARIFReport: Sendable {
    public struct Result: Sendable {
        public var ruleID: String
        public var message: String
        /// A path (relative to the repository when possible) of the trace file.
        public var artifact: String
        public init(ruleID: String, message: String, artifact: String) {
            self.ruleID = ruleID
            self.message = message
            self.artifact = artifact
        }
    }

    public var rules: [(id: String, summary: String)]
    public var results: [Result]
    /// Why the run did not conclude, reported as a tool execution notification.
    public var inconclusive: String?

    public init(rules: [(id: String, summary: String)], results: [Result], inconclusive: String? = nil) {
        self.rules = rules
        self.results = results
        self.inconclusive = inconclusive
    }

    public init(_ outcome: CheckOutcome, summaries: [String: String]) {
        var results: [Result] = []
        if let finding = outcome.finding {
            var message = "\(finding.explanation)\nCounterexample (\(finding.steps.count) steps):\n" + finding.steps.joined(separator: "\n")
            if let command = finding.reproduction { message += "\nReproduce: \(command)" }
            results.append(Result(ruleID: finding.property, message: message, artifact: finding.tracePath ?? "regioncheck-counterexample.json"))
        }
        var reason: String?
        if case .inconclusive(let r) = outcome.verdict { reason = r }
        self.init(rules: outcome.propertiesChecked.map { ($0, summaries[$0] ?? $0) }, results: results, inconclusive: reason)
    }

    /// The JSON object, built from plain dictionaries so it serialises deterministically.
    public var jsonObject: [String: Any] {
        let driver: [String: Any] = [
            "name": "regioncheck",
            "informationUri": "https://github.com/regioncheck/regioncheck",
            "rules": rules.map { rule -> [String: Any] in
                ["id": rule.id, "name": rule.id, "shortDescription": ["text": rule.summary],
                 "defaultConfiguration": ["level": "error"]]
            },
        ]
        var run: [String: Any] = [
            "tool": ["driver": driver],
            "results": results.map { r -> [String: Any] in
                [
                    "ruleId": r.ruleID,
                    "ruleIndex": rules.firstIndex { $0.id == r.ruleID } ?? 0,
                    "level": "error",
                    "message": ["text": r.message],
                    "locations": [["physicalLocation": ["artifactLocation": ["uri": r.artifact],
                                                        "region": ["startLine": 1]]]],
                ]
            },
        ]
        run["invocations"] = [[
            "executionSuccessful": inconclusive == nil,
            "toolExecutionNotifications": inconclusive.map { [["level": "warning", "message": ["text": "inconclusive: \($0)"]]] } ?? [],
        ] as [String: Any]]
        return [
            "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
            "version": "2.1.0",
            "runs": [run],
        ]
    }

    public var json: String {
        let data = (try? JSONSerialization.data(withJSONObject: jsonObject, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
