import Foundation

/// Reads property files from disk at run time (they are never compiled in) and validates each
/// one against its kind's vocabulary before any check runs.
public enum Z3PropertyLoader {
    /// Loads one `.smt2` file.
    public static func load(file path: String, checker: Z3PropertyChecker) throws(Z3Error) -> Z3Property {
        let source: String
        do {
            source = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw .io(path: path, message: "cannot read: \(error.localizedDescription)")
        }
        let property = try Z3Property(path: path, source: source)
        try checker.validate(property)
        return property
    }

    /// Loads every `*.smt2` file of `directory`, in file-name order.
    public static func load(directory: String, checker: Z3PropertyChecker) throws(Z3Error) -> [Z3Property] {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw .io(path: directory, message: "cannot list property directory: \(error.localizedDescription)")
        }
        var properties: [Z3Property] = []
        for name in names.sorted() where name.hasSuffix(".smt2") {
            properties.append(try load(file: (directory as NSString).appendingPathComponent(name), checker: checker))
        }
        return properties
    }

    /// Loads several directories (the built-in one first, then the user's); an id may be
    /// declared only once across all of them.
    public static func load(directories: [String], checker: Z3PropertyChecker) throws(Z3Error) -> [Z3Property] {
        var properties: [Z3Property] = []
        var byID: [String: String] = [:]
        for directory in directories {
            for property in try load(directory: directory, checker: checker) {
                if let first = byID[property.id] {
                    throw .duplicateProperty(id: property.id, files: [first, property.path])
                }
                byID[property.id] = property.path
                properties.append(property)
            }
        }
        return properties
    }

    /// The built-in properties plus those of `extraDirectories` (`--properties-dir`).
    /// `builtIn` overrides the search for the built-in directory.
    public static func loadAll(builtIn: String? = nil, extraDirectories: [String] = [],
                               checker: Z3PropertyChecker) throws(Z3Error) -> [Z3Property] {
        guard let directory = builtIn ?? builtInDirectory() else {
            throw .io(path: "Properties", message: "built-in property directory not found (searched: \(searchPaths().joined(separator: ", ")))")
        }
        return try load(directories: [directory] + extraDirectories, checker: checker)
    }
}
