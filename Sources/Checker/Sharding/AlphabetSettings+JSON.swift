import Foundation
import Model

extension AlphabetSettings {
    /// The settings as a universe file's `"alphabet"` object, so a shard's report records exactly
    /// what it explored and `regioncheck merge` can rebuild the settings for the merged report.
    var jsonObject: [String: Any] {
        var object: [String: Any] = [
            "sizes": sizes.map { Int($0) }, "alignments": alignments.map { Int($0) },
            "protections": protections.map(\.description), "placements": placements.map(\.rawValue),
            "maxRange": Int(maxRange), "touch": touch, "teardown": teardown, "faults": faults,
        ]
        if let addresses { object["addresses"] = addresses.map(\.hex) }
        return object
    }

    var jsonText: String {
        let data = (try? JSONSerialization.data(withJSONObject: jsonObject, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
