import Foundation
import Model

/// `regioncheck bench`: the explorer's speed and memory on a fixed workload, and the model's
/// cost per step, each as the median of several runs. Measured, never asserted.
public enum Benchmark {
    /// One run of the explorer workload.
    public struct ExplorerRun: Sendable {
        public var seconds: Double
        /// CPU time of the whole process during the run (all threads).
        public var cpuSeconds: Double
        public var distinct: Int
        public var generated: Int
        public var bytesPerState: Double

        // Zero when a clock did not advance: an infinite rate would trap in Int(_:) when printed.
        public var statesPerSecond: Double { seconds > 0 ? Double(distinct) / seconds : 0 }
        /// Distinct states per CPU-second: the per-core rate, whatever else the machine runs.
        public var statesPerCPUSecond: Double { cpuSeconds > 0 ? Double(distinct) / cpuSeconds : 0 }
    }

    /// Explores `universe` to `depth` `runs` times with `settings` and every property.
    public static func explorer(universe: Universe, settings: AlphabetSettings = .classic, depth: Int, workers: Int, runs: Int,
                                progress: ((Int, ExplorerRun) -> Void)? = nil) throws(InputError) -> [ExplorerRun] {
        let request = ExplorationRequest(alphabet: try Alphabet(universe: universe, settings: settings), depth: depth, workers: workers)
        var results: [ExplorerRun] = []
        for i in 0 ..< runs {
            let cpuBefore = cpuTime()
            let report = Explorer.run(request)
            let run = ExplorerRun(
                seconds: report.seconds, cpuSeconds: cpuTime() - cpuBefore, distinct: report.totalDistinct,
                generated: report.totalGenerated, bytesPerState: report.levels.last?.bytesPerState ?? 0)
            results.append(run)
            progress?(i + 1, run)
        }
        return results
    }

    /// The model's cost of one explorer step without any checking: copy a state, apply one
    /// operation; and of encoding a state canonically. Nanoseconds, median of `runs` passes over
    /// every letter of `universe`'s alphabet (`settings`) from a fixed sample of reachable states.
    public struct ModelStep: Sendable {
        public var nanosecondsPerStep: Double
        public var nanosecondsPerEncode: Double
        /// Median nanoseconds per step for each kind of operation (mmap, munmap, ...).
        public var nanosecondsByKind: [(kind: String, nanoseconds: Double)]
        public var steps: Int
    }

    public static func modelStep(universe: Universe, settings: AlphabetSettings = .classic, runs: Int) throws(InputError) -> ModelStep {
        let alphabet = try Alphabet(universe: universe, settings: settings)
        let states = sampleStates(alphabet, count: 64)
        let kinds = ["mmap", "munmap", "mprotect", "touch", "teardown"]
        func kind(_ op: Operation) -> Int {
            switch op {
            case .mmap: 0
            case .munmap: 1
            case .mprotect: 2
            case .touch: 3
            default: 4
            }
        }
        var perStep: [Double] = []
        var perKind: [[Double]] = Array(repeating: [], count: kinds.count)
        var perEncode: [Double] = []
        let clock = ContinuousClock()
        var sink = 0
        for _ in 0 ..< runs {
            var kindTime = [Double](repeating: 0, count: kinds.count)
            var kindCount = [Int](repeating: 0, count: kinds.count)
            let began = clock.now
            for (i, op) in alphabet.letters.enumerated() {
                let opBegan = clock.now
                for state in states {
                    var copy = state
                    if case .ok = op.apply(to: &copy) { sink &+= 1 }
                }
                kindTime[kind(op)] += seconds(clock.now - opBegan)
                kindCount[kind(op)] += states.count
                _ = i
            }
            perStep.append(seconds(clock.now - began) * 1e9 / Double(alphabet.letters.count * states.count))
            for k in kinds.indices where kindCount[k] > 0 { perKind[k].append(kindTime[k] * 1e9 / Double(kindCount[k])) }

            var bytes: [UInt8] = []
            var scratch = SnapshotScratch()
            let encodeBegan = clock.now
            for _ in 0 ..< 100 {
                for state in states {
                    bytes.removeAll(keepingCapacity: true)
                    state.encode(into: &bytes, scratch: &scratch, includeFaults: false)
                    sink &+= bytes.count
                }
            }
            perEncode.append(seconds(clock.now - encodeBegan) * 1e9 / Double(100 * states.count))
        }
        precondition(sink != 0)
        return ModelStep(
            nanosecondsPerStep: median(perStep), nanosecondsPerEncode: median(perEncode),
            nanosecondsByKind: kinds.indices.filter { !perKind[$0].isEmpty }.map { (kinds[$0], median(perKind[$0])) },
            steps: alphabet.letters.count * states.count)
    }

    /// Reachable states with a few regions, some populated: a fixed walk through the alphabet.
    static func sampleStates(_ alphabet: Alphabet, count: Int) -> [AddressSpace] {
        var states: [AddressSpace] = []
        let letters = alphabet.letters
        for i in 0 ..< count {
            var space = AddressSpace(universe: alphabet.universe)
            for k in 0 ..< 4 {
                _ = letters[(i &* 7919 &+ k &* 104_729) % letters.count].apply(to: &space)
            }
            states.append(space)
        }
        return states
    }

    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    /// User + system CPU seconds of this process so far.
    static func cpuTime() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func s(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return s(usage.ru_utime) + s(usage.ru_stime)
    }

    /// Whether this binary was built with optimisation (benchmarks of a debug build mislead).
    public static var isOptimized: Bool {
        #if DEBUG
        false
        #else
        true
        #endif
    }
}
