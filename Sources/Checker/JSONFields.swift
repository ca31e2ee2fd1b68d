import Foundation

/// Reads the fields of one JSON object and says exactly which field is wrong.
struct JSONFields {
    let object: [String: Any]
    let source: String
    /// "step 3" and the like; the field name is appended to it.
    let location: String

    init(_ value: Any, source: String, location: String) throws(InputError) {
        guard let object = value as? [String: Any] else {
            throw InputError(source: source, location: location, message: "must be a JSON object")
        }
        self.object = object
        self.source = source
        self.location = location
    }

    func fail(_ key: String, _ message: String) -> InputError {
        InputError(source: source, location: location.isEmpty ? "field '\(key)'" : "\(location), field '\(key)'", message: message)
    }

    func has(_ key: String) -> Bool { object[key] != nil }

    /// Rejects keys outside `allowed`, so a typo is an error instead of a silent default.
    func onlyKeys(_ allowed: Set<String>) throws(InputError) {
        if let unknown = object.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw fail(unknown, "unknown field (expected one of: \(allowed.sorted().joined(separator: ", ")))")
        }
    }

    func string(_ key: String) throws(InputError) -> String? {
        guard let raw = object[key] else { return nil }
        guard let s = raw as? String else { throw fail(key, "must be a string") }
        return s
    }

    func requiredString(_ key: String) throws(InputError) -> String {
        guard let s = try string(key) else { throw fail(key, "is missing") }
        return s
    }

    /// A non-negative integer, as a JSON number or a decimal / "0x" hex string.
    func number(_ key: String) throws(InputError) -> UInt64? {
        guard let raw = object[key] else { return nil }
        guard let value = JSONFields.parseNumber(raw) else {
            throw fail(key, "must be a non-negative integer or a hex string like \"0x1000\", got \(raw)")
        }
        return value
    }

    func requiredNumber(_ key: String) throws(InputError) -> UInt64 {
        guard let n = try number(key) else { throw fail(key, "is missing") }
        return n
    }

    func bool(_ key: String) throws(InputError) -> Bool? {
        guard let raw = object[key] else { return nil }
        guard let b = raw as? Bool, JSONFields.isBoolean(raw) else { throw fail(key, "must be true or false") }
        return b
    }

    func array(_ key: String) throws(InputError) -> [Any]? {
        guard let raw = object[key] else { return nil }
        guard let a = raw as? [Any] else { throw fail(key, "must be an array") }
        return a
    }

    static func isBoolean(_ raw: Any) -> Bool {
        raw is Bool && String(describing: type(of: raw)).contains("Bool")
            || (raw as? NSNumber).map { String(cString: $0.objCType) == "c" } ?? false
    }

    static func parseNumber(_ raw: Any) -> UInt64? {
        if let text = raw as? String {
            return UInt64(decimalOrHex: text.trimmingCharacters(in: .whitespaces))
        }
        if isBoolean(raw) { return nil }
        if let n = raw as? NSNumber {
            let d = n.doubleValue
            guard d >= 0, d == d.rounded() else { return nil }
            if let i = raw as? Int, i >= 0 { return UInt64(i) }
            return n.uint64Value
        }
        return nil
    }

    /// Decodes a JSON document, with the parser's own words on failure.
    static func parseDocument(_ data: Data, source: String) throws(InputError) -> Any {
        do {
            return try JSONSerialization.jsonObject(with: data, options: [])
        } catch {
            let nsError = error as NSError
            let detail = (nsError.userInfo[NSDebugDescriptionErrorKey] as? String) ?? nsError.localizedDescription
            throw InputError(source: source, message: "is not valid JSON: \(detail)")
        }
    }

    /// Largest input file read: a universe or a trace is a few kilobytes; /dev/zero is not.
    static let maxFileBytes = 256 << 20

    static func readFile(_ path: String) throws(InputError) -> Data {
        guard !path.isEmpty else { throw InputError(source: "(empty path)", message: "no file named: give a path") }
        // Only regular files: a FIFO would block and a device never end.
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        if let type = attributes?[.type] as? FileAttributeType, type != .typeRegular {
            throw InputError(source: path, message: type == .typeDirectory ? "is a directory, not a file" : "is not a regular file")
        }
        if let size = attributes?[.size] as? Int, size > maxFileBytes {
            throw InputError(source: path, message: "is \(size) bytes; input files are limited to \(maxFileBytes) bytes")
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(source: path, message: "cannot be read (no such file, or not readable)")
        }
        return data
    }
}
