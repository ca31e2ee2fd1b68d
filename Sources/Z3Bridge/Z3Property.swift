/// One property file: its header fields and its SMT-LIB2 body, which asserts the property's
/// violation (satisfiable = violated).
///
/// Header: the leading comment block, with the fields
/// `; id: <id>` (must equal the file name without `.smt2`), `; kind: state|transition`,
/// `; witness: <template>` (required) and `; title: <one line>` (optional). Other comment
/// lines are free text.
public struct Z3Property: Equatable, Sendable {
    public let id: String
    public let kind: Z3PropertyKind
    public let title: String?
    public let witness: Z3WitnessTemplate
    /// The line of the `; witness:` field, and the column where its template starts.
    let witnessLine: Int
    let witnessColumn: Int
    /// Where the file was read from (used in error messages).
    public let path: String
    /// The whole file text, header included: Z3 skips the comments.
    public let source: String

    /// Reads the header of `source`; the body is checked by `Z3PropertyChecker.validate`.
    public init(path: String, source: String) throws(Z3Error) {
        self.path = path
        self.source = source
        var fields: [String: (value: String, line: Int, column: Int)] = [:]
        for (number, line) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let text = String(line).trimmingSpaces
            if text.isEmpty { continue }
            guard text.hasPrefix(";") else { break }
            guard let field = Self.field(String(line)) else { continue }
            if fields[field.key] != nil {
                throw .header(file: path, line: number + 1, message: "duplicate field '\(field.key)'")
            }
            fields[field.key] = (field.value, number + 1, field.column)
        }
        func required(_ key: String) throws(Z3Error) -> (value: String, line: Int, column: Int) {
            guard let field = fields[key] else {
                throw .header(file: path, line: 1, message: "missing header field '; \(key): ...'")
            }
            return field
        }

        let id = try required("id")
        let stem = Self.stem(of: path)
        guard !id.value.isEmpty, id.value.allSatisfy({ $0.isLowercase || $0.isNumber || $0 == "-" }) else {
            throw .header(file: path, line: id.line, message: "id '\(id.value)' must be lowercase letters, digits and '-'")
        }
        guard id.value == stem else {
            throw .header(file: path, line: id.line, message: "id '\(id.value)' does not match the file name '\(stem).smt2'")
        }
        self.id = id.value

        let kind = try required("kind")
        guard let parsedKind = Z3PropertyKind(rawValue: kind.value) else {
            throw .header(file: path, line: kind.line, message: "kind '\(kind.value)' is not 'state' or 'transition'")
        }
        self.kind = parsedKind
        title = fields["title"]?.value

        let witness = try required("witness")
        do {
            self.witness = try Z3WitnessTemplate(parsing: witness.value)
        } catch {
            throw .parse(file: path, line: witness.line, column: witness.column + error.column - 1, message: error.message)
        }
        witnessLine = witness.line
        witnessColumn = witness.column
    }

    static let keys: Set<String> = ["id", "kind", "title", "witness"]

    /// `; key: value` with a known key; `column` is where the value starts (1-based).
    static func field(_ line: String) -> (key: String, value: String, column: Int)? {
        let characters = Array(line)
        var index = characters.firstIndex(of: ";")! + 1
        while index < characters.count, characters[index] == ";" || characters[index] == " " { index += 1 }
        guard let colon = characters[index...].firstIndex(of: ":") else { return nil }
        let key = String(characters[index..<colon])
        guard keys.contains(key) else { return nil }
        var valueStart = colon + 1
        while valueStart < characters.count, characters[valueStart] == " " { valueStart += 1 }
        let value = String(characters[valueStart...]).trimmingSpaces
        return (key, value, valueStart + 1)
    }

    static func stem(of path: String) -> String {
        let name = path.split(separator: "/").last.map(String.init) ?? path
        return name.hasSuffix(".smt2") ? String(name.dropLast(5)) : name
    }
}
