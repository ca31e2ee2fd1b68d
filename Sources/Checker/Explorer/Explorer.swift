import Dispatch
import Foundation
import Model

/// Bounded exhaustive exploration: a level-synchronous breadth-first search over every branch of
/// the alphabet, with an exact visited set of canonical state encodings. Each level's
/// transitions are checked in a fixed order (frontier states in discovery order, branches in
/// alphabet order), so the first violation found is a shortest counterexample and the first one
/// in that order — whatever the number of workers.
///
/// A level's frontier is cut into chunks of `request.chunkSize` states; workers expand chunks in
/// parallel against the stores as they stood when the batch began, and the chunks' new states
/// are merged in chunk order, so state numbering, counts and the reported trace are identical
/// for any worker count.
public struct Explorer {
    let request: ExplorationRequest
    let initial: AddressSpace
    var store = StateStore(capacity: 1024)
    var parents: [UInt32] = [0]
    var branches: [UInt32] = [0]
    var layouts = StateStore(capacity: 1024)
    var workers: [ExpansionWorker]
    let clock = ContinuousClock()
    let started: ContinuousClock.Instant

    /// Runs the exploration; `progress` is called from the calling thread between batches, at
    /// most four times a second.
    public static func run(_ request: ExplorationRequest, progress: ((ExplorationProgress) -> Void)? = nil) -> ExplorationReport {
        var explorer = Explorer(request: request)
        return explorer.run(progress: progress)
    }

    init(request: ExplorationRequest) {
        self.request = request
        self.initial = AddressSpace(universe: request.universe, design: request.design, mutations: request.mutations,
                                    serenityFixes: request.serenityFixes)
        self.workers = Array(repeating: ExpansionWorker(), count: request.workers)
        self.started = clock.now
    }

    var elapsed: Double { seconds(clock.now - started) }

    /// The stores' allocated bytes, spare capacity included (what the memory limit counts).
    var allocatedBytes: Int {
        store.allocatedBytes + layouts.allocatedBytes + parents.capacity * 4 + branches.capacity * 4
    }

    /// The stores' bytes per stored state, spare capacity excluded.
    var bytesPerState: Double {
        Double(store.storedBytes + layouts.storedBytes + parents.count * 4 + branches.count * 4) / Double(max(store.count, 1))
    }

    mutating func run(progress: ((ExplorationProgress) -> Void)?) -> ExplorationReport {
        var levels: [LevelStatistics] = []
        var sharding = request.shard.map {
            ExplorationSharding(shard: $0, shardCount: $0.count, splitDepth: nil, splitFrontier: nil, keptFrontier: nil,
                                run: request.runParameters)
        }
        func report(_ outcome: ExplorationReport.Outcome) -> ExplorationReport {
            var report = ExplorationReport(
                universe: request.universe, mutations: request.mutations, design: request.design,
                propertyIDs: request.properties.ids, alphabetSize: request.alphabet.letters.count,
                settings: request.alphabet.settings, depthBound: request.depth, workers: request.workers,
                levels: levels, outcome: outcome, seconds: elapsed, coverage: coverage)
            report.sharding = sharding
            return report
        }

        // Summed in output order, so it is the same for any worker count.
        var coverage = Coverage()
        initial.encodeRoot(into: &store, layouts: &layouts)
        if let violation = request.properties.firstViolation(state: initial) {
            return report(.violation(counterexample(parent: 0, branch: nil, violation: violation)))
        }
        var levelStart = 0
        var lastProgress = started
        for depth in 1 ... max(request.depth, 1) where request.depth > 0 {
            let frontier = levelStart ..< store.count
            if frontier.isEmpty { return report(.pass(exhausted: true)) }
            levelStart = store.count
            let levelBegan = clock.now
            var level = LevelStatistics(depth: depth, generated: 0, distinct: 0, totalDistinct: store.count,
                                        layouts: layouts.count, seconds: 0, bytesPerState: 0, complete: false)
            func finish(_ complete: Bool) {
                level.totalDistinct = store.count
                level.layouts = layouts.count
                level.seconds = seconds(clock.now - levelBegan)
                level.bytesPerState = bytesPerState
                level.complete = complete
                levels.append(level)
            }
            // A shard expands, from its split depth on, only every N-th frontier state of that level.
            var first = frontier.lowerBound
            var every = 1
            if let shard = request.shard, sharding?.splitDepth == nil,
               request.splitsHere(frontierDepth: depth - 1, frontierSize: frontier.count, isLast: depth == request.depth) {
                first += shard.index
                every = shard.count
                sharding?.splitDepth = depth - 1
                sharding?.splitFrontier = frontier.count
                sharding?.keptFrontier = first < frontier.upperBound ? (frontier.upperBound - first + every - 1) / every : 0
            }
            let span = request.chunkSize * every
            let chunks = stride(from: first, to: frontier.upperBound, by: span).map {
                stride(from: $0, to: min($0 + span, frontier.upperBound), by: every)
            }
            let batchSize = request.workers == 1 ? 1 : request.workers * 4
            var next = 0
            while next < chunks.count {
                let batch = Array(chunks[next ..< min(next + batchSize, chunks.count)])
                next += batch.count
                let outputs = expand(batch)
                for output in outputs {
                    level.generated += output.generated
                    coverage.merge(output.coverage)
                    let candidates = output.candidates
                    if let reason = output.undecided, output.violation == nil {
                        for c in 0 ..< candidates.count where merge(candidates, c, isLastLevel: depth == request.depth) { level.distinct += 1 }
                        finish(false)
                        return report(.inconclusive(reason: reason))
                    }
                    if let found = output.violation {
                        // A violation is definite: the chunk's states before it are merged
                        // without limits, and it is reported.
                        for c in 0 ..< candidates.count where merge(candidates, c, isLastLevel: depth == request.depth) { level.distinct += 1 }
                        finish(false)
                        return report(.violation(counterexample(parent: found.parent, branch: found.branch, violation: found.violation)))
                    }
                    for c in 0 ..< candidates.count where merge(candidates, c, isLastLevel: depth == request.depth) {
                        level.distinct += 1
                        if let max = request.limits.maxStates, store.count > max {
                            finish(false)
                            return report(.inconclusive(reason: "state limit: more than \(max) distinct states, depth \(depth) not finished"))
                        }
                    }
                    if let max = request.limits.maxMemoryBytes, allocatedBytes > max {
                        finish(false)
                        return report(.inconclusive(reason: "memory limit: the stores hold \(allocatedBytes / 1_048_576) MB "
                            + "(limit \(max / 1_048_576) MB), depth \(depth) not finished"))
                    }
                }
                if let max = request.limits.maxSeconds, elapsed > max {
                    finish(false)
                    return report(.inconclusive(reason: "time limit: \(formatSeconds(max)) s reached, depth \(depth) not finished"))
                }
                if Interruption.requested {
                    finish(false)
                    return report(.inconclusive(reason: "interrupted by \(Interruption.signalName), depth \(depth) not finished"))
                }
                guard let progress, clock.now - lastProgress > .milliseconds(250) else { continue }
                lastProgress = clock.now
                progress(ExplorationProgress(
                    depth: depth, depthBound: request.depth, frontierDone: min(next * request.chunkSize, frontier.count),
                    frontierSize: frontier.count, distinct: store.count, generated: level.generated + levels.reduce(0) { $0 + $1.generated },
                    seconds: elapsed))
            }
            finish(true)
        }
        return report(.pass(exhausted: store.count == levelStart))
    }

