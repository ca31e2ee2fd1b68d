import Dispatch

/// Shrinks a failing run to a minimal one, Hypothesis-style: it edits the recorded abstract
/// steps, never the concrete operations, so every candidate is a valid run. Passes, repeated to a
/// fixed point: delete chunks of steps (halves, quarters, ... single steps); simplify each step
/// (`AbstractStep.simplifications`); both again on the same run written with absolute addresses
/// and sizes, where the addresses also move down together (`shiftAddresses`); and, once the run
/// is short, delete one step while giving another one a nearby anchor or size (in both forms). A candidate is kept when its run still violates the same property and is
/// smaller in `ShrinkOrder` (so shrinking ends), cut right after the step that violates it.
public struct Shrinker: Sendable {
    public let setup: RandomSetup
    /// The property the counterexample must keep violating.
    public let property: String

    /// The longest sequence the quadratic "delete one, adjust another" pass is tried on.
    static let neighbourhoodLimit = 8
    /// Steps all candidates together may run: deleting single steps from a run of n steps costs
    /// n² steps, so a violation found deep in a long run stops shrinking here (deterministically:
    /// a count, not a clock) rather than running for hours.
    public var stepBudget: Int

    public static let defaultStepBudget = 5_000_000
    /// Wall-clock seconds the whole shrink may take (nil: no limit). A safety net behind the step
    /// budget, for a machine far slower than expected: when it fires the result says so.
    public var secondsLimit: Double?
    /// The clock the limit reads, in seconds from any origin (tests inject one).
    public var clock: @Sendable () -> Double = Shrinker.monotonicSeconds

    public init(setup: RandomSetup, property: String, stepBudget: Int = Shrinker.defaultStepBudget,
                secondsLimit: Double? = nil) {
        self.setup = setup
        self.property = property
        self.stepBudget = stepBudget
        self.secondsLimit = secondsLimit
    }

    public static func monotonicSeconds() -> Double {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }

    public struct Result: Sendable {
        public var steps: [AbstractStep]
        public var violation: Violation
        public var originalLength: Int
        /// Candidates kept (each one a successful shrink step).
        public var shrinkSteps: Int
        /// Candidates run, kept or not.
        public var attempts: Int
        /// Why it ended: a fixed point, the step budget or the wall-clock net.
        public var stop: ShrinkStop
        /// Wall-clock seconds the shrink took.
        public var seconds: Double
        /// False when the step budget or the wall-clock net stopped it before a fixed point.
        public var complete: Bool { stop == .fixedPoint }
    }

    /// The state of one shrink: the best run so far and the counters.
    private struct Progress {
        let setup: RandomSetup
        let property: String
        var best: [AbstractStep]
        var order: ShrinkOrder
        var violation: Violation
        var kept = 0
        var attempts = 0
        var budget: Int
        let clock: @Sendable () -> Double
        let started: Double
        let secondsLimit: Double?
        var timedOut = false

        var exhausted: Bool { budget <= 0 || timedOut }

        /// Runs a candidate and keeps it if it still violates the property and is smaller.
        mutating func accept(_ candidate: [AbstractStep]) -> Bool {
            guard !exhausted else { return false }
            if let limit = secondsLimit, clock() - started >= limit {
                timedOut = true
                return false
            }
            attempts += 1
            budget -= candidate.count
            let outcome = setup.replay(candidate)
            guard let v = outcome.violation, v.property == property, outcome.order < order else { return false }
            best = outcome.steps
            order = outcome.order
            violation = v
            kept += 1
            return true
        }
    }

    /// Shrinks `steps`, whose run violates `property` (with `violation`).
    public func shrink(_ steps: [AbstractStep], violation: Violation) -> Result {
        let started = clock()
        let start = setup.replay(steps)
        var progress = Progress(setup: setup, property: property, best: start.steps, order: start.order,
                                violation: violation, budget: stepBudget, clock: clock, started: started,
                                secondsLimit: secondsLimit)
        var changed = true
        while changed && !progress.exhausted {
            changed = false
            if deleteChunks(from: progress.best, &progress) { changed = true }
            if simplifySteps(from: progress.best, &progress) { changed = true }
            // Written with absolute addresses the run fails the same way, and an earlier step may
            // go without moving the later ones; the rewrite is kept only if a deletion succeeds.
            let absolute = setup.absolute(progress.best)
            if absolute != progress.best
                && (deleteChunks(from: absolute, &progress) || simplifySteps(from: absolute, &progress)) {
                changed = true
            }
            if shiftAddresses(from: setup.absolute(progress.best), &progress) { changed = true }
            if progress.best.count <= Self.neighbourhoodLimit {
                if deleteWithNeighbour(from: progress.best, &progress) {
                    changed = true
                } else {
                    let absolute = setup.absolute(progress.best)
                    if absolute != progress.best && deleteWithNeighbour(from: absolute, &progress) { changed = true }
                }
            }
        }
        let stop: ShrinkStop = progress.timedOut ? .timeLimit(seconds: secondsLimit ?? 0)
            : progress.budget <= 0 ? .stepBudget : .fixedPoint
        return Result(steps: progress.best, violation: progress.violation, originalLength: steps.count,
                      shrinkSteps: progress.kept, attempts: progress.attempts, stop: stop, seconds: clock() - started)
    }

