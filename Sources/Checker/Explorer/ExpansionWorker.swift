import Model

/// The read-only view a worker expands frontier states against: the stores as they stood when
/// the batch started.
struct ExpansionContext: Sendable {
    let alphabet: Alphabet
    let properties: [Property]
    /// The properties with a part that looks at the step: all that a step into a state seen
    /// before needs (its state invariants held when it was first reached).
    let transitionProperties: [Property]
    /// The same two lists, as handles without reference counts (the lists above hold them).
    let checks: [Property.Unretained]
    let transitionChecks: [Property.Unretained]
    /// The error codes the design documents (the properties judge errnos by them).
    let conventions: ErrorConventions
    let z3: Z3Settings?
    let initial: AddressSpace
    let store: StateStore
    let parents: [UInt32]
    let branches: [UInt32]

    init(alphabet: Alphabet, properties: [Property], conventions: ErrorConventions, z3: Z3Settings?, initial: AddressSpace,
         store: StateStore, parents: [UInt32], branches: [UInt32]) {
        self.alphabet = alphabet
        // The explorer's implementation is the model, which reports everything a property can need.
        self.properties = properties.filter { $0.isCheckable(on: .model) }
        transitionProperties = self.properties.filter { $0.scope == .transition }
        checks = self.properties.map(Property.Unretained.init)
        transitionChecks = transitionProperties.map(Property.Unretained.init)
        self.conventions = conventions
        self.z3 = z3
        self.initial = initial
        self.store = store
        self.parents = parents
        self.branches = branches
    }
}

/// A worker's own scratch space, reused from chunk to chunk so the hot loop allocates little.
struct ExpansionWorker {
    var scratch = SnapshotScratch()
    var encoding: [UInt8] = []
    var layout: [UInt8] = []
    /// States this chunk already produced (so their state invariants are checked once).
    var local = StateStore(capacity: 4096)
    /// The states on the path from the initial state to the last frontier state rebuilt.
    var pathIndices: [Int] = []
    var pathStates: [AddressSpace] = []
    /// The plain branches of the current state that attempted a page-table / frame allocation.
    var pageTableBranches: [Branch] = []
    var frameBranches: [Branch] = []
    /// This worker's own Z3 context (made on first use; Z3 contexts are not thread-safe).
    var z3Check: Z3PropertyCheck?
    /// The observation of the last state dropped, whose lists the next observed state reuses.
    var spareObservation: Observation?

    /// Larger than any step's number of allocations.
    static let probeGrace = Int.max / 4

    /// Expands the frontier states `chunk` (state indices, consecutive or, past a shard's split,
    /// every N-th): every branch of each, checked against the properties, stopping at the first violation.
    mutating func expand(_ chunk: StrideTo<Int>, in context: ExpansionContext) -> ChunkOutput {
        var output = ChunkOutput()
        local.removeAll()
        for parent in chunk {
            let space = rebuild(parent, in: context)
            // Observed (lazily) once for all its branches.
            let observedSpace = ObservedState(model: space)
            pageTableBranches.removeAll(keepingCapacity: true)
            frameBranches.removeAll(keepingCapacity: true)
            var found: (Branch, Violation)?
            context.alphabet.forEachPlainBranch(in: space) { branch in
                var after = space
                if context.alphabet.settings.faults {
                    // A probe, not a failure: the pending failure waits behind a grace count no
                    // step can use up, so the step behaves exactly as without it, and the grace
                    // it consumed tells which allocations it attempted.
                    after.faults.schedule(.pageTable, count: 1, after: ExpansionWorker.probeGrace)
                    after.faults.schedule(.frame, count: 1, after: ExpansionWorker.probeGrace)
                }
                let operation = context.alphabet.operation(of: branch)
                let result = operation.apply(to: &after)
                if context.alphabet.settings.faults {
                    // Failing the first allocation of a kind matters only for a step that
                    // allocates one; otherwise the failure would stay pending, and the branch that
                    // injects it before a later step covers that.
                    if after.faults.pageTableGrace < ExpansionWorker.probeGrace { pageTableBranches.append(branch) }
                    if after.faults.frameGrace < ExpansionWorker.probeGrace { frameBranches.append(branch) }
                    after.faults = FaultInjection()
                }
                if let violation = judge(consume after, of: operation, result: result, before: observedSpace, from: space,
                                         observedSpace, parent: parent, branch: branch, in: context, output: &output) {
                    found = (branch, violation)
                    return true
                }
                return output.undecided != nil
            }
            if output.undecided != nil { break }
            if found == nil {
                for (kind, branches) in [(AllocationKind.pageTable, pageTableBranches), (.frame, frameBranches)] where !branches.isEmpty {
                    // The state with the failure injected, observed once for all the branches of this kind.
                    var before = space
                    before.injectFailure(kind)
                    let observedBefore = ObservedState(model: before, sameMemoryAs: observedSpace)
                    for plain in branches {
                        let branch = Branch(letter: plain.letter, choice: plain.choice, fault: kind)
                        var after = before
                        let operation = context.alphabet.operation(of: branch)
                        let result = operation.apply(to: &after)
                        precondition(after.faults[kind] == 0, "the injected failure was not consumed, though the probe saw an allocation")
                        if let violation = judge(consume after, of: operation, result: result,
                                                 before: observedBefore, from: space,
                                                 observedSpace, parent: parent, branch: branch, in: context, output: &output) {
                            found = (branch, violation)
                            break
                        }
                        if output.undecided != nil { break }
                    }
                    if found != nil || output.undecided != nil { break }
                }
            }
            if output.undecided != nil { break }
            if let (branch, violation) = found {
                output.violation = (parent, branch, violation)
                break
            }
        }
        return output
    }

