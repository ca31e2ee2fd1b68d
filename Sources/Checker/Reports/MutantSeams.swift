import Foundation
import Model

/// Where each mutant's seam is in the model's source, for reports that point at code (Stryker
/// JSON). Found by reading `Sources/Model` for the Mutations member the seam tests; reporting only,
/// never detection.
public enum MutantSeams {
    /// The `Mutations` member each SPEC §4 name stands for.
    static let members: [String: String] = [
        "ignore-map-result": "ignoreMapResult",
        "dangling-region-on-map-failure": "danglingRegionOnMapFailure",
        "split-offset-ignores-source": "splitOffsetIgnoresSource",
        "inverted-append-check": "invertedAppendCheck",
        "specific-check-keyed-on-base": "specificCheckKeyedOnBase",
        "tail-window-untrimmed": "tailWindowUntrimmed",
        "skip-tlb-flush": "skipTLBFlush",
        "mprotect-early-return": "mprotectEarlyReturn",
        "window-needs-size-plus-alignment": "windowNeedsSizePlusAlignment",
        "dual-authority": "dualAuthority",
    ]

    public struct Location: Sendable, Equatable {
        public var file: String
        public var line: Int
    }

    /// The first `mutations.contains(.member)` line for each mutant under `root/Sources/Model`;
    /// mutants whose seam is not found point at their declaration in Mutations.swift.
    public static func locate(packageRoot root: URL) -> [String: Location] {
        let folder = root.appendingPathComponent("Sources/Model")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".swift") }.sorted()
        var found: [String: Location] = [:]
        var declarations: [String: Location] = [:]
        for name in names {
            guard let text = try? String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8) else { continue }
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                for (mutant, member) in members {
                    if found[mutant] == nil, line.contains("contains(.\(member))") {
                        found[mutant] = Location(file: "Sources/Model/\(name)", line: index + 1)
                    }
                    if declarations[mutant] == nil, line.contains("static let \(member) ") {
                        declarations[mutant] = Location(file: "Sources/Model/\(name)", line: index + 1)
                    }
                }
            }
        }
        return declarations.merging(found) { _, seam in seam }
    }
}
