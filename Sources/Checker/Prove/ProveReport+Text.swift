import Foundation
import Model

extension ProveReport {
    /// The report for a terminal: each obligation with its verdict and time, counterexamples as
    /// layouts.
    public var text: String {
        var lines = ["regioncheck prove: every layout of up to \(regions) regions in \(universe.name) [\(universe.base.hex), \(universe.end.hex)), "
            + "page size \(universe.pageSize); mutants \(mutations); time limit \(formatSeconds(timeout)) s per obligation"]
        for result in results {
            let time = String(format: "%.3f s", result.seconds)
            let head = "  \(result.obligation.rawValue) (\(result.obligation.theory); \(result.queries) quer\(result.queries == 1 ? "y" : "ies")): "
            switch result.verdict {
            case .proved:
                lines.append(head + "PROVED in \(time)")
                if let conformance = result.conformance { lines.append("    tied to the code: " + conformance.line) }
            case let .mismatch(m):
                lines.append(head + "ENCODING NO LONGER MATCHES THE CODE after \(time) (the code meets the specification; the proof is not about it)")
                lines.append(contentsOf: m.lines.map { "    " + $0 })
            case let .unknown(reason):
                lines.append(head + "UNKNOWN after \(time): \(reason)")
            case let .counterexample(c):
                lines.append(head + "COUNTEREXAMPLE in \(time): \(c.witness)")
                lines.append(contentsOf: c.lines.map { "    " + $0 })
            }
        }
        let verdict = switch exitCode {
        case 0: "PROVED: every obligation holds for every layout of up to \(regions) regions"
        case 1: "FAIL: a counterexample was found"
        default: "INCONCLUSIVE: an obligation could not be decided, or its encoding no longer matches the code"
        }
        lines.append("\(verdict) (\(String(format: "%.3f", seconds)) s in all)")
        return lines.joined(separator: "\n")
    }

    /// `--format json`.
    public var jsonText: String {
        let object: [String: Any] = [
            "format": "regioncheck-prove-report", "version": 1, "regions": regions, "universe": universe.name,
            "mutations": mutations.names, "timeout": timeout, "seconds": seconds, "exitCode": Int(exitCode),
            "obligations": results.map { result -> [String: Any] in
                var o: [String: Any] = ["obligation": result.obligation.rawValue, "seconds": result.seconds, "queries": result.queries,
                                        "theory": result.obligation.theory]
                switch result.verdict {
                case .proved:
                    o["verdict"] = "proved"
                    if let c = result.conformance {
                        o["conformance"] = ["branchesTaken": c.branchesTaken, "branchesUnreachable": c.branchesUnreachable,
                                            "concreteSamples": c.concreteSamples, "seconds": c.seconds]
                    }
                case let .mismatch(m):
                    o["verdict"] = "encoding-mismatch"
                    o["mismatch"] = ["where": m.origin, "regions": m.regions.map { ["base": $0.base.hex, "end": $0.end.hex, "offset": $0.offset] },
                                     "request": m.request, "encoding": m.encoding, "code": m.code, "specification": m.specification]
                case let .unknown(reason): o["verdict"] = "unknown"; o["reason"] = reason
                case let .counterexample(c):
                    o["verdict"] = "counterexample"
                    var cx: [String: Any] = [
                        "regions": c.regions.map { ["base": $0.base.hex, "end": $0.end.hex, "offset": $0.offset] },
                        "request": c.request, "returned": c.returned, "expected": c.expected, "witness": c.witness,
                    ]
                    if let s = c.swiftReturned { cx["swiftReturned"] = s }
                    if let a = c.swiftAgrees { cx["swiftAgrees"] = a }
                    o["counterexample"] = cx
                }
                return o
            },
        ]
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}

extension ProveCounterexample {
    /// The layout, request, answers and the Swift confirmation, one per line.
    public var lines: [String] {
        var lines = ["layout (\(regions.count) region\(regions.count == 1 ? "" : "s")):"
            + (regions.isEmpty ? " empty" : "")]
        for (i, r) in regions.enumerated() {
            lines.append("  \(i): [\(r.base.hex), \(r.end.hex))  \(Self.pages((r.end - r.base) / 4096))" + (r.offset == 0 ? "" : "  offset \(r.offset)"))
        }
        lines.append("request: \(request)")
        lines.append("algorithm returned: \(returned)")
        lines.append("specification expects: \(expected)")
        if let swiftReturned, let swiftAgrees {
            lines.append("Swift code on this layout: \(swiftReturned) (\(swiftAgrees ? "confirms the counterexample" : "DISAGREES with the encoding"))")
        }
        return lines
    }
}

extension ProveCounterexample {
    static func pages(_ count: UInt64) -> String { count == 1 ? "1 page" : "\(count) pages" }
}