    /// Observes the state `after` a step from the frontier state `space` and checks the transition
    /// from `before` (the frontier state, with the injected failure if the branch has one). The
    /// model is moved into its observed state, not copied; a step that changed nothing shares the
    /// frontier's observation, and a changed state is observed into the worker's spare
    /// observation, which takes the dropped state's back afterwards.
    private mutating func judge(_ after: consuming AddressSpace, of operation: consuming Operation, result: consuming OperationResult,
                                before: consuming ObservedState, from space: borrowing AddressSpace, _ observedSpace: ObservedState,
                                parent: Int, branch: Branch, in context: ExpansionContext, output: inout ChunkOutput) -> Violation? {
        var (observedAfter, unchanged) = Self.observe(consume after, from: space, observedSpace, spare: &spareObservation)
        let verdict = check(Transition(before: before, operation: operation, result: result, after: observedAfter),
                            unchanged: unchanged, parent: parent, branch: branch, in: context, output: &output)
        if spareObservation == nil { spareObservation = observedAfter.takeObservationForReuse() }
        return verdict
    }

    private static func observe(_ after: consuming AddressSpace, from space: borrowing AddressSpace,
                                _ observedSpace: ObservedState, spare: inout Observation?) -> (state: ObservedState, unchanged: Bool) {
        if after.sameContents(as: space) {
            // Nothing a property can see differs from the frontier state: the step shares its
            // observed state outright, with no box to make and free.
            if after.faults.pendingFrameFailures == space.faults.pendingFrameFailures,
               after.faults.pendingPageTableFailures == space.faults.pendingPageTableFailures,
               after.heap.allocationsDuringPlacement == space.heap.allocationsDuringPlacement {
                return (observedSpace, true)
            }
            return (ObservedState(model: after, sameMemoryAs: observedSpace), true)
        }
        defer { spare = nil }
        return (ObservedState(model: after, recycling: spare), false)
    }

    /// Checks one transition from the frontier state, and keeps its target if it is new.
    /// `unchanged`: the state after has the same contents as the frontier state.
    private mutating func check(_ transition: Transition, unchanged: Bool, parent: Int, branch: Branch, in context: ExpansionContext,
                                output: inout ChunkOutput) -> Violation? {
        output.generated += 1
        // A step that changed nothing leads back to its (known) parent: no need to encode it.
        var hash: UInt64 = 0
        var isNew = false
        if !unchanged {
            encoding.removeAll(keepingCapacity: true)
            transition.after.withModel { $0.encode(into: &encoding, scratch: &scratch, includeFaults: false) }
            (hash, isNew) = encoding.withUnsafeBufferPointer { key in
                let hash = StateStore.hash(key)
                return (hash, context.store.find(key, hash: hash) == nil && local.find(key, hash: hash) == nil)
            }
        }
        // State invariants of a state seen before held then (or the run would have stopped).
        // Walked through the buffer, by handles that hold no reference count.
        let violation = (isNew ? context.checks : context.transitionChecks).withUnsafeBufferPointer { checks -> Violation? in
            for i in checks.indices {
                if let violation = checks[i].check(checkable: transition, conventions: context.conventions, stateIsNew: isNew) {
                    return violation
                }
            }
            return nil
        }
        // Counted after the checks: the observations they made answer its questions cheaply.
        output.coverage.record(transition)
        if let violation { return violation }
        if let settings = context.z3, settings.mode != .off {
            if z3Check == nil {
                do throws(InputError) { z3Check = try settings.makeCheck() } catch {
                    output.undecided = "Z3 could not start: \(error)"
                    return nil
                }
            }
            switch z3Check!.checkIfSelected(transition) {
            case let .inconclusive(property, reason)?:
                output.undecided = "Z3 could not decide \(property) on \(transition.operation) from state \(parent): \(reason)"
                return nil
            case let verdict?:
                if let violation = verdict.disagreement { return violation }
            case nil:
                break
            }
        }
        if isNew {
            encoding.withUnsafeBufferPointer { _ = local.insert($0, hash: hash) }
            layout.removeAll(keepingCapacity: true)
            transition.after.withModel { $0.encodeLayout(into: &layout) }
            output.candidates.append(encoding: encoding, hash: hash, parent: parent, branch: branch, layout: layout)
        }
        return nil
    }

    /// The state with index `index`, rebuilt by replaying its branches from the initial state,
    /// reusing the longest prefix of the previously rebuilt path.
    mutating func rebuild(_ index: Int, in context: ExpansionContext) -> AddressSpace {
        var chain: [Int] = []
        var i = index
        while i != 0 {
            chain.append(i)
            i = Int(context.parents[i])
        }
        chain.reverse()
        var common = 0
        while common < chain.count, common < pathIndices.count, pathIndices[common] == chain[common] { common += 1 }
        pathIndices.removeSubrange(common...)
        pathStates.removeSubrange(common...)
        for step in chain[common...] {
            var space = pathStates.last ?? context.initial
            let branch = Branch(packed: context.branches[step])
            if let fault = branch.fault { space.injectFailure(fault) }
            _ = context.alphabet.operation(of: branch).apply(to: &space)
            pathIndices.append(step)
            pathStates.append(space)
        }
        return pathStates.last ?? context.initial
    }
}
