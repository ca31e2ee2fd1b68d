import Foundation
import Model

extension ExplorationReport {
    /// The report as JSON (`--format json`): the setup, the levels, the outcome, and for a
    /// violation the counterexample's steps, results and violations.
    public func jsonText(tracePath: String? = nil) -> String {
        var object: [String: Any] = [
            "format": "regioncheck-explore-report",
            "version": 1,
            "universe": universe.name,
            "design": design.rawValue,
            "mutations": mutations.names,
            "properties": propertyIDs,
            "alphabetLetters": alphabetSize,
            "alphabet": settings.summary,
            "depthBound": depthBound,
            "workers": workers,
            "seconds": seconds,
            "exitCode": Int(exitCode),
            "totalDistinct": totalDistinct,
            "totalGenerated": totalGenerated,
            "coverage": coverage.jsonObject(properties: propertyIDs),
            "levels": levels.map { level -> [String: Any] in
                [
                    "depth": level.depth, "generated": level.generated, "distinct": level.distinct,
                    "totalDistinct": level.totalDistinct, "layouts": level.layouts, "seconds": level.seconds,
                    "statesPerSecond": level.statesPerSecond, "bytesPerState": level.bytesPerState, "complete": level.complete,
                ]
            },
        ]
        switch outcome {
        case .pass(let exhausted):
            object["outcome"] = "pass"
            object["exhausted"] = exhausted
        case .inconclusive(let reason):
            object["outcome"] = "inconclusive"
            object["reason"] = reason
        case .violation(let c):
            object["outcome"] = "violation"
            var counterexample: [String: Any] = [
                "property": c.violation.property,
                "explanation": c.violation.explanation,
                "depth": c.depth,
                "steps": c.replay.steps.map { step -> [String: Any] in
                    [
                        "index": step.index, "operation": step.step.operation.description, "result": step.result.description,
                        "violations": step.violations.map { ["property": $0.property, "explanation": $0.explanation] },
                        "picture": step.picture,
                    ]
                },
            ]
            if let tracePath { counterexample["trace"] = tracePath }
            if let z3 = c.z3Confirmation { counterexample["z3Confirmation"] = z3 }
            counterexample["traceInline"] = c.traceJSONObject
            object["counterexample"] = counterexample
        }
        object.merge(shardingJSON) { _, shard in shard }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
