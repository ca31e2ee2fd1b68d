import Foundation

/// The kill matrix in the mutation-testing-elements schema (the JSON Stryker writes and its
/// HTML report reads, schemaVersion 1): one file entry per source file that holds a seam, one
/// mutant per legacy bug, Killed or Survived, with the detector that killed it.
public struct StrykerReport: Sendable {
    public struct Mutant: Sendable {
        public var id: String
        /// The SPEC §4 name.
        public var name: String
        public var description: String
        /// Source file (relative to the package root) and line of the mutant's seam.
        public var file: String
        public var line: Int
        public var killed: Bool
        /// "explore tiny: tlb-coherence" and the like.
        public var killedBy: [String]
        public var testsCompleted: Int

        public init(id: String, name: String, description: String, file: String, line: Int, killed: Bool, killedBy: [String], testsCompleted: Int) {
            self.id = id
            self.name = name
            self.description = description
            self.file = file
            self.line = line
            self.killed = killed
            self.killedBy = killedBy
            self.testsCompleted = testsCompleted
        }
    }

    public var mutants: [Mutant]
    /// File path → its source text (the schema requires the source of every file).
    public var sources: [String: String]

    public init(mutants: [Mutant], sources: [String: String]) {
        self.mutants = mutants
        self.sources = sources
    }

    public var jsonObject: [String: Any] {
        var files: [String: Any] = [:]
        for file in Set(mutants.map(\.file)).sorted() {
            let entries = mutants.filter { $0.file == file }.map { m -> [String: Any] in
                var entry: [String: Any] = [
                    "id": m.id,
                    "mutatorName": m.name,
                    "description": m.description,
                    "replacement": m.name,
                    "location": ["start": ["line": m.line, "column": 1], "end": ["line": m.line, "column": 2]],
                    "status": m.killed ? "Killed" : "Survived",
                    "testsCompleted": m.testsCompleted,
                ]
                if m.killed { entry["killedBy"] = m.killedBy }
                return entry
            }
            files[file] = ["language": "swift", "source": sources[file] ?? "", "mutants": entries]
        }
        return [
            "schemaVersion": "1",
            "thresholds": ["high": 100, "low": 100],
            "projectRoot": ".",
            "files": files,
        ]
    }

    public var json: String {
        let data = (try? JSONSerialization.data(withJSONObject: jsonObject, options: [.prettyPrinted, .sortedKeys])) ?? Data()
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
