import Foundation
import Model

/// Seeded random schedules: at each step a thread that can move is drawn uniformly, and if it is
/// in user space, the operation it begins. The first violation's schedule is shrunk.
public enum ConcurrentRandom {
    public struct Failure: Sendable {
        public var runSeed: UInt64
        public var originalLength: Int
        public var counterexample: ConcurrentCounterexample
    }

    public struct Report: Sendable {
        public var runs: Int
        public var steps: Int
        public var seed: UInt64
        public var runsDone = 0
        public var stepsDone = 0
        public var failure: Failure?
        public var seconds = 0.0
    }

    public static func run(system: ConcurrentSystem, properties: ConcurrentProperties,
                           runs: Int, steps: Int, seed: UInt64) -> Report {
        let start = ContinuousClock.now
        var report = Report(runs: runs, steps: steps, seed: seed)
        var seeds = SplitMix64(seed: seed)
        var runSeed = seed
        for run in 0 ..< runs {
            if run > 0 { runSeed = seeds.next() }
            var rng = SplitMix64(seed: runSeed)
            var state = system.initialState()
            var schedule: [ThreadMove] = []
            report.runsDone += 1
            for _ in 0 ..< steps {
                let moves = system.moves(from: state)
                guard !moves.isEmpty else { break }
                let threads = Array(Set(moves.map(\.thread))).sorted()
                let thread = threads[Int(rng.below(UInt64(threads.count)))]
                let own = moves.filter { $0.thread == thread }
                let move = own[Int(rng.below(UInt64(own.count)))]
                system.apply(move, to: &state)
                schedule.append(move)
                report.stepsDone += 1
                if let violation = properties.firstViolation(state, system: system) {
                    let shrunk = shrink(schedule, property: violation.property, system: system, properties: properties)
                    let (records, final) = system.replay(shrunk.moves)
                    report.failure = Failure(runSeed: runSeed, originalLength: schedule.count, counterexample:
                        ConcurrentCounterexample(violation: shrunk.violation, moves: shrunk.moves, records: records, final: final))
                    let d = ContinuousClock.now - start
                    report.seconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
                    return report
                }
            }
        }
        let d = ContinuousClock.now - start
        report.seconds = Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
        return report
    }

    /// Runs `schedule` leniently: a move the state does not allow (the thread is blocked, or in
    /// user space when the move continues an operation, or inside one when it begins another) is
    /// skipped. Returns the moves actually run up to the first violation of `property`, if any.
    static func firstViolation(of schedule: [ThreadMove], property: String, system: ConcurrentSystem,
                               properties: ConcurrentProperties) -> (moves: [ThreadMove], violation: Violation)? {
        var state = system.initialState()
        var ran: [ThreadMove] = []
        for move in schedule {
            guard move.thread < system.threadCount, state.threads[move.thread].isIdle == (move.letter != nil),
                  system.moves(from: state).contains(move)
            else { continue }
            system.apply(move, to: &state)
            ran.append(move)
            if let v = properties.firstViolation(state, system: system) {
                return v.property == property ? (ran, v) : nil
            }
        }
        return nil
    }

    /// Deletes whole operations (a begin and its thread's moves up to its next begin), then chunks
    /// of the schedule (halves, then quarters, … single moves) while the same property is still
    /// violated; each candidate is a valid run since replay skips what no longer fits.
    static func shrink(_ schedule: [ThreadMove], property: String, system: ConcurrentSystem,
                       properties: ConcurrentProperties) -> (moves: [ThreadMove], violation: Violation) {
        var best = firstViolation(of: schedule, property: property, system: system, properties: properties)!
        var begin = 0
        while begin < best.moves.count {
            let thread = best.moves[begin].thread
            guard best.moves[begin].letter != nil else { begin += 1; continue }
            var candidate = best.moves
            var i = begin + 1
            while i < candidate.count && !(candidate[i].thread == thread && candidate[i].letter != nil) {
                if candidate[i].thread == thread { candidate.remove(at: i) } else { i += 1 }
            }
            candidate.remove(at: begin)
            if let found = firstViolation(of: candidate, property: property, system: system, properties: properties),
               found.moves.count < best.moves.count {
                best = found
            } else {
                begin += 1
            }
        }
        var chunk = max(1, best.moves.count / 2)
        while true {
            var i = 0
            var improved = false
            while i < best.moves.count {
                var candidate = best.moves
                candidate.removeSubrange(i ..< min(i + chunk, candidate.count))
                if let found = firstViolation(of: candidate, property: property, system: system, properties: properties),
                   found.moves.count < best.moves.count {
                    best = found
                    improved = true
                } else {
                    i += chunk
                }
            }
            if chunk == 1 && !improved { break }
            if !improved { chunk = max(1, chunk / 2) }
        }
        return best
    }
}

extension ConcurrentRandom.Report {
    public var exitCode: Int32 { failure != nil ? 1 : 0 }

    public func text(tracePath: String?, threads: Int) -> String {
        var lines = ["random --threads \(threads): \(runsDone) runs, \(stepsDone) atomic steps from seed \(seed), "
            + String(format: "%.2f s", seconds)]
        if let failure {
            let c = failure.counterexample
            lines.append("VIOLATION \(c.violation.property) in the run of seed \(failure.runSeed): "
                + "shrunk from \(failure.originalLength) to \(c.atomicSteps) atomic steps")
            lines += c.lines(threads: threads)
            if let tracePath { lines.append("schedule written to \(tracePath)") }
        } else {
            lines.append("PASS: no violation in \(runsDone) runs of up to \(steps) atomic steps")
        }
        return lines.joined(separator: "\n")
    }
}