    /// Deletes chunks of `start` (a run that fails), halves first, down to single steps; at each
    /// size it walks from the end so that a deletion does not shift the chunks still to try.
    private func deleteChunks(from start: [AbstractStep], _ progress: inout Progress) -> Bool {
        var current = start
        var changed = false
        var chunk = max(1, current.count / 2)
        while true {
            var first = current.count - chunk
            while first >= 0 && !progress.exhausted {
                if first + chunk <= current.count {
                    var candidate = current
                    candidate.removeSubrange(first ..< first + chunk)
                    if progress.accept(candidate) {
                        current = progress.best
                        changed = true
                    }
                }
                first -= chunk
            }
            if chunk == 1 || progress.exhausted { return changed }
            chunk /= 2
        }
    }

    /// Replaces each step of `start` (a run that fails) by the first of its simplifications that
    /// still fails, until none does. After a kept simplification the walk goes on from the same
    /// position in the new step's list: the bolder ones before it just failed, and retrying them
    /// after every small gain (a size halved, an offset lowered) is what made shrinks slow — one
    /// of them may map a huge region of the 64-bit universe, half a second per try in a debug
    /// build. They are tried again in the next round of `shrink`'s fixed-point loop.
    private func simplifySteps(from start: [AbstractStep], _ progress: inout Progress) -> Bool {
        var current = start
        var changed = false
        var i = 0
        while i < current.count && !progress.exhausted {
            var first = 0
            var simplified = true
            while simplified && i < current.count {
                simplified = false
                let simplifications = current[i].simplifications
                for j in simplifications.indices.dropFirst(first) {
                    var candidate = current
                    candidate[i] = simplifications[j]
                    if progress.accept(candidate) {
                        current = progress.best
                        simplified = true
                        changed = true
                        first = j
                        break
                    }
                }
            }
            i += 1
        }
        return changed
    }

    /// Moves the absolute addresses of `start` (a run in absolute form that fails) down together:
    /// every page anchor at or above a threshold goes down by the same number of pages, the most
    /// first (onto the next lower anchor), then by halving. Steps that must meet, such as a fixed
    /// mmap over an earlier region, move as one: lowering either alone breaks the run, so without
    /// this pass they crawl down a page per kept candidate (thousands of rounds in the 64-bit universe).
    private func shiftAddresses(from start: [AbstractStep], _ progress: inout Progress) -> Bool {
        var current = start
        var changed = false
        var k = 0
        while !progress.exhausted {
            let pages = Set(current.compactMap(\.absolutePage)).sorted()
            guard k < pages.count else { return changed }
            let threshold = pages[k]
            let floor = k == 0 ? 0 : pages[k - 1]
            var moved = false
            for offset in AbstractStep.smaller(threshold - floor) {
                let shift = threshold - floor - offset
                let candidate = current.map { $0.shifted(down: shift, from: threshold) }
                if progress.accept(candidate) {
                    current = progress.best
                    changed = true
                    moved = true
                    break
                }
            }
            // The same threshold again after a move (it may go lower still), the next one otherwise.
            if !moved { k += 1 }
        }
        return changed
    }

    /// Deletes one step and gives one other step a nearby anchor or size: for a later step that
    /// only made sense relative to the deleted one, or an earlier one that must now do its work.
    private func deleteWithNeighbour(from best: [AbstractStep], _ progress: inout Progress) -> Bool {
        for i in best.indices.reversed() {
            for j in best.indices where j != i {
                for neighbour in best[j].neighbours {
                    var candidate = best
                    candidate[j] = neighbour
                    candidate.remove(at: i)
                    if progress.accept(candidate) { return true }
                }
            }
        }
        return false
    }
}
