import Foundation
import Model

/// A concurrent counterexample as a file: the universe, the mutants, the thread count, the
/// operations the schedule begins (as trace steps) and the schedule itself, one move per atomic
/// step: `[thread, k]` begins the schedule's k-th operation on that thread, `[thread]` runs the
/// thread's next step.
public struct ConcurrentTrace: Sendable {
    public static let format = "regioncheck-concurrent-trace"
    public var universe: Universe
    public var mutations: Mutations
    public var threads: Int
    public var violates: String?
    public var operations: [Operation]
    public var schedule: [(thread: Int, operation: Int?)]

    public init(system: ConcurrentSystem, counterexample: ConcurrentCounterexample) {
        universe = system.universe
        mutations = system.mutations
        threads = system.threadCount
        violates = counterexample.violation.property
        operations = []
        schedule = []
        for move in counterexample.moves {
            if let letter = move.letter {
                operations.append(system.letters[letter])
                schedule.append((move.thread, operations.count - 1))
            } else {
                schedule.append((move.thread, nil))
            }
        }
    }

    public func jsonText() -> String {
        var lines = ["{", "  \"format\": \"\(Self.format)\",", "  \"version\": 1,"]
        lines.append("  \"universe\": \(UniverseFile.jsonText(universe)),")
        lines.append("  \"mutations\": [\(mutations.names.map { "\"\($0)\"" }.joined(separator: ", "))],")
        lines.append("  \"threads\": \(threads),")
        if let violates { lines.append("  \"violates\": \"\(violates)\",") }
        lines.append("  \"operations\": [")
        for (i, operation) in operations.enumerated() {
            lines.append("    " + Trace.stepJSON(Trace.Step(operation)) + (i + 1 < operations.count ? "," : ""))
        }
        lines.append("  ],")
        let moves = schedule.map { move in move.operation.map { "[\(move.thread), \($0)]" } ?? "[\(move.thread)]" }
        lines.append("  \"schedule\": [\(moves.joined(separator: ", "))]")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    public func write(to path: String) throws(InputError) {
        do {
            try jsonText().write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw InputError(source: path, message: "cannot be written: \(error.localizedDescription)")
        }
    }
}
