import Foundation
import Model

/// Coverage as the reports print it: a table of properties and one of operation results, a
/// phrase for the PASS line, and a JSON object with the same numbers.
extension Coverage {
    /// "every property exercised" or "never exercised: first-fit, tlb-coherence".
    public func passPhrase(_ ids: [String]) -> String {
        let never = neverExercised(ids)
        return never.isEmpty ? "every property exercised" : "never exercised: " + never.joined(separator: ", ")
    }

    /// The lines after the per-depth table (or the statistics): setup, per-property counts, per-operation results.
    public func lines(properties ids: [String], setup: String, results includeResults: Bool = true) -> [String] {
        var lines = ["coverage: \(steps.grouped) steps; \(setup)"]
        let width = max(18, (ids.map(\.count).max() ?? 0) + 2)
        lines.append("  " + "property".padding(toLength: width, withPad: " ", startingAt: 0) + "steps judged non-vacuously")
        for id in ids {
            let n = judged(id)
            lines.append("  " + id.padding(toLength: width, withPad: " ", startingAt: 0) + n.grouped + (n == 0 ? "   NEVER EXERCISED" : ""))
        }
        guard includeResults else { return lines }
        let shown = resultsSeen
        func cell(_ text: String, _ width: Int) -> String { String(repeating: " ", count: max(0, width - text.count)) + text }
        lines.append("  " + "operation".padding(toLength: 22, withPad: " ", startingAt: 0) + cell("steps", 12) + shown.map { cell($0, 11) }.joined())
        for kind in OperationKind.allCases where count(kind) > 0 {
            lines.append("  " + kind.name.padding(toLength: 22, withPad: " ", startingAt: 0) + cell(count(kind).grouped, 12)
                + shown.map { cell(count(kind, $0).grouped, 11) }.joined())
        }
        if withInjectedFailure > 0 { lines.append("  \(withInjectedFailure.grouped) of these steps ran with an injected allocation failure") }
        // fail-next is how traces inject failures; the explorer injects them into a step instead.
        let absent = OperationKind.allCases.filter { count($0) == 0 && $0 != .failNext }.map(\.name)
        if !absent.isEmpty { lines.append("  operations never run: " + absent.joined(separator: ", ")) }
        return lines
    }

    /// `{"steps": N, "properties": {id: n}, "neverExercised": [...], "results": {"munmap": {"ok": n, "EINVAL": n}}}`.
    public func jsonObject(properties ids: [String]) -> [String: Any] {
        var properties: [String: Int] = [:]
        for id in ids { properties[id] = judged(id) }
        var results: [String: [String: Int]] = [:]
        for kind in OperationKind.allCases where count(kind) > 0 {
            var row: [String: Int] = [:]
            for r in resultsSeen where count(kind, r) > 0 { row[r] = count(kind, r) }
            results[kind.name] = row
        }
        return ["steps": steps, "withInjectedFailure": withInjectedFailure, "properties": properties, "neverExercised": neverExercised(ids), "results": results]
    }

    /// `jsonObject` as JSON text with sorted keys.
    public func jsonText(properties ids: [String]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: jsonObject(properties: ids), options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
