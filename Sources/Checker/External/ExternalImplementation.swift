#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation
import Model

/// Which external implementation to check and how: the library, its hash (recorded in traces),
/// the executable that hosts it (regioncheck itself, re-run as `adapter-worker`) and the
/// per-step time limit.
public struct ImplementationSpec: Sendable, Hashable {
    public var path: String
    /// FNV-1a 64 of the library's bytes, as 16 hex digits.
    public var hash: String
    public var workerExecutable: String
    public var stepTimeout: Double

    public static let defaultStepTimeout = 5.0

    /// Reads the library to hash it; a missing or unreadable file is bad input naming the path.
    public init(path: String, workerExecutable: String = ImplementationSpec.currentExecutable,
                stepTimeout: Double = ImplementationSpec.defaultStepTimeout) throws(InputError) {
        guard let bytes = FileManager.default.contents(atPath: path) else {
            throw InputError(source: path, message: FileManager.default.fileExists(atPath: path)
                ? "cannot read the implementation library" : "no such implementation library")
        }
        self.path = path
        self.hash = FNV1a.hex(bytes)
        self.workerExecutable = workerExecutable
        self.stepTimeout = stepTimeout
    }

    /// This process's executable (the worker is regioncheck re-run with a hidden verb).
    public static var currentExecutable: String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

/// FNV-1a, 64 bits: a file fingerprint for traces (not a security hash).
public enum FNV1a {
    public static func hex(_ bytes: Data) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        let digits = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }
}

/// What one request to the worker gave back: the last step's result, the allocations it
/// attempted, and (when asked) the observation after it.
public struct StepReport: Sendable {
    public var result: OperationResult
    /// The errno as returned, when it is none the contract knows (reported as `honest-result`).
    public var unknownErrno: Int64?
    public var pageTableAttempts: Int
    public var frameAttempts: Int
    /// Allocations the pools refused during the step (full, or a failure injected).
    public var refusals: Int
    public var observation: Observation?

    public init(result: OperationResult, unknownErrno: Int64? = nil, pageTableAttempts: Int = 0, frameAttempts: Int = 0, refusals: Int = 0,
                observation: Observation? = nil) {
        self.result = result
        self.unknownErrno = unknownErrno
        self.pageTableAttempts = pageTableAttempts
        self.frameAttempts = frameAttempts
        self.refusals = refusals
        self.observation = observation
    }
}

/// A request either completes, or the implementation crashed or hung (`no-crash`).
public enum WorkerOutcome: Sendable {
    case completed(StepReport)
    /// How the worker ended: "killed by signal 11 (SIGSEGV)", "no answer within 2 s".
    case crashed(String)
}

/// An external implementation driven in a worker process. Not thread-safe: one per thread.
/// After a crash the next request starts a new worker.
public final class ExternalImplementation {
    public static let symbol = "regioncheck_allocator"
    public let spec: ImplementationSpec
    public let universe: Universe
    public private(set) var capabilities: ObservationCapabilities = .regions
    private var worker: (pid: pid_t, requests: Int32, responses: Int32)?
    /// Requests sent (each a run of steps from a fresh instance or from the current state).
    public private(set) var requests = 0

    /// Starts a worker and waits for its greeting; a library that cannot be loaded (missing
    /// symbol, wrong ABI version, a create that fails) is bad input naming the path and symbol.
    public init(spec: ImplementationSpec, universe: Universe) throws(InputError) {
        self.spec = spec
        self.universe = universe
        signal(SIGPIPE, SIG_IGN)
        try start()
    }

    deinit { stop(kill: false) }

