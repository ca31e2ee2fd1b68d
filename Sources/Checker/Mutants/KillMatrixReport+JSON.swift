import Foundation

extension KillMatrixReport {
    /// `--format json`: the setup, every row with every detector's result, the verdict.
    public var jsonObject: [String: Any] {
        func rowObject(_ row: Row) -> [String: Any] {
            var object: [String: Any] = [
                "name": row.subject.name,
                "verdict": row.subject.isReference
                    ? (row.verdict == .violated ? "false-alarm" : row.verdict == .clean ? "clean" : "undecided")
                    : (row.verdict == .violated ? "killed" : row.verdict == .clean ? "survived" : "undecided"),
                "seconds": row.seconds,
                "detectors": row.results.map(resultObject),
            ]
            if let first = row.first {
                object["firstDetector"] = first.detector
                object["property"] = first.finding.violation.property
            }
            if let time = row.secondsToDetection { object["secondsToDetection"] = time }
            return object
        }
        func resultObject(_ result: DetectorResult) -> [String: Any] {
            var object: [String: Any] = ["detector": result.detector, "seconds": result.seconds]
            switch result.verdict {
            case .clean: object["outcome"] = "clean"
            case .inconclusive(let reason):
                object["outcome"] = "inconclusive"
                object["reason"] = reason
            case .notApplicable(let reason):
                object["outcome"] = "not-applicable"
                object["reason"] = reason
            case .violation(let f):
                object["outcome"] = "violation"
                object["property"] = f.violation.property
                object["explanation"] = f.violation.explanation
                object["length"] = f.length
                if let original = f.originalLength { object["originalLength"] = original }
                if let shrink = f.shrink {
                    object["shrink"] = ["candidates": shrink.candidates, "kept": shrink.kept, "stop": shrink.stop.name,
                                        "seconds": (shrink.seconds * 1000).rounded() / 1000] as [String: Any]
                }
                object["secondsToDetection"] = f.secondsToDetection
                object["reproduce"] = f.reproduction
                object["trace"] = f.tracePath
                object["steps"] = f.steps
            }
            return object
        }
        return [
            "format": "regioncheck-mutants-report",
            "version": 1,
            "detectors": zip(detectors, budgets).map { ["name": $0, "budget": $1] },
            "properties": properties,
            "workers": workers,
            "outputDirectory": outputDirectory,
            "mutants": rows.map(rowObject),
            "reference": rowObject(reference),
            "killed": killedCount,
            "survived": survivors.map(\.subject.name),
            "falseAlarm": falseAlarm,
            "exitCode": Int(exitCode),
            "seconds": seconds,
        ]
    }

    public var json: String {
        let data = (try? JSONSerialization.data(withJSONObject: jsonObject, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
