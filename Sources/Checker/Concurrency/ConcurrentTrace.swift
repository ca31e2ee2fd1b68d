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

extension ConcurrentTrace {
    /// Whether the file at `path` is a concurrent trace (its "format" field says so).
    public static func isConcurrentTrace(path: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path),
              let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { return false }
        return object["format"] as? String == format
    }

    /// Reads a concurrent trace; every problem names the file and the field or schedule entry.
    public static func load(path: String) throws(InputError) -> ConcurrentTrace {
        let document = try JSONFields.parseDocument(JSONFields.readFile(path), source: path)
        let top = try JSONFields(document, source: path, location: "")
        try top.onlyKeys(["format", "version", "description", "universe", "mutations", "threads", "violates", "operations", "schedule"])
        guard try top.string("format") == format else { throw top.fail("format", "must be \"\(format)\"") }
        guard try top.requiredNumber("version") == 1 else { throw top.fail("version", "this regioncheck reads version 1") }
        guard let universeValue = top.object["universe"] else { throw top.fail("universe", "is missing") }
        let universe = try UniverseFile.universe(from: universeValue, source: path, location: "field 'universe'")
        var mutations: Mutations = []
        for (i, raw) in (try top.array("mutations") ?? []).enumerated() {
            guard let name = raw as? String, let m = Mutations.named(name) else {
                throw InputError(source: path, location: "field 'mutations'[\(i)]", message: "unknown mutant \(raw) (see `regioncheck mutants --list`)")
            }
            mutations.insert(m)
        }
        let threads = Int(try top.requiredNumber("threads"))
        guard threads >= 2 && threads <= ConcurrentSystem.maxThreads else {
            throw top.fail("threads", "must be 2...\(ConcurrentSystem.maxThreads), got \(threads)")
        }
        var operations: [Operation] = []
        for (i, raw) in (try top.array("operations") ?? []).enumerated() {
            let step = try Trace.parseStep(raw, source: path, location: "operation \(i)", universe: universe)
            guard OperationProgram.supports(step.operation) else {
                throw InputError(source: path, location: "operation \(i)", message: "\(step.operation) is not split into atomic steps")
            }
            operations.append(step.operation)
        }
        var schedule: [(thread: Int, operation: Int?)] = []
        for (i, raw) in (try top.array("schedule") ?? []).enumerated() {
            let numbers = (raw as? [Any])?.compactMap { JSONFields.parseNumber($0) } ?? []
            guard let entry = raw as? [Any], numbers.count == entry.count, (1 ... 2).contains(numbers.count),
                  numbers[0] < UInt64(threads), numbers.count == 1 || numbers[1] < UInt64(operations.count)
            else {
                throw InputError(source: path, location: "schedule[\(i)]",
                                 message: "must be [thread] or [thread, operation] with thread < \(threads) and operation < \(operations.count)")
            }
            schedule.append((Int(numbers[0]), numbers.count == 2 ? Int(numbers[1]) : nil))
        }
        var trace = ConcurrentTrace(universe: universe, mutations: mutations, threads: threads, operations: operations, schedule: schedule)
        trace.violates = try top.string("violates")
        return trace
    }

    init(universe: Universe, mutations: Mutations, threads: Int, operations: [Operation], schedule: [(thread: Int, operation: Int?)]) {
        self.universe = universe
        self.mutations = mutations
        self.threads = threads
        self.operations = operations
        self.schedule = schedule
    }

    /// The system whose alphabet is the trace's operations, and the schedule as its moves.
    public var system: ConcurrentSystem {
        ConcurrentSystem(letters: operations, threads: threads, universe: universe, mutations: mutations)
    }

    public var moves: [ThreadMove] { schedule.map { ThreadMove(thread: $0.thread, letter: $0.operation) } }

    /// Re-runs the schedule, checking every state; a move the state does not allow is bad input
    /// naming the schedule entry. Returns the steps up to the first violation (or all of them).
    public func replay(properties: ConcurrentProperties, source: String) throws(InputError) -> ConcurrentCounterexample? {
        let system = self.system
        var state = system.initialState()
        for (i, move) in moves.enumerated() {
            guard state.threads[move.thread].isIdle == (move.letter != nil), system.moves(from: state).contains(move) else {
                let why = state.threads[move.thread].isIdle ? "is in user space" : move.letter != nil ? "is inside an operation" : "is blocked"
                throw InputError(source: source, location: "schedule[\(i)]", message: "thread \(move.thread) \(why): the move does not fit")
            }
            system.apply(move, to: &state)
            if let violation = properties.firstViolation(state, system: system) {
                let ran = Array(moves.prefix(i + 1))
                let (records, final) = system.replay(ran)
                return ConcurrentCounterexample(violation: violation, moves: ran, records: records, final: final)
            }
        }
        return nil
    }
}
