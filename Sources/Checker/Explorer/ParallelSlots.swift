import Foundation

/// Per-chunk output slots and per-worker scratch, written by disjoint threads (each chunk slot
/// and each worker slot by exactly one thread) and read after the threads have joined.
final class ParallelSlots: @unchecked Sendable {
    var outputs: [ChunkOutput?]
    var workers: [ExpansionWorker]
    private let lock = NSLock()

    init(chunks: Int, workers: [ExpansionWorker]) {
        outputs = Array(repeating: nil, count: chunks)
        self.workers = workers
    }

    func takeWorker(_ w: Int) -> ExpansionWorker {
        lock.lock(); defer { lock.unlock() }
        let worker = workers[w]
        workers[w] = ExpansionWorker()
        return worker
    }

    func returnWorker(_ worker: ExpansionWorker, _ w: Int) {
        lock.lock(); defer { lock.unlock() }
        workers[w] = worker
    }

    func store(_ output: ChunkOutput, at chunk: Int) {
        lock.lock(); defer { lock.unlock() }
        outputs[chunk] = output
    }
}
