import Model

/// Checks the steps of one run in order, judging each property on what the step changed when it
/// can. A transition part with a step change check (`offset-coherence`) is judged on the changes
/// whenever its check is sure; a state part of a property held on the step's parent (checked in full,
/// or judged on changes that were themselves certain), the property has a change check, and the
/// check is certain the part still holds. Everything else — the first state, a property that was
/// violated or not checked on the parent, a change check that cannot be sure — is checked in full,
/// so the verdicts and explanations are exactly `PropertySet`'s (a test compares both on random
/// runs and on corrupted steps). Each step's `before` must be the previous step's `after`.
public struct StepChecker: Sendable {
    public let properties: PropertySet
    /// `properties`' list held without reference counts (valid while `properties` holds them):
    /// walking the list itself retained and released each property's box on every step.
    private let checks: [Property.Unretained]
    /// Per property: its state part held on the parent (or it cannot be fed and holds vacuously).
    private var heldOnParent: PropertyMarks
    /// The same for the step being checked, swapped in at its end.
    private var heldNow: PropertyMarks
    /// The parent's order facts, when some step computed them.
    private var parentShape: ObservationShape?
    /// The generation of the parent's region tree (`RegionTree.generation`), kept so that
    /// `tree-shape` can judge the next step's tree by what it wrote.
    private var parentTreeGeneration: UInt64 = 0
    /// How many state parts were judged on changes and how many in full (a test holds the first
    /// above zero: the change checks are really used).
    public private(set) var judgedOnChanges = 0
    public private(set) var judgedInFull = 0
    /// The parent's holes, when a change check listed them.
    private var parentHoles: [AddressSpan]?
    /// `parentHoles` handed on through its payload: handing on the optional field itself copied
    /// it through a merged outlined copy that asks the type's value witnesses (about a hundred
    /// instructions, twice a step).
    private var parentHolesValue: [AddressSpan]? {
        guard let holes = parentHoles else { return nil }
        return holes
    }
    /// Some property judges what a step changed, so every step's windows are found.
    private let usesChanges: Bool
    /// The windows of the step being checked, when its caller knew them.
    private var givenDelta: ObservationDelta?

    public init(_ properties: PropertySet) {
        self.properties = properties
        checks = properties.properties.map(Property.Unretained.init)
        usesChanges = properties.properties.contains { $0.judgesStepChanges || $0.judgesChanges }
        heldOnParent = PropertyMarks(count: properties.properties.count)
        heldNow = heldOnParent
    }

    /// The first violated state invariant of the first state, every one checked in full.
    public mutating func firstViolation(initial state: ObservedState) -> Violation? {
        allViolations(initial: state, stopAtFirst: true).first
    }

    /// Every violated state invariant of the first state.
    public mutating func allViolations(initial state: ObservedState) -> [Violation] {
        allViolations(initial: state, stopAtFirst: false)
    }

    /// The first violated property of a step, in catalogue order (`PropertySet.firstViolation`).
    public mutating func firstViolation(_ transition: Transition) -> Violation? {
        violations(transition, stopAtFirst: true).first
    }

    /// The same, for a caller that goes on reading the step (coverage, Z3): the order facts and
    /// holes the checker establishes are written into `transition` itself, which is checked in
    /// place (a copy of the step, both states and the operation, cost two hundred instructions).
    public mutating func firstViolation(preparing transition: inout Transition) -> Violation? {
        let changes = prepare(&transition)
        return violations(transition, changes: changes, stopAtFirst: true).first
    }

    /// Every property a step violates, in catalogue order (`PropertySet.allViolations`).
    public mutating func allViolations(_ transition: Transition) -> [Violation] {
        violations(transition, stopAtFirst: false)
    }

    /// The same, with the step's windows already known (from what the storage recorded it wrote,
    /// `IncrementalObserver`): they must cover every changed element; nil: the checker diffs.
    public mutating func allViolations(_ transition: Transition, delta: ObservationDelta?) -> [Violation] {
        givenDelta = delta
        defer { givenDelta = nil }
        return violations(transition, stopAtFirst: false)
    }

