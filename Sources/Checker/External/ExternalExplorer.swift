import Foundation
import Model

/// Bounded exhaustive exploration of an external implementation: breadth-first over the same
/// alphabet and branch order as `Explorer` (plain branches, then those with a page-table
/// failure injected, then those with a frame failure), judged by the catalogue's properties on
/// observations (`ExternalChecks`).
///
/// An implementation has no copy function, so every transition is one request to the worker:
/// "from a fresh instance, replay the path to this state, take the branch, observe". The
/// visited set stores the canonical encoding of each observation. Randomized mmaps branch over
/// the candidate positions the checker counts itself in the observed holes; a failure is
/// injected only before a branch that attempted that kind of allocation.
public struct ExternalExplorer {
    public struct Request: Sendable {
        public var alphabet: Alphabet
        public var depth: Int
        public var implementation: ImplementationSpec
        /// nil: every property the implementation's capabilities can feed.
        public var propertyIDs: Set<String>?
        public var maxStates: Int?
        /// Wall-clock seconds (checked between frontier states, so not repeatable).
        public var maxSeconds: Double?
        /// Whose errno conventions the implementation follows (SerenityOS's own code: `.serenity`).
        public var design: Design = .reference

        public init(alphabet: Alphabet, depth: Int, implementation: ImplementationSpec, propertyIDs: Set<String>? = nil, maxStates: Int? = nil,
                    maxSeconds: Double? = nil, design: Design = .reference) {
            self.alphabet = alphabet
            self.depth = depth
            self.implementation = implementation
            self.propertyIDs = propertyIDs
            self.maxStates = maxStates
            self.maxSeconds = maxSeconds
            self.design = design
        }
    }

    public static func run(_ request: Request) throws(InputError) -> ExternalReport {
        let universe = request.alphabet.universe
        let implementation = try ExternalImplementation(spec: request.implementation, universe: universe)
        let checks = ExternalChecks(capabilities: implementation.capabilities, propertyIDs: request.propertyIDs, design: request.design,
                                    universe: universe)
        let started = Date()
        var report = ExternalReport(verb: "explore", universe: universe, implementation: request.implementation,
                                    capabilities: implementation.capabilities, checked: checks.ids, skipped: checks.skipped)
        func finish(_ outcome: ExternalReport.Outcome) -> ExternalReport {
            report.outcome = outcome
            report.seconds = Date().timeIntervalSince(started)
            report.requests = implementation.requests
            return report
        }
        func violation(_ steps: [Operation], _ found: Violation) -> ExternalReport {
            finish(.violation(ExternalCounterexample(steps: steps, violation: found, universe: universe, implementation: request.implementation,
                                                     design: request.design)))
        }

        guard case .completed(let root) = implementation.run([], fresh: true, observe: true), let rootObservation = root.observation else {
            return violation([], Violation(property: ExternalChecks.noCrashID, explanation: "the implementation crashed on create"))
        }
        var store = StateStore(capacity: 1024)
        var parents: [Int32] = [-1]
        var arrivals: [[Operation]] = [[]]
        var scratch = ObservationScratch()
        var encoding: [UInt8] = []
        func insert(_ observation: Observation) -> Bool {
            encoding.removeAll(keepingCapacity: true)
            observation.encode(into: &encoding, universe: universe, scratch: &scratch)
            return encoding.withUnsafeBufferPointer { store.insert($0, hash: StateStore.hash($0)).inserted }
        }
        _ = insert(rootObservation)
        if let found = checks.firstViolation(initial: rootObservation) { return violation([], found) }
        var frontier: [(index: Int, observation: Observation)] = [(0, rootObservation)]
        let alphabet = request.alphabet
        for depth in 1 ... max(request.depth, 1) where request.depth > 0 {
            if frontier.isEmpty { break }
            var level = ExternalReport.Level(depth: depth)
            var next: [(index: Int, observation: Observation)] = []
            for (index, before) in frontier {
                var path: [Operation] = []
                var i = index
                while i > 0 {
                    path.insert(contentsOf: arrivals[i], at: 0)
                    i = Int(parents[i])
                }
                var tableBranches: [Operation] = [], frameBranches: [Operation] = []
                func take(_ steps: [Operation], _ operation: Operation, before: Observation) -> ExternalReport? {
                    level.generated += 1
                    switch implementation.run(path + steps, fresh: true, observe: true) {
                    case .crashed(let how):
                        return violation(path + steps, Violation(property: ExternalChecks.noCrashID, explanation: "\(operation): \(how)"))
                    case .completed(let outcome):
                        if steps.count == 1 {
                            if outcome.pageTableAttempts > 0 { tableBranches.append(operation) }
                            if outcome.frameAttempts > 0 { frameBranches.append(operation) }
                        }
                        let after = outcome.observation!
                        if let found = checks.firstViolation(before: before, operation: operation, outcome: outcome, after: after) {
                            return violation(path + steps, found)
                        }
                        if insert(after) {
                            level.distinct += 1
                            parents.append(Int32(index))
                            arrivals.append(steps)
                            next.append((store.count - 1, after))
                        }
                        return nil
                    }
                }
                for letter in alphabet.letters where WorkerProtocol.supports(letter) {
                    for operation in branches(of: letter, in: before, universe: universe, design: request.design) {
                        if let stop = take([operation], operation, before: before) { return stop }
                    }
                }
                if alphabet.settings.faults {
                    for (kind, plain) in [(AllocationKind.pageTable, tableBranches), (.frame, frameBranches)] {
                        // The state the step starts from: the frontier state with the failure pending.
                        var faulted = before
                        if kind == .pageTable { faulted.pendingPageTableFailures += 1 } else { faulted.pendingFrameFailures += 1 }
                        for operation in plain {
                            if let stop = take([.failNext(kind: kind, count: 1), operation], operation, before: faulted) { return stop }
                        }
                    }
                }
                if let max = request.maxStates, store.count > max {
                    report.levels.append(level)
                    report.totalDistinct = store.count
                    return finish(.inconclusive("state limit: more than \(max) distinct states, depth \(depth) not finished"))
                }
                if let max = request.maxSeconds, Date().timeIntervalSince(started) > max {
                    report.levels.append(level)
                    report.totalDistinct = store.count
                    return finish(.inconclusive("time limit: \(formatSeconds(max)) s reached, depth \(depth) not finished"))
                }
            }
            report.levels.append(level)
            report.totalDistinct = store.count
            frontier = next
        }
        report.totalDistinct = store.count
        return finish(.pass)
    }

    /// A letter's branches: a randomized mmap once per candidate position (counted by the
    /// checker's oracle over the observed holes), anything else once.
    static func branches(of letter: Operation, in observation: Observation, universe: Universe, design: Design) -> [Operation] {
        guard case let .mmap(size, protection, .randomized, address, alignment, _) = letter else { return [letter] }
        let count = observation.randomizedCandidateCount(size: size, alignment: alignment, universe: universe, design: design)
        if count == 0 { return [letter] }
        return (0 ..< count).map {
            .mmap(size: size, protection: protection, placement: .randomized, address: address, alignment: alignment, choice: $0)
        }
    }
}
