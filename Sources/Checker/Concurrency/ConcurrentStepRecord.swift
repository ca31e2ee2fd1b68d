import Model

/// One atomic step of a concurrent counterexample, as the report shows it.
public struct ConcurrentStepRecord: Sendable {
    public var move: ThreadMove
    public var step: AtomicStep
    /// The operation the step belongs to.
    public var operation: Operation
    /// Whether this step began the operation.
    public var begins: Bool
    /// The operation's result, on its return step.
    public var result: String?
    /// Per thread, the locks held after the step.
    public var held: [[KernelLock]]
    /// The address space after the step, when the step changed it (its own `tlb` count stays 0:
    /// every CPU has its own, in `tlbs`).
    public var picture: String?
    /// Every CPU's TLB after the step, when the step changed one.
    public var tlbs: [String]?
}

extension ConcurrentSystem {
    /// Runs `moves` from the initial state, recording each step; stops early at a move the state
    /// does not allow (a shrunk schedule skips those).
    public func replay(_ moves: [ThreadMove]) -> (records: [ConcurrentStepRecord], final: ConcurrentState) {
        var state = initialState()
        var records: [ConcurrentStepRecord] = []
        for move in moves {
            let begins = move.letter != nil
            let before = state.space.snapshot()
            let operation = begins ? letters[move.letter!] : self.operation(of: move.thread, in: state) ?? .teardown
            let resultBefore = state.threads[move.thread].result
            let tlbsBefore = state.tlbs
            let step = apply(move, to: &state)
            let changed = state.space.snapshot() != before
            records.append(ConcurrentStepRecord(
                move: move, step: step, operation: operation, begins: begins,
                result: step == .returnToUser ? resultBefore : nil,
                held: state.threads.map(\.held), picture: changed ? state.space.picture : nil,
                tlbs: state.tlbs == tlbsBefore ? nil : state.tlbs.map { $0.entries.isEmpty ? "empty" : $0.entries.map(\.description).joined(separator: ", ") }))
        }
        return (records, state)
    }
}
