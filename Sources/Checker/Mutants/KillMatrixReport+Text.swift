import Foundation

extension KillMatrixReport {
    /// The matrix as a Markdown table (so it can be pasted into a README as measured), then the
    /// verdict, and the details of every survivor and false alarm.
    public var text: String {
        var lines: [String] = []
        lines.append("mutants: \(rows.count) mutant\(rows.count == 1 ? "" : "s") and the reference × \(detectors.count) detectors, "
            + "\(properties.count) properties, \(workers) worker\(workers == 1 ? "" : "s"), traces in \(outputDirectory)")
        for (i, budget) in budgets.enumerated() { lines.append("  \(i + 1). \(budget)") }
        lines.append("")
        let header = ["mutant", "verdict", "first detector", "property"] + detectors.map { "\($0) steps" }
            + ["time to detection", "reproduce"]
        lines.append("| " + header.joined(separator: " | ") + " |")
        lines.append("|" + header.map { _ in "---|" }.joined())
        for row in rows + [reference] { lines.append("| " + cells(row).joined(separator: " | ") + " |") }
        lines.append("")
        lines.append("Steps: the counterexample's length in trace steps (explore: a shortest one; random: shrunk, "
            + "from the failing run's length; prove: the layout's steps plus the request); — no violation within the budget; "
            + "? inconclusive; n/a the detector does not apply.")
        for row in rows + [reference] {
            switch row.verdict {
            case .violated where row.subject.isReference:
                let (detector, f) = row.first!
                lines.append("FALSE ALARM on the reference by \(detector): \(f.violation)")
                lines += f.steps.map { "  " + $0 }
                lines.append("  trace: \(f.tracePath) (regioncheck replay \(f.tracePath))")
            case .clean where !row.subject.isReference:
                lines.append("SURVIVED \(row.subject.name): no detector reported a violation")
            case .undecided(let reason):
                lines.append("UNDECIDED \(row.subject.name): \(reason)")
            default:
                break
            }
        }
        lines.append(headline + " (\(formatSeconds(seconds)) s)")
        // The plain closing line CI runners read: each mutant killed and a clean reference pass.
        let passed = killedCount + (reference.verdict == .clean ? 1 : 0)
        lines.append("mutants: \(passed) passed, \(rows.count + 1 - passed) failed")
        return lines.joined(separator: "\n")
    }

    func cells(_ row: Row) -> [String] {
        let verdict = switch (row.verdict, row.subject.isReference) {
        case (.violated, false): "killed"
        case (.violated, true): "FALSE ALARM"
        case (.clean, false): "SURVIVED"
        case (.clean, true): "clean"
        case (.undecided, _): "undecided"
        }
        let first = row.first
        let lengths = row.results.map { r -> String in
            switch r.verdict {
            case .clean: "—"
            case .inconclusive: "?"
            case .notApplicable: "n/a"
            case .violation(let f):
                (f.originalLength.map { "\(f.length) (of \($0))" } ?? "\(f.length)")
                    + (f.shrink.map { if case .timeLimit(let s) = $0.stop { " shrink stopped by the \(formatSeconds(s)) s net" } else { "" } } ?? "")
            }
        }
        let time = row.secondsToDetection.map { String(format: "%.2f s", $0) } ?? "—"
        return [row.subject.name, verdict, first?.detector ?? "—", first.map { "`\($0.finding.violation.property)`" } ?? "—"]
            + lengths + [time, first.map { "`\($0.finding.reproduction)`" } ?? "—"]
    }
}
