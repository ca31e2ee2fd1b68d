import Foundation
import Model

extension ExplorationReport {
    /// The report for a terminal: the setup, one line per depth level, the outcome and, for a
    /// violation, the counterexample as numbered steps with the address space after each.
    /// `tracePath` is where the counterexample trace was written.
    public func text(tracePath: String? = nil) -> String {
        var lines: [String] = []
        lines.append("regioncheck explore: universe \(universe)")
        lines.append("  design \(design.rawValue), mutants \(mutations), properties \(propertyIDs.count == PropertyCatalogue.all.count ? "all \(propertyIDs.count)" : propertyIDs.joined(separator: ","))")
        lines.append("  alphabet \(alphabetSize) letters: \(settings.summary)")
        lines.append("  depth bound \(depthBound), \(workers) worker\(workers == 1 ? "" : "s")")
        lines += shardingHeaderLines
        lines.append("")
        lines.append(LevelStatistics.header)
        for level in levels { lines.append(level.row) }
        lines += shardingLevelLines
        lines.append("")
        lines += coverage.lines(properties: propertyIDs, setup: "alphabet \(alphabetSize) letters, depth bound \(depthBound)")
        lines.append("")
        let totals = "\(totalDistinct.grouped) distinct states, \(totalGenerated.grouped) transitions, \(formatSeconds(seconds)) s"
        switch outcome {
        case .pass(let exhausted):
            let why = exhausted ? " (the reachable state space is exhausted)" : ""
            lines.append("PASS: all \(propertyIDs.count) properties hold on every transition up to depth \(depthBound)\(why): \(totals); \(coverage.passPhrase(propertyIDs))")
        case .inconclusive(let reason):
            lines.append("INCONCLUSIVE: \(reason): \(totals)")
        case .violation(let c):
            lines.append("VIOLATION of \(c.violation.property) at depth \(c.depth) (a shortest counterexample): \(c.violation.explanation)")
            if let property = PropertyCatalogue.property(id: c.violation.property) {
                lines.append("  \(property.id): \(property.summary)")
            }
            if let z3 = c.z3Confirmation { lines.append("  \(z3)") }
            lines.append("")
            lines.append("counterexample, \(c.trace.steps.count) step\(c.trace.steps.count == 1 ? "" : "s") from the empty address space:")
            for step in c.replay.steps {
                lines.append("\(step.index). \(step.step.operation) → \(step.result)")
                for v in step.violations { lines.append("   ✗ VIOLATES \(v)") }
                lines.append(step.picture)
            }
            if let tracePath {
                lines.append("")
                lines.append("trace written to \(tracePath) (re-run it with: regioncheck replay \(tracePath))")
            }
            lines.append("")
            lines.append("FAIL: \(totals)")
        }
        return lines.joined(separator: "\n")
    }
}

extension LevelStatistics {
    static let header = "depth    generated     distinct        total   layouts   seconds     states/s  bytes/state"

    var row: String {
        let cells = [
            pad("\(depth)\(complete ? "" : "*")", 5),
            pad(generated.grouped, 12), pad(distinct.grouped, 12), pad(totalDistinct.grouped, 12), pad(layouts.grouped, 9),
            pad(formatSeconds(seconds), 9), pad(Int(statesPerSecond).grouped, 12), pad(String(format: "%.1f", bytesPerState), 12),
        ]
        return cells.joined(separator: " ")
    }
}

extension AlphabetSettings {
    /// "sizes 1,2,3 pages; alignments 1; ..." for report headers.
    public var summary: String {
        let name: String? = AlphabetSettings.named.first(where: { $0.settings == self })?.name
        var parts: [String] = name.map { ["\($0) alphabet"] } ?? []
        parts += [
            "sizes \(sizes.map(String.init).joined(separator: ",")) pages",
            "alignments \(alignments.map(String.init).joined(separator: ",")) pages",
            "protections \(protections.map(\.description).joined(separator: ","))",
            "placements \(placements.map(\.rawValue).joined(separator: ","))",
            "fixed addresses " + (addresses.map { $0.map(\.hex).joined(separator: ",") } ?? "every page"),
            "munmap/mprotect ranges ≤ \(maxRange) pages" + (unaligned ? " and unaligned ones" : ""),
        ]
        if exec { parts.append("exec") }
        if touch { parts.append("touch") }
        if teardown { parts.append("teardown") }
        parts.append(faults ? "injected failures" : "no injected failures")
        return parts.joined(separator: "; ")
    }
}

private func pad(_ s: String, _ width: Int) -> String {
    s.count >= width ? s : String(repeating: " ", count: width - s.count) + s
}

extension Int {
    /// 1,234,567.
    var grouped: String {
        let digits = String(self.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return (self < 0 ? "-" : "") + out
    }
}
