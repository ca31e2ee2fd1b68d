import Model

/// What a run exercised: per catalogue property, the steps it judged non-vacuously (a step on
/// which it had something to say: `hole-completeness` on an ENOMEM placement, `split-partition`
/// on a real split), and per operation, the count of each result. Plain counters, summed over
/// workers in a fixed order, so the counts do not depend on the worker count.
public struct Coverage: Sendable {
    /// Steps recorded.
    public private(set) var steps = 0
    /// Steps that ran with an injected allocation failure pending (the explorer's fault branches).
    public private(set) var withInjectedFailure = 0
    /// The steps' exercised-property masks (a bit per catalogue index, `NonVacuity`), counted.
    private var exercised = MaskCounts()
    /// `results[kind * outcomeCount + result.outcomeSlot]`.
    private var results = [Int](repeating: 0, count: OperationKind.allCases.count * Coverage.outcomeCount)

    static let outcomeCount = OperationResult.outcomeSlots

    public init() {}

    /// Counts one step.
    public mutating func record(_ transition: Transition) {
        steps += 1
        let pending = transition.before.pendingFailures
        if pending.0 > 0 || pending.1 > 0 { withInjectedFailure += 1 }
        let kind = OperationKind(transition.operation)
        results[kind.rawValue * Self.outcomeCount + transition.result.outcomeSlot] += 1
        exercised.add(NonVacuity.exercised(by: transition, kind: kind))
    }

    public mutating func merge(_ other: Coverage) {
        steps += other.steps
        withInjectedFailure += other.withInjectedFailure
        other.exercised.forEach { mask, count in exercised.add(mask, count: count) }
        for i in results.indices { results[i] += other.results[i] }
    }

    /// Steps `id` judged non-vacuously (0 for an id outside the catalogue).
    public func judged(_ id: String) -> Int {
        PropertyCatalogue.all.firstIndex { $0.id == id }.map(judged(index:)) ?? 0
    }

    /// Steps the catalogue's `index`-th property judged non-vacuously.
    private func judged(index: Int) -> Int { index < 64 ? exercised.count(withBit: index) : 0 }

    /// How many `kind` steps returned `result` ("ok" or an errno name).
    public func count(_ kind: OperationKind, _ result: String) -> Int {
        let outcome = result == "ok" ? 0 : KernelError(name: result).map { 1 + $0.outcomeIndex }
        return outcome.map { results[kind.rawValue * Self.outcomeCount + $0] } ?? 0
    }

    public func count(_ kind: OperationKind) -> Int {
        let start = kind.rawValue * Self.outcomeCount
        return results[start ..< start + Self.outcomeCount].reduce(0, +)
    }

    /// The result names ("ok", errnos) that occurred at least once, in a fixed order.
    public var resultsSeen: [String] {
        (["ok"] + KernelError.allCases.map(\.description)).filter { r in OperationKind.allCases.contains { count($0, r) > 0 } }
    }

    /// The selected properties that judged no step non-vacuously.
    public func neverExercised(_ ids: [String]) -> [String] { ids.filter { judged($0) == 0 } }
}

/// Equal when every count is: the masks' table layout depends on the order steps were counted
/// in (the worker count), the counts do not.
extension Coverage: Hashable {
    public static func == (a: Coverage, b: Coverage) -> Bool {
        a.steps == b.steps && a.withInjectedFailure == b.withInjectedFailure && a.results == b.results
            && PropertyCatalogue.all.indices.allSatisfy { a.judged(index: $0) == b.judged(index: $0) }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(steps)
        hasher.combine(withInjectedFailure)
        hasher.combine(results)
        for index in PropertyCatalogue.all.indices { hasher.combine(judged(index: index)) }
    }
}

/// The operation a step ran, with mmap split by placement (the placements exercise different
/// properties).
public enum OperationKind: Int, Sendable, CaseIterable {
    case mmapAnywhere, mmapRandomized, mmapFixedNoReplace, mmapFixed, mmapTopDown, mmapHint, munmap, mprotect, touch, exec, failNext, teardown

    init(_ operation: borrowing Operation) {
        switch operation {
        case .mmap(_, _, let placement, _, _, _):
            switch placement {
            case .anywhere: self = .mmapAnywhere
            case .randomized: self = .mmapRandomized
            case .fixedNoReplace: self = .mmapFixedNoReplace
            case .fixed: self = .mmapFixed
            case .topDown: self = .mmapTopDown
            case .hint: self = .mmapHint
            }
        case .munmap: self = .munmap
        case .mprotect: self = .mprotect
        case .touch: self = .touch
        case .exec: self = .exec
        case .failNext: self = .failNext
        case .teardown: self = .teardown
        }
    }

    public var name: String {
        switch self {
        case .mmapAnywhere: "mmap anywhere"
        case .mmapRandomized: "mmap randomized"
        case .mmapFixedNoReplace: "mmap fixed-noreplace"
        case .mmapFixed: "mmap fixed"
        case .mmapTopDown: "mmap top-down"
        case .mmapHint: "mmap hint"
        case .exec: "exec"
        case .munmap: "munmap"
        case .mprotect: "mprotect"
        case .touch: "touch"
        case .failNext: "fail-next"
        case .teardown: "teardown"
        }
    }

    var isMmap: Bool { rawValue <= OperationKind.mmapHint.rawValue }
}
