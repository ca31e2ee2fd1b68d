import Foundation
import Model

/// Universes as users name them: a preset (`tiny`, `small`, `serenity`) or a JSON file.
public enum UniverseFile {
    /// `tiny`, `small`, `serenity`, or a path to a universe JSON file.
    public static func resolve(_ nameOrPath: String) throws(InputError) -> Universe {
        guard !nameOrPath.isEmpty else {
            throw InputError(source: "--universe", message: "is empty: give a preset (tiny, small, serenity) or a universe JSON file")
        }
        if let preset = Universe.preset(named: nameOrPath) { return preset }
        guard FileManager.default.fileExists(atPath: nameOrPath) else {
            throw InputError(source: "--universe", message: "\"\(nameOrPath)\" is neither a preset (tiny, small, serenity) nor an existing file")
        }
        let data = try JSONFields.readFile(nameOrPath)
        let document = try JSONFields.parseDocument(data, source: nameOrPath)
        return try universe(from: document, source: nameOrPath, location: "", extraKeys: ["alphabet"])
    }

    /// A universe from a JSON value: a preset name or an object of Universe fields.
    static func universe(from value: Any, source: String, location: String, extraKeys: Set<String> = []) throws(InputError) -> Universe {
        if let name = value as? String {
            guard let preset = Universe.preset(named: name) else {
                throw InputError(source: source, location: location, message: "unknown universe \"\(name)\" (presets: tiny, small, serenity)")
            }
            return preset
        }
        let fields = try JSONFields(value, source: source, location: location)
        try fields.onlyKeys(Universe.jsonKeys.union(extraKeys))
        do {
            return try Universe(jsonObject: fields.object)
        } catch {
            throw fields.fail(error.field, error.message)
        }
    }

    /// A preset by name, or the full object for a custom universe.
    static func jsonText(_ universe: Universe) -> String {
        if let preset = Universe.preset(named: universe.name), preset == universe { return "\"\(universe.name)\"" }
        return "{\"name\": \(jsonString(universe.name)), \"base\": \"\(universe.base.hex)\", \"pages\": \(universe.pages), "
            + "\"pageSize\": \(universe.pageSize), \"pagesPerTable\": \(universe.pagesPerTable), "
            + "\"frames\": \(universe.frames), \"pageTables\": \(universe.pageTables)}"
    }
}
