import Foundation
import Model

extension RandomReport {
    /// The report as one JSON object (for CI): verdict, setup, counterexample, statistics.
    public var json: String {
        var fields: [String] = []
        let verdict = failure != nil ? "violation" : inconclusive != nil ? "inconclusive" : checking ? "pass" : "unchecked"
        fields.append("\"verdict\": \"\(verdict)\"")
        fields.append("\"universe\": \(jsonString(universe.name))")
        fields.append("\"design\": \"\(design.rawValue)\"")
        fields.append("\"mutations\": [\(mutations.names.map { "\"\($0)\"" }.joined(separator: ", "))]")
        fields.append("\"properties\": [\(properties.map { "\"\($0)\"" }.joined(separator: ", "))]")
        fields.append("\"seed\": \(options.seed)")
        fields.append("\"runs\": \(options.runs)")
        fields.append("\"stepsPerRun\": \(options.steps)")
        fields.append("\"workers\": \(options.workers)")
        if checking { fields.append("\"coverage\": \(statistics.coverage.jsonText(properties: properties))") }
        if options.corpus != nil {
            fields.append("\"corpus\": {\"replayed\": \(corpusReplayed), \"skipped\": \(corpusSkipped)}")
        }
        if let f = failure {
            var c: [String] = []
            c.append("\"property\": \(jsonString(f.violation.property))")
            c.append("\"explanation\": \(jsonString(f.violation.explanation))")
            switch f.origin {
            case let .run(index, seed, step):
                c.append("\"run\": \(index + 1)")
                c.append("\"runSeed\": \(seed)")
                c.append("\"foundAfterStep\": \(step)")
            case let .corpus(path):
                c.append("\"corpusFile\": \(jsonString(path))")
            }
            c.append("\"originalLength\": \(f.originalLength)")
            c.append("\"shrunkLength\": \(f.shrunkLength)")
            c.append("\"shrinkSteps\": \(f.shrinkSteps)")
            c.append("\"shrinkCandidates\": \(f.shrinkAttempts)")
            c.append("\"shrinkComplete\": \(f.shrinkComplete)")
            c.append("\"shrinkStop\": \"\(f.shrinkStop.name)\"")
            c.append("\"shrinkSeconds\": \(String(format: "%.3f", f.shrinkSeconds))")
            if let limit = options.shrinkSeconds { c.append("\"shrinkSecondsLimit\": \(limit)") }
            c.append("\"reproduce\": \(jsonString(f.reproduce))")
            c.append("\"traceFiles\": [\(f.writtenTo.map(jsonString).joined(separator: ", "))]")
            c.append("\"steps\": [\(f.trace.steps.map { jsonString($0.operation.description + " → " + ($0.expected?.description ?? "")) }.joined(separator: ", "))]")
            c.append("\"traceInline\": \(f.trace.jsonText())")
            fields.append("\"counterexample\": {\(c.joined(separator: ", "))}")
        }
        let s = statistics
        var operations: [String] = []
        let results = ["ok"] + KernelError.allCases.map(\.description)
        for kind in AbstractStep.Kind.allCases {
            let counts = results.map { "\"\($0)\": \(s.count(kind, $0))" }.joined(separator: ", ")
            operations.append("\"\(kind.name)\": {\"steps\": \(s.count(kind)), \(counts)}")
        }
        fields.append("\"statistics\": {\"runs\": \(s.runs), \"steps\": \(s.steps), \"seconds\": \(String(format: "%.6f", seconds)), "
            + "\"stepsPerSecond\": \(Int(stepsPerSecond.rounded())), \"maxRegions\": \(s.maxRegions), "
            + "\"operations\": {\(operations.joined(separator: ", "))}}")
        fields += shardingJSONFields
        return "{\n  " + fields.joined(separator: ",\n  ") + "\n}"
    }
}
