import Foundation
import Model

/// Reading alphabet settings from a universe file's `"alphabet"` object and from flags; every
/// error names the file and field, or the flag.
extension AlphabetSettings {
    /// The keys an `"alphabet"` object may hold.
    public static let jsonKeys: Set<String> = [
        "sizes", "alignments", "protections", "placements", "addresses", "maxRange", "unaligned", "exec", "touch", "teardown", "faults",
    ]

    /// Starts from `base` and overrides each field the object holds.
    init(jsonObject value: Any, source: String, base: AlphabetSettings = .standard) throws(InputError) {
        let f = try JSONFields(value, source: source, location: "field 'alphabet'")
        try f.onlyKeys(AlphabetSettings.jsonKeys)
        self = base
        func numbers(_ key: String) throws(InputError) -> [UInt64]? {
            guard let items = try f.array(key) else { return nil }
            var result: [UInt64] = []
            for (i, item) in items.enumerated() {
                guard let n = JSONFields.parseNumber(item) else {
                    throw f.fail(key, "item \(i + 1) must be a non-negative integer or a hex string, got \(item)")
                }
                result.append(n)
            }
            return result
        }
        func strings(_ key: String) throws(InputError) -> [String]? {
            guard let items = try f.array(key) else { return nil }
            var result: [String] = []
            for (i, item) in items.enumerated() {
                guard let s = item as? String else { throw f.fail(key, "item \(i + 1) must be a string, got \(item)") }
                result.append(s)
            }
            return result
        }
        if let v = try numbers("sizes") { sizes = v }
        if let v = try numbers("alignments") { alignments = v }
        if let v = try numbers("addresses") { addresses = v }
        if let v = try f.number("maxRange") { maxRange = v }
        if let v = try strings("protections") {
            do throws(InputError) { protections = try AlphabetSettings.protections(v, source: source) } catch {
                throw f.fail("protections", error.message)
            }
        }
        if let v = try strings("placements") {
            do throws(InputError) { placements = try AlphabetSettings.placements(v, source: source) } catch {
                throw f.fail("placements", error.message)
            }
        }
        if let v = try f.bool("unaligned") { unaligned = v }
        if let v = try f.bool("exec") { exec = v }
        if let v = try f.bool("touch") { touch = v }
        if let v = try f.bool("teardown") { teardown = v }
        if let v = try f.bool("faults") { faults = v }
        for key in AlphabetSettings.jsonKeys where f.has(key) { origins[key] = source }
    }

    /// A comma-separated list of non-negative integers (decimal or 0x hex), as `--sizes 1,2,3` gives it.
    public static func numberList(_ text: String, flag: String) throws(InputError) -> [UInt64] {
        var result: [UInt64] = []
        for item in text.split(separator: ",", omittingEmptySubsequences: false) {
            let trimmed = item.trimmingCharacters(in: .whitespaces)
            guard let n = JSONFields.parseNumber(trimmed) else {
                throw InputError(source: flag, message: "\"\(trimmed)\" is not a non-negative integer (expected a comma-separated list like 1,2,3)")
            }
            result.append(n)
        }
        return result
    }

    /// Protections like `rw-,r--,none`.
    public static func protections(_ items: [String], source: String) throws(InputError) -> [Protection] {
        var result: [Protection] = []
        for item in items {
            let trimmed = item.trimmingCharacters(in: .whitespaces)
            // `Protection(text: "")` is PROT_NONE; in a list an empty item is a typo, not "none".
            guard !trimmed.isEmpty, let p = Protection(text: trimmed) else {
                throw InputError(source: source, message: "\"\(item)\" is not a protection (like rw-, r--, r-x or none)")
            }
            if !result.contains(p) { result.append(p) }
        }
        return result
    }

    /// Placements like `anywhere,randomized,fixed-noreplace,fixed`.
    public static func placements(_ items: [String], source: String) throws(InputError) -> [Operation.PlacementKind] {
        var result: [Operation.PlacementKind] = []
        for item in items {
            guard let p = Operation.PlacementKind(rawValue: item.trimmingCharacters(in: .whitespaces)) else {
                throw InputError(source: source, message: "\"\(item)\" is not a placement (\(Operation.PlacementKind.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            if !result.contains(p) { result.append(p) }
        }
        return result
    }
}

extension UniverseFile {
    /// A preset (with the standard alphabet) or a universe file with its optional `"alphabet"`
    /// object.
    public static func resolveWithAlphabet(_ nameOrPath: String, base: AlphabetSettings = .standard) throws(InputError) -> (Universe, AlphabetSettings) {
        if let preset = Universe.preset(named: nameOrPath) { return (preset, base) }
        let universe = try resolve(nameOrPath)
        let document = try JSONFields.parseDocument(try JSONFields.readFile(nameOrPath), source: nameOrPath)
        guard let object = document as? [String: Any], let alphabet = object["alphabet"] else { return (universe, base) }
        return (universe, try AlphabetSettings(jsonObject: alphabet, source: nameOrPath, base: base))
    }
}
