import Foundation
import Model

/// What one concurrent exploration runs.
public struct ConcurrentExplorationRequest: Sendable {
    public var system: ConcurrentSystem
    public var properties: ConcurrentProperties
    /// Every interleaving of up to `depth` atomic steps (over all threads).
    public var depth: Int
    /// Sleep sets on (the default): a step that commutes with one already explored from an
    /// ancestor is not tried again in the other order.
    public var reduction: Bool
    public var maxStates: Int?
    public var maxSeconds: Double?

    public init(system: ConcurrentSystem, properties: ConcurrentProperties, depth: Int, reduction: Bool = true,
                maxStates: Int? = nil, maxSeconds: Double? = nil) {
        self.system = system
        self.properties = properties
        self.depth = depth
        self.reduction = reduction
        self.maxStates = maxStates
        self.maxSeconds = maxSeconds
    }
}

/// A violation found by interleaving: the schedule, and the steps as the report shows them.
public struct ConcurrentCounterexample: Sendable {
    public var violation: Violation
    public var moves: [ThreadMove]
    public var records: [ConcurrentStepRecord]
    /// The state the schedule ends in (for the wait-for cycle and the final locks).
    public var final: ConcurrentState

    public var atomicSteps: Int { moves.count }
    /// Operations begun by the schedule (finished or not).
    public var operations: Int { moves.filter { $0.letter != nil }.count }
}

public struct ConcurrentExplorationReport: Sendable {
    public var threads: Int
    public var depth: Int
    public var reduction: Bool
    public var letters: Int
    /// Distinct states stored (initial state included).
    public var states: Int
    /// Steps executed; with the reduction, `slept` more were skipped.
    public var transitions: Int
    public var slept: Int
    /// Deepest level fully expanded.
    public var depthReached: Int
    public var seconds: Double
    public var counterexample: ConcurrentCounterexample?
    /// Why the run stopped before its bound, if it did.
    public var inconclusive: String?

    public var exitCode: Int32 { counterexample != nil ? 1 : inconclusive != nil ? 3 : 0 }
}

/// Breadth-first over interleavings of atomic steps, with an exact visited set and, optionally,
/// sleep sets (README, "Concurrency": why every state keeps its shortest depth).
public enum ConcurrentExplorer {
    public static func run(_ request: ConcurrentExplorationRequest) -> ConcurrentExplorationReport {
        let start = ContinuousClock.now
        let system = request.system
        var report = ConcurrentExplorationReport(
            threads: system.threadCount, depth: request.depth, reduction: request.reduction, letters: system.letters.count,
            states: 1, transitions: 0, slept: 0, depthReached: 0, seconds: 0)
        func finish() -> ConcurrentExplorationReport {
            let d = ContinuousClock.now - start
            report.seconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
            return report
        }
        var parent: [Int32] = [-1]
        var moveInto: [ThreadMove] = [ThreadMove(thread: -1)]
        func schedule(to id: Int) -> [ThreadMove] {
            var moves: [ThreadMove] = []
            var i = id
            while parent[i] >= 0 { moves.append(moveInto[i]); i = Int(parent[i]) }
            return moves.reversed()
        }
        func counterexample(_ violation: Violation, _ moves: [ThreadMove]) -> ConcurrentCounterexample {
            let (records, final) = system.replay(moves)
            return ConcurrentCounterexample(violation: violation, moves: moves, records: records, final: final)
        }

        let initial = system.initialState()
        if let v = request.properties.firstViolation(initial, system: system) {
            report.counterexample = counterexample(v, [])
            return finish()
        }
        var index: [[UInt8]: Int32] = [initial.key(): 0]
        var frontier: [(id: Int, state: ConcurrentState, sleep: [ThreadMove])] = [(0, initial, [])]
        for level in 0 ..< request.depth {
            if let maxSeconds = request.maxSeconds, ContinuousClock.now - start > .seconds(maxSeconds) {
                report.inconclusive = "time limit of \(maxSeconds) s reached at depth \(level)"
                return finish()
            }
            let nextStart = parent.count
            var next: [(id: Int, state: ConcurrentState, sleep: [ThreadMove])] = []
            for entry in frontier {
                let moves = system.moves(from: entry.state)
                var done: [(move: ThreadMove, footprint: Footprint)] = []
                var sleeping: [(move: ThreadMove, footprint: Footprint)] = []
                if request.reduction {
                    sleeping = entry.sleep.map { ($0, system.footprint(of: $0, in: entry.state)) }
                }
                for move in moves {
                    if request.reduction && entry.sleep.contains(move) { report.slept += 1; continue }
                    let footprint = system.footprint(of: move, in: entry.state)
                    var child = entry.state
                    system.apply(move, to: &child)
                    report.transitions += 1
                    var proposed: [ThreadMove] = []
                    if request.reduction {
                        for other in sleeping + done where other.move.thread != move.thread && other.footprint.commutes(with: footprint) {
                            proposed.append(other.move)
                        }
                        done.append((move, footprint))
                    }
                    let key = child.key()
                    if let existing = index[key] {
                        let slot = Int(existing) - nextStart
                        if slot >= 0 { next[slot].sleep = next[slot].sleep.filter { proposed.contains($0) } }
                        continue
                    }
                    let id = parent.count
                    index[key] = Int32(id)
                    parent.append(Int32(entry.id))
                    moveInto.append(move)
                    report.states += 1
                    if let v = request.properties.firstViolation(child, system: system) {
                        report.counterexample = counterexample(v, schedule(to: id))
                        return finish()
                    }
                    if let maxStates = request.maxStates, report.states >= maxStates {
                        report.inconclusive = "state limit of \(maxStates) reached at depth \(level + 1)"
                        return finish()
                    }
                    next.append((id, child, proposed))
                }
            }
            report.depthReached = level + 1
            frontier = next
            if frontier.isEmpty { break }
        }
        return finish()
    }
}