    /// Stores candidate `c` unless it is already known; true when it was new. States of the
    /// last level are never expanded, so they need no parent pointer (a counterexample ending
    /// there starts from its frontier state).
    mutating func merge(_ candidates: CandidateBuffer, _ c: Int, isLastLevel: Bool) -> Bool {
        let start = c == 0 ? 0 : candidates.ends[c - 1]
        let inserted = candidates.bytes.withUnsafeBufferPointer { bytes in
            store.insert(UnsafeBufferPointer(rebasing: bytes[start ..< candidates.ends[c]]), hash: candidates.hashes[c]).inserted
        }
        guard inserted else { return false }
        if !isLastLevel {
            parents.append(candidates.parents[c])
            branches.append(candidates.branches[c])
        }
        let layoutStart = c == 0 ? 0 : candidates.layoutEnds[c - 1]
        candidates.layoutBytes.withUnsafeBufferPointer { bytes in
            let key = UnsafeBufferPointer(rebasing: bytes[layoutStart ..< candidates.layoutEnds[c]])
            layouts.insert(key, hash: StateStore.hash(key))
        }
        return true
    }

    /// Expands a batch of chunks, in parallel when there are several workers; the outputs come
    /// back in chunk order.
    mutating func expand(_ batch: [StrideTo<Int>]) -> [ChunkOutput] {
        let context = ExpansionContext(
            alphabet: request.alphabet, properties: request.properties.properties,
            conventions: request.properties.conventions ?? ErrorConventions(of: request.design), z3: request.z3, initial: initial,
            store: store, parents: parents, branches: branches)
        if workers.count == 1 || batch.count == 1 {
            return batch.map { workers[0].expand($0, in: context) }
        }
        let slots = ParallelSlots(chunks: batch.count, workers: workers)
        let workerCount = min(workers.count, batch.count)
        DispatchQueue.concurrentPerform(iterations: workerCount) { w in
            // Static assignment: worker w expands chunks w, w + n, w + 2n, ...
            var worker = slots.takeWorker(w)
            for chunk in stride(from: w, to: batch.count, by: workerCount) {
                slots.store(worker.expand(batch[chunk], in: context), at: chunk)
            }
            slots.returnWorker(worker, w)
        }
        workers = slots.workers
        return slots.outputs.map { $0! }
    }

    /// The counterexample ending with `branch` taken from state `parent` (nil: the initial state
    /// itself violates an invariant).
    func counterexample(parent: Int, branch: Branch?, violation: Violation) -> Counterexample {
        var path: [Branch] = []
        var i = parent
        while i != 0 {
            path.append(Branch(packed: branches[i]))
            i = Int(parents[i])
        }
        path.reverse()
        if let branch { path.append(branch) }
        return Counterexample(path: path, violation: violation, request: request)
    }
}