    private func start() throws(InputError) {
        var toWorker: [Int32] = [0, 0], fromWorker: [Int32] = [0, 0]
        guard pipe(&toWorker) == 0, pipe(&fromWorker) == 0 else {
            throw InputError(source: spec.path, message: "cannot make pipes for the worker: \(String(cString: strerror(errno)))")
        }
        // Keep every pipe end above the descriptors the child gets (3 and 4), close-on-exec.
        func high(_ fd: Int32) -> Int32 {
            let moved = fcntl(fd, F_DUPFD_CLOEXEC, 10)
            close(fd)
            return moved
        }
        let childIn = high(toWorker[0]), parentOut = high(toWorker[1])
        let parentIn = high(fromWorker[0]), childOut = high(fromWorker[1])
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, childIn, ExternalWorker.requestDescriptor)
        posix_spawn_file_actions_adddup2(&actions, childOut, ExternalWorker.responseDescriptor)
        posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
        let u = universe
        let arguments = [spec.workerExecutable, "adapter-worker", spec.path, String(u.base), String(u.pages), String(u.pageSize),
                         String(u.pagesPerTable), String(u.frames), String(u.pageTables), u.name]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for p in argv { free(p) } }
        var pid: pid_t = 0
        // A crash is reported by the parent; the Swift runtime's backtrace of the worker is noise
        // (and slow) unless the user asks for it.
        var environment = ProcessInfo.processInfo.environment
        if environment["SWIFT_BACKTRACE"] == nil { environment["SWIFT_BACKTRACE"] = "enable=no" }
        var envp: [UnsafeMutablePointer<CChar>?] = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in envp { free(p) } }
        let spawned = posix_spawn(&pid, spec.workerExecutable, &actions, nil, &argv, &envp)
        close(childIn)
        close(childOut)
        guard spawned == 0 else {
            close(parentOut)
            close(parentIn)
            throw InputError(source: spec.workerExecutable, message: "cannot start the worker: \(String(cString: strerror(spawned)))")
        }
        worker = (pid, parentOut, parentIn)
        switch WorkerChannel.receive(from: parentIn, deadline: monotonicNanoseconds() + timeoutNanoseconds(steps: 4)) {
        case .message(let words) where words.first == 0 && words.count == 2:
            capabilities = ObservationCapabilities(rawValue: UInt32(truncatingIfNeeded: words[1])).union(.regions)
        case .message(let words) where words.first == 1 && words.count >= 2:
            let count = Int(min(words[1], UInt64((words.count - 2) * 8)))
            let bytes = words.dropFirst(2).flatMap { w in (0 ..< 8).map { UInt8(truncatingIfNeeded: w >> (8 * UInt64($0))) } }
            stop(kill: false)
            throw InputError(source: spec.path, message: String(decoding: bytes.prefix(count), as: UTF8.self))
        case .timedOut:
            stop(kill: true)
            throw InputError(source: spec.path, message: "loading the library (dlopen and \(Self.symbol).create) did not finish within \(spec.stepTimeout * 4) s")
        default:
            let why = stop(kill: false)
            throw InputError(source: spec.path, message: "loading the library ended the worker (\(why)): check its constructors and \(Self.symbol).create")
        }
    }

    private func timeoutNanoseconds(steps: Int) -> UInt64 {
        UInt64(spec.stepTimeout * 1e9) * UInt64(max(steps, 1))
    }

    /// Closes the pipes and reaps the worker; returns how it ended.
    @discardableResult
    private func stop(kill: Bool) -> String {
        guard let w = worker else { return "not running" }
        worker = nil
        if kill { Glibc.kill(w.pid, SIGKILL) }
        close(w.requests)
        close(w.responses)
        var status: Int32 = 0
        while waitpid(w.pid, &status, 0) < 0 && errno == EINTR {}
        return Self.describe(status: status)
    }

    static func describe(status: Int32) -> String {
        let signal = status & 0x7f
        if signal == 0 { return "exited with status \((status >> 8) & 0xff)" }
        let names: [Int32: String] = [SIGSEGV: "SIGSEGV", SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGILL: "SIGILL",
                                      SIGKILL: "SIGKILL", SIGTRAP: "SIGTRAP", SIGTERM: "SIGTERM"]
        return "killed by signal \(signal) (\(names[signal] ?? String(cString: strsignal(signal))))"
    }

    /// Runs `steps` (from a fresh, empty instance when `fresh`), and reports the last one.
    public func run(_ steps: [Operation], fresh: Bool, observe: Bool) -> WorkerOutcome {
        if worker == nil {
            do throws(InputError) { try start() } catch { return .crashed("the worker could not be restarted: \(error)") }
        }
        guard let w = worker else { return .crashed("no worker") }
        requests += 1
        var request: [UInt64] = [observe ? 1 : 0, UInt64(steps.count + (fresh ? 1 : 0))]
        request.reserveCapacity(2 + (steps.count + 1) * WorkerProtocol.stepWords)
        if fresh { request += WorkerProtocol.resetWords }
        for step in steps { request += WorkerProtocol.words(step) }
        let channel = WorkerChannel(input: w.responses, output: w.requests)
        guard channel.send(request) else { return .crashed(stop(kill: false)) }
        switch WorkerChannel.receive(from: w.responses, deadline: monotonicNanoseconds() + timeoutNanoseconds(steps: 1)) {
        case .timedOut:
            stop(kill: true)
            return .crashed("no answer within \(formatSeconds(spec.stepTimeout)) s (--step-timeout); the worker was killed")
        case .closed:
            return .crashed(stop(kill: false))
        case .message(let words):
            guard words.count >= 6 else { return .crashed("a malformed answer from the worker") }
            let raw = Int64(bitPattern: words[0])
            if raw == -1 { return .crashed("\(Self.symbol).create returned NULL on reset") }
            var report = StepReport(result: WorkerProtocol.result(errno: words[0], value: words[1], hasValue: words[2]),
                                    unknownErrno: WorkerProtocol.isKnownErrno(words[0]) ? nil : raw,
                                    pageTableAttempts: Int(words[3]), frameAttempts: Int(words[4]), refusals: Int(words[5]),
                                    observation: nil)
            if observe {
                guard let observation = WorkerProtocol.readObservation(words[6...]) else {
                    return .crashed("a malformed observation from the worker")
                }
                report.observation = observation
            }
            return .completed(report)
        }
    }
}