    /// The same, checked in place like `firstViolation(preparing:)`, for a caller (replay) that
    /// goes on reading the step.
    public mutating func allViolations(preparing transition: inout Transition, delta: ObservationDelta?) -> [Violation] {
        givenDelta = delta
        defer { givenDelta = nil }
        let changes = prepare(&transition)
        return violations(transition, changes: changes, stopAtFirst: false)
    }

    private mutating func allViolations(initial state: ObservedState, stopAtFirst: Bool) -> [Violation] {
        parentShape = nil
        parentHoles = nil
        parentTreeGeneration = state.withModelIfAny { $0.regions.generation } ?? 0
        var found: [Violation] = []
        for (i, property) in checks.enumerated() {
            heldOnParent[i] = false
            judgedInFull += 1
            if let v = property.check(state: state) {
                found.append(v)
                if stopAtFirst { break }
                continue
            }
            heldOnParent[i] = true
        }
        return found
    }

    private mutating func violations(_ step: Transition, stopAtFirst: Bool) -> [Violation] {
        var prepared = step
        let changes = prepare(&prepared)
        return violations(prepared, changes: changes, stopAtFirst: stopAtFirst)
    }

    /// The order facts first, when some property judges changes (they come with the windows):
    /// the transition parts' region lookups then bisect. Returns the step's changes, if found.
    private mutating func prepare(_ step: inout Transition) -> StepChanges? {
        var changes: StepChanges?
        if usesChanges {
            let found = stepChanges(step)
            changes = found
            step.beforeRegionsChained = found.parentShape.regionsChained
            step.afterRegionsChained = found.shape.regionsChained
            step.knownHolesBefore = parentHolesValue
        }
        return changes
    }

    /// Checks a prepared step (`prepare`), held immutable: a variable was copied out for every
    /// property's call.
    private mutating func violations(_ t: Transition, changes prepared: StepChanges?, stopAtFirst: Bool) -> [Violation] {
        let conventions = properties.conventions ?? ErrorConventions(of: t.before.design)
        var changes = prepared
        var found: [Violation] = []
        heldNow.clear()
        defer { swap(&heldOnParent, &heldNow) }
        for (i, property) in checks.enumerated() {
            guard property.isCheckable(on: t.after.capabilities) else {
                heldNow[i] = true
                continue
            }
            var transitionHolds = false
            if property.judgesStepChanges {
                if changes == nil { changes = stepChanges(t) }
                transitionHolds = property.transitionHolds(t, changes!)
                if transitionHolds { judgedOnChanges += 1 }
            }
            if !transitionHolds, let v = property.checkTransitionPart(t, conventions: conventions) {
                found.append(v)
                if stopAtFirst { break }
                continue
            }
            guard property.hasStatePart else {
                heldNow[i] = true
                continue
            }
            if property.judgesChanges && heldOnParent[i] {
                if changes == nil { changes = stepChanges(t) }
                if property.holdsAfter(changes!) {
                    judgedOnChanges += 1
                    heldNow[i] = true
                    continue
                }
            }
            judgedInFull += 1
            if let v = property.check(state: t.after) {
                found.append(v)
                if stopAtFirst { break }
                continue
            }
            heldNow[i] = true
        }
        parentShape = changes?.shape
        parentHoles = changes?.knownHolesAfter
        parentTreeGeneration = t.after.withModelIfAny { $0.regions.generation } ?? 0
        return found
    }

    /// The windows of the step and the order facts after it (the parent's facts carried over,
    /// or found by a scan when no earlier step left them).
    private func stepChanges(_ t: Transition) -> StepChanges {
        let before = t.before.observation, after = t.after.observation
        let delta = givenDelta ?? ObservationDelta(from: before, to: after)
        let parent = parentShape ?? ObservationShape(of: before)
        let shape = ObservationShape(after: after, parent: parent, delta: delta)
        return StepChanges(before: before, after: after, delta: delta, shape: shape, parentShape: parent, state: t.after, parentState: t.before,
                           parentTreeGeneration: parentTreeGeneration, parentHoles: parentHolesValue)
    }
}
