/// One loaded SMT-LIB2 property file, as `regioncheck properties` lists it.
public struct Z3PropertyFile: Sendable {
    public var id: String
    public var kind: String
    public var title: String?
    public var path: String
    /// Not a catalogue id: the user's own property.
    public var user: Bool

    /// The built-in files and those of `extraDirectories`, validated (a bad file is an input error).
    public static func all(extraDirectories: [String]) throws(InputError) -> [Z3PropertyFile] {
        let catalogue = Set(PropertyCatalogue.ids)
        return try Z3PropertyCheck.loadProperties(extraDirectories: extraDirectories).map {
            Z3PropertyFile(id: $0.id, kind: "\($0.kind)", title: $0.title, path: $0.path, user: !catalogue.contains($0.id))
        }
    }
}
