/// Bad user input — a flag, a universe file, a trace file, a property file — with where it is
/// wrong. The CLI prints it and exits with status 2.
public struct InputError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The file (or "--flag") the problem is in.
    public var source: String
    /// Where inside it: "step 3, field 'size'", "line 4". Empty when the whole source is wrong.
    public var location: String
    public var message: String

    public init(source: String, location: String = "", message: String) {
        self.source = source
        self.location = location
        self.message = message
    }

    public var description: String {
        location.isEmpty ? "\(source): \(message)" : "\(source): \(location): \(message)"
    }
}
