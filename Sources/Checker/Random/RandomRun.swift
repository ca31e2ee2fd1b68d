import Model

/// What random runs run against: the universe, design and mutants of the address space, the
/// properties checked after every step, and whether they are checked at all (`--no-check`
/// measures the model's own speed).
public struct RandomSetup: Sendable {
    public var universe: Universe
    public var design: Design
    public var mutations: Mutations
    /// Fixes switched on in the `serenity` design (docs/findings-serenity.md).
    public var serenityFixes: SerenityFixes = []
    public var properties: PropertySet
    public var checking: Bool
    /// Z3 as a second opinion on the steps `--z3` selects (nil: off).
    public var z3: Z3Settings?
    /// What the generator draws: the standard mix, or a swarm configuration.
    public var generator: GeneratorConfiguration = .standard

    public init(universe: Universe, design: Design = .reference, mutations: Mutations = [],
                properties: PropertySet = PropertySet(), checking: Bool = true) {
        self.universe = universe
        self.design = design
        self.mutations = mutations
        self.properties = properties
        self.checking = checking
    }
}

/// One run: the abstract steps it executed (the violating one last) and what it found.
public struct RunOutcome: Sendable {
    public var steps: [AbstractStep]
    /// The first violated property, found after the last step (or in the initial state when no
    /// step ran).
    public var violation: Violation?
    public var statistics: RandomStatistics
    /// Z3 could not decide a selected step: the run stopped there, inconclusive.
    public var undecided: String?
    /// Recorded runs only: where the run stands in the shrinker's order.
    var order = ShrinkOrder(length: 0, concrete: 0, abstract: 0)
}

extension RandomSetup {
    /// Draws and runs up to `count` steps from `seed`, checking every property after every step
    /// and stopping at the first violation. With `recording` the outcome keeps the steps drawn
    /// (to shrink them); without, a long run holds no memory per step and a failing run is run
    /// again from its seed to record it.
    public func run(seed: UInt64, steps count: Int, recording: Bool = true) -> RunOutcome {
        var rng = SplitMix64(seed: seed)
        let generator = StepGenerator(universe: universe, configuration: self.generator)
        var recorded: [AbstractStep] = []
        if recording { recorded.reserveCapacity(min(count, 1 << 16)) }
        return execute(count: count, recorded: &recorded, recording: recording) { space in generator.draw(in: space, &rng) }
    }

    /// Re-runs recorded steps (the shrinker's candidates), stopping at the first violation.
    public func replay(_ steps: [AbstractStep]) -> RunOutcome {
        var recorded: [AbstractStep] = []
        recorded.reserveCapacity(steps.count)
        var next = 0
        return execute(count: steps.count, recorded: &recorded, recording: true) { _ in
            defer { next += 1 }
            return steps[next]
        }
    }

    private func execute(count: Int, recorded: inout [AbstractStep], recording: Bool,
                         next: (AddressSpace) -> AbstractStep) -> RunOutcome {
        var space = AddressSpace(universe: universe, design: design, mutations: mutations, serenityFixes: serenityFixes)
        var statistics = RandomStatistics()
        statistics.runs = 1
        // Each step's state after is the next step's state before: observed once, and the
        // checker judges the state parts on what the step changed.
        var checker = StepChecker(properties)
        var current = ObservedState(model: space)
        // The observation of the state two steps back, which nothing holds any more: the next
        // state is observed into its lists instead of allocating new ones.
        var spare: Observation?
        if checking, let violation = checker.firstViolation(initial: current) {
            return RunOutcome(steps: [], violation: violation, statistics: statistics)
        }
        var violation: Violation?
        var undecided: String?
        var z3Check: Z3PropertyCheck?
        if checking, let z3, z3.mode != .off {
            do throws(InputError) { z3Check = try z3.makeCheck() } catch { undecided = "Z3 could not start: \(error)" }
        }
        var order = ShrinkOrder(length: 0, concrete: 0, abstract: 0)
        for _ in 0 ..< count where undecided == nil {
            let step = next(space)
            if recording { recorded.append(step) }
            if checking {
                var before = current
                let (operation, result) = RandomExecution.apply(step, to: &space)
                current = ObservedState(model: space, recycling: spare, sharingWith: before)
                spare = nil
                statistics.record(step.kind, result)
                if recording {
                    // A randomized mmap keeps the index it took rather than the raw 64-bit draw:
                    // the same run, and the shrinker lowers a small number instead of a huge one.
                    if case .mmap(_, _, .randomized, _, _, let chosen?) = operation { recorded[recorded.count - 1].choice = chosen }
                    order.length += 1
                    order.concrete &+= operation.shrinkCost(in: universe)
                    order.abstract &+= recorded[recorded.count - 1].shrinkCost
                }
                do {
                    var transition = Transition(before: before, operation: operation, result: result, after: current)
                    // Checked in place; coverage's lookups then bisect by the order facts the checker set on it.
                    violation = checker.firstViolation(preparing: &transition)
                    statistics.coverage.record(transition)
                    if violation == nil, let z3Check {
                        switch z3Check.checkIfSelected(transition) {
                        case let .inconclusive(property, reason)?: undecided = "Z3 could not decide \(property) on \(operation): \(reason)"
                        case let verdict?: violation = verdict.disagreement
                        case nil: break
                        }
                    }
                }
                // The transition is gone: the state before is held here alone, unless a check kept it.
                spare = before.takeObservationForReuse()
            } else {
                let (_, result) = RandomExecution.apply(step, to: &space)
                statistics.record(step.kind, result)
            }
            statistics.steps += 1
            if space.regions.count > statistics.maxRegions { statistics.maxRegions = space.regions.count }
            if violation != nil || undecided != nil { break }
        }
        return RunOutcome(steps: recorded, violation: violation, statistics: statistics, undecided: undecided, order: order)
    }

    /// The concrete operations `steps` resolve to, each with the result it returned as its
    /// expectation: the trace file of a counterexample.
    public func trace(of steps: [AbstractStep], violates: String?, description: String?) -> Trace {
        var space = AddressSpace(universe: universe, design: design, mutations: mutations, serenityFixes: serenityFixes)
        var concrete: [Trace.Step] = []
        for step in steps {
            let (operation, result) = RandomExecution.apply(step, to: &space)
            concrete.append(Trace.Step(operation, expected: ExpectedResult(result)))
        }
        return Trace(universe: universe, design: design, mutations: mutations, serenityFixes: serenityFixes, description: description,
                     violates: violates, steps: concrete)
    }
}

extension RandomSetup {
    /// `steps` rewritten with absolute addresses and sizes (`AbstractStep.absolute(in:)`), each
    /// resolved in the state its run reaches: the run is unchanged.
    public func absolute(_ steps: [AbstractStep]) -> [AbstractStep] {
        var space = AddressSpace(universe: universe, design: design, mutations: mutations, serenityFixes: serenityFixes)
        return steps.map { step in
            let rewritten = step.absolute(in: space)
            _ = RandomExecution.apply(step, to: &space)
            return rewritten
        }
    }
}
