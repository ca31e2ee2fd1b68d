import Foundation
import Model

extension Universe {
    /// The keys a universe object may hold for the model (parsed here, on the checker's side:
    /// the model reads no files); callers that add their own keys
    /// (the checker's alphabet) check the rest.
    public static let jsonKeys: Set<String> = ["name", "preset", "base", "pages", "pageSize", "pagesPerTable", "frames", "pageTables"]

    /// Reads a universe from a decoded JSON object. A `preset` key starts from that preset and the
    /// other keys override it. Numbers may be JSON integers or strings ("0x10000").
    public init(jsonObject object: [String: Any]) throws(UniverseError) {
        var start: Universe?
        if let presetName = object["preset"] {
            guard let name = presetName as? String, let preset = Universe.preset(named: name) else {
                throw UniverseError(field: "preset", message: "must be one of tiny, small, serenity, got \(presetName)")
            }
            start = preset
        }
        func number(_ key: String) throws(UniverseError) -> UInt64? {
            guard let raw = object[key] else { return nil }
            if let text = raw as? String {
                let parsed = text.hasPrefix("0x") ? UInt64(text.dropFirst(2), radix: 16) : UInt64(text)
                guard let value = parsed else {
                    throw UniverseError(field: key, message: "is not a number: \"\(text)\"")
                }
                return value
            }
            // JSON booleans arrive as NSNumber too; their class (or objCType "c") gives them away.
            if String(describing: type(of: raw)).contains("Bool")
                || (raw as? NSNumber).map({ String(cString: $0.objCType) == "c" }) == true {
                throw UniverseError(field: key, message: "must be a number, got a boolean")
            }
            if let n = raw as? NSNumber {
                let d = n.doubleValue
                guard d >= 0, d == d.rounded(), d < 1.8446744073709552e19 else {
                    throw UniverseError(field: key, message: "must be a non-negative integer, got \(n)")
                }
                return n.uint64Value
            }
            throw UniverseError(field: key, message: "must be a number or a hex string, got \(raw)")
        }
        func required(_ key: String, _ fallback: UInt64?) throws(UniverseError) -> UInt64 {
            if let v = try number(key) { return v }
            if let fallback { return fallback }
            throw UniverseError(field: key, message: "is missing")
        }
        let name: String
        if let n = object["name"] {
            guard let s = n as? String else { throw UniverseError(field: "name", message: "must be a string") }
            name = s
        } else {
            name = start?.name ?? "custom"
        }
        let frames = try required("frames", start.map { UInt64($0.frames) })
        let tables = try required("pageTables", start.map { UInt64($0.pageTables) })
        guard frames <= UInt64(Int32.max) else { throw UniverseError(field: "frames", message: "must be below 2^31, got \(frames)") }
        guard tables <= UInt64(Int32.max) else { throw UniverseError(field: "pageTables", message: "must be below 2^31, got \(tables)") }
        try self.init(
            name: name,
            base: try required("base", start?.base),
            pages: try required("pages", start?.pages),
            pageSize: try required("pageSize", start?.pageSize ?? 4096),
            pagesPerTable: try required("pagesPerTable", start?.pagesPerTable),
            frames: Int(frames),
            pageTables: Int(tables))
    }
}
