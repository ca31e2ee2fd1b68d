import Model

/// What random runs did: how many runs and steps, how often each operation returned each result,
/// and the most regions a state held. Counts only (no clock), so the same seed gives the same
/// statistics with any number of workers.
public struct RandomStatistics: Sendable, Hashable {
    public var runs = 0
    public var steps = 0
    public var maxRegions = 0
    /// What the checked steps exercised (empty when properties are not checked).
    public var coverage = Coverage()
    /// `outcomes[kind * outcomeCount + result.outcomeSlot]`.
    var outcomes = [Int](repeating: 0, count: AbstractStep.Kind.allCases.count * RandomStatistics.outcomeCount)

    static let outcomeCount = OperationResult.outcomeSlots

    public init() {}

    @inline(__always)
    mutating func record(_ kind: AbstractStep.Kind, _ result: OperationResult) {
        outcomes[Int(kind.rawValue) * Self.outcomeCount + result.outcomeSlot] += 1
    }

    /// How many `kind` steps returned `result` ("ok" or an errno name).
    public func count(_ kind: AbstractStep.Kind, _ result: String) -> Int {
        if result == "ok" { return outcomes[Int(kind.rawValue) * Self.outcomeCount] }
        guard let e = KernelError(name: result) else { return 0 }
        return outcomes[Int(kind.rawValue) * Self.outcomeCount + 1 + e.outcomeIndex]
    }

    /// How many `kind` steps ran.
    public func count(_ kind: AbstractStep.Kind) -> Int {
        let start = Int(kind.rawValue) * Self.outcomeCount
        return outcomes[start ..< start + Self.outcomeCount].reduce(0, +)
    }

    /// How many steps of any kind returned `errno`.
    public func count(error: KernelError) -> Int {
        AbstractStep.Kind.allCases.reduce(0) { $0 + outcomes[Int($1.rawValue) * Self.outcomeCount + 1 + error.outcomeIndex] }
    }

    public mutating func merge(_ other: RandomStatistics) {
        runs += other.runs
        steps += other.steps
        maxRegions = max(maxRegions, other.maxRegions)
        coverage.merge(other.coverage)
        for i in outcomes.indices { outcomes[i] += other.outcomes[i] }
    }
}

extension AbstractStep.Kind {
    /// The operation's name as trace files and reports spell it.
    public var name: String {
        switch self {
        case .mmap: "mmap"
        case .munmap: "munmap"
        case .mprotect: "mprotect"
        case .touch: "touch"
        case .failNext: "fail-next"
        case .teardown: "teardown"
        case .exec: "exec"
        }
    }
}
