import Foundation
import Model

extension RandomReport {
    /// The human report: the setup, the corpus, the counterexample (steps with a picture of the
    /// address space after each), the reproduction line, and the statistics.
    public var text: String {
        var lines: [String] = []
        let o = options
        lines.append("random: universe \(universe.name), design \(design.rawValue), mutants \(mutations), "
            + (checking ? "\(properties.count) properties" : "no property checking")
            + ", seed \(o.seed), \(o.runs) runs × \(o.steps) steps, \(o.workers) worker\(o.workers == 1 ? "" : "s")")
        lines += shardingLines
        if o.corpus != nil {
            lines.append("corpus: \(corpusReplayed) trace\(corpusReplayed == 1 ? "" : "s") replayed first"
                + (corpusSkipped > 0 ? ", \(corpusSkipped) skipped (other universe, design or mutants)" : ""))
        }
        if let f = failure {
            lines.append("FAIL \(f.violation.property): \(f.violation.explanation)")
            if let z3 = f.z3Confirmation { lines.append("  \(z3)") }
            switch f.origin {
            case let .run(index, seed, step):
                lines.append("  found by run \(index + 1) (run seed \(seed)) after \(step) steps; shrunk from \(f.originalLength) "
                    + "to \(f.shrunkLength) steps in \(f.shrinkSteps) shrink steps (\(f.shrinkAttempts) candidates run"
                    + (f.shrinkStop != .fixedPoint ? f.shrinkStop.clause : f.shrinkComplete ? "" : ShrinkStop.stepBudget.clause) + ")")
            case let .corpus(path):
                lines.append("  corpus trace \(path) still fails after step \(f.shrunkLength) of \(f.originalLength)")
            }
            lines.append("  reproduce: \(f.reproduce)")
            for path in f.writtenTo { lines.append("  trace written to \(path) (regioncheck replay \(RandomCheck.shellQuoted(path)))") }
            let replay = Replayer.run(f.trace, source: "counterexample")
            for outcome in replay.steps {
                lines.append("  \(outcome.index). \(outcome.step.operation) → \(outcome.result)")
                lines.append(outcome.picture.split(separator: "\n").map { "    " + $0 }.joined(separator: "\n"))
            }
        } else if let reason = inconclusive {
            lines.append("INCONCLUSIVE: \(reason)")
        } else if checking {
            lines.append("PASS: no property violated in \(statistics.steps) steps of \(statistics.runs) runs; \(statistics.coverage.passPhrase(properties))")
        } else {
            lines.append("done: \(statistics.steps) steps of \(statistics.runs) runs, properties not checked")
        }
        lines.append(statisticsText)
        if checking {
            lines += statistics.coverage.lines(properties: properties, setup: "\(o.runs) runs × \(o.steps) steps bound", results: false)
        }
        return lines.joined(separator: "\n")
    }

    /// Runs, steps, speed, the result of every operation, the most regions.
    public var statisticsText: String {
        let s = statistics
        var lines = ["statistics: \(s.runs) runs, \(s.steps) steps in \(String(format: "%.3f", seconds)) s "
            + "(\(Int(stepsPerSecond.rounded())) steps/s), at most \(s.maxRegions) regions"]
        let results = ["ok"] + KernelError.allCases.map(\.description)
        let shown = results.filter { r in AbstractStep.Kind.allCases.contains { s.count($0, r) > 0 } }
        func cell(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        lines.append("  " + "operation".padding(toLength: 10, withPad: " ", startingAt: 0) + cell("steps", 10)
            + shown.map { cell($0, 10) }.joined())
        for kind in AbstractStep.Kind.allCases {
            lines.append("  " + kind.name.padding(toLength: 10, withPad: " ", startingAt: 0) + cell("\(s.count(kind))", 10)
                + shown.map { cell("\(s.count(kind, $0))", 10) }.joined())
        }
        return lines.joined(separator: "\n")
    }
}
