import Model

/// A checkable property of SPEC §3: a state invariant (checked on every reachable state), a
/// transition property (checked around every step), or both (a transition part plus a part that
/// depends only on the state after the step). `check` returns nil when it holds, else an
/// explanation of what is wrong. A property judges observations only, against the checker's
/// oracles (`Oracles/`), and names the capabilities it needs: an implementation that reports
/// less skips it (`isCheckable(on:)`).
public struct Property: Sendable {
    public enum Scope: String, Sendable { case state, transition }

    /// Everything in one shared box, so that copying a property (the explorer's hot loop walks
    /// the list for every transition) costs one reference count, not six.
    private final class Storage: Sendable {
        let id: String
        let summary: String
        let scope: Scope
        let isPolicy: Bool
        let needs: ObservationCapabilities
        let stateCheck: (@Sendable (ObservedState) -> String?)?
        let transitionCheck: (@Sendable (Transition, ErrorConventions) -> String?)?
        /// A transition check that ignores the conventions, kept as written rather than wrapped
        /// in a closure that captures it: calling a capturing closure costs a reference count.
        let plainTransitionCheck: (@Sendable (Transition) -> String?)?
        let changeCheck: (@Sendable (StepChanges) -> Bool)?
        let stepChangeCheck: (@Sendable (Transition, StepChanges) -> Bool)?

        init(id: String, summary: String, scope: Scope, isPolicy: Bool, needs: ObservationCapabilities,
             stateCheck: (@Sendable (ObservedState) -> String?)?, transitionCheck: (@Sendable (Transition, ErrorConventions) -> String?)?,
             plainTransitionCheck: (@Sendable (Transition) -> String?)? = nil,
             changeCheck: (@Sendable (StepChanges) -> Bool)? = nil, stepChangeCheck: (@Sendable (Transition, StepChanges) -> Bool)? = nil) {
            self.id = id
            self.summary = summary
            self.scope = scope
            self.isPolicy = isPolicy
            self.needs = needs
            self.stateCheck = stateCheck
            self.transitionCheck = transitionCheck
            self.plainTransitionCheck = plainTransitionCheck
            self.changeCheck = changeCheck
            self.stepChangeCheck = stepChangeCheck
        }

        /// The transition part's verdict: nil when it holds (or there is none).
        @inline(__always)
        func transitionProblem(_ transition: Transition, _ conventions: ErrorConventions) -> String? {
            // Called through the optionals, not bound to locals: binding copies the closure.
            if plainTransitionCheck != nil { return plainTransitionCheck?(transition) }
            return transitionCheck?(transition, conventions)
        }

        /// `Property.check(checkable:conventions:stateIsNew:)`, on the box (a method here, so
        /// that a caller holding the box unretained calls it without a reference count).
        @inline(__always)
        func check(checkable transition: Transition, conventions: ErrorConventions, stateIsNew: Bool) -> Violation? {
            if let problem = transitionProblem(transition, conventions) {
                return Violation(property: id, explanation: problem)
            }
            guard stateIsNew, let problem = stateCheck?(transition.after) else { return nil }
            return Violation(property: id, explanation: problem)
        }

        // The step checker's questions, on the box for the same reason.
        @inline(__always)
        func isCheckable(on capabilities: ObservationCapabilities) -> Bool { capabilities.isSuperset(of: needs) }
        var judgesStepChanges: Bool { stepChangeCheck != nil && (transitionCheck != nil || plainTransitionCheck != nil) }
        var judgesChanges: Bool { changeCheck != nil && stateCheck != nil }
        var hasStatePart: Bool { stateCheck != nil }

        @inline(__always)
        func transitionHolds(_ transition: Transition, _ changes: StepChanges) -> Bool {
            stepChangeCheck?(transition, changes) ?? false
        }

        @inline(__always)
        func holdsAfter(_ changes: StepChanges) -> Bool { changeCheck?(changes) ?? false }

        @inline(__always)
        func checkTransitionPart(_ transition: Transition, conventions: ErrorConventions) -> Violation? {
            guard isCheckable(on: transition.after.capabilities),
                  let problem = transitionProblem(transition, conventions) else { return nil }
            return Violation(property: id, explanation: problem)
        }

        @inline(__always)
        func check(state: ObservedState) -> Violation? {
            guard isCheckable(on: state.capabilities) else { return nil }
            return stateCheck?(state).map { Violation(property: id, explanation: $0) }
        }
    }

    private let storage: Storage
    private init(storage: Storage) { self.storage = storage }

    public var id: String { storage.id }
    public var summary: String { storage.summary }
    /// `.state` when the whole property depends only on a state (it then holds vacuously around
    /// a step into a state already checked); `.transition` when any part looks at the step.
    public var scope: Scope { storage.scope }
    /// A policy rather than a safety property (first-fit): users may switch it off.
    public var isPolicy: Bool { storage.isPolicy }
    /// What the implementation must report for this property to be checked.
    public var needs: ObservationCapabilities { storage.needs }

    /// Whether an implementation reporting `capabilities` can feed this property.
    public func isCheckable(on capabilities: ObservationCapabilities) -> Bool { storage.isCheckable(on: capabilities) }

    public init(id: String, summary: String, isPolicy: Bool = false, needs: ObservationCapabilities = .regions,
                state check: @escaping @Sendable (ObservedState) -> String?) {
        storage = Storage(id: id, summary: summary, scope: .state, isPolicy: isPolicy, needs: needs, stateCheck: check, transitionCheck: nil)
    }

    public init(id: String, summary: String, isPolicy: Bool = false, needs: ObservationCapabilities = .regions,
                transition check: @escaping @Sendable (Transition) -> String?) {
        storage = Storage(id: id, summary: summary, scope: .transition, isPolicy: isPolicy, needs: needs, stateCheck: nil, transitionCheck: nil,
                          plainTransitionCheck: check)
    }

    /// A transition property whose verdict on an errno depends on what the design documents.
    public init(id: String, summary: String, isPolicy: Bool = false, needs: ObservationCapabilities = .regions,
                conventions check: @escaping @Sendable (Transition, ErrorConventions) -> String?) {
        storage = Storage(id: id, summary: summary, scope: .transition, isPolicy: isPolicy, needs: needs, stateCheck: nil, transitionCheck: check)
    }

    /// A property with a transition part (checked first) and a state part on the state after
    /// the step, which an explorer may skip for states it has already checked.
    public init(id: String, summary: String, isPolicy: Bool = false, needs: ObservationCapabilities = .regions,
                state: @escaping @Sendable (ObservedState) -> String?, transition: @escaping @Sendable (Transition) -> String?) {
        storage = Storage(id: id, summary: summary, scope: .transition, isPolicy: isPolicy, needs: needs, stateCheck: state,
                          transitionCheck: nil, plainTransitionCheck: transition)
    }

    /// The same property, with a check of its state part that judges only what a step changed.
    /// `holds` answers true only when the state part certainly holds after the step, given that it
    /// held before it; false sends the step to the full state check, which gives the verdict and
    /// the explanation. So a change check decides how much is looked at, never what is reported.
    public func judgingChanges(_ holds: @escaping @Sendable (StepChanges) -> Bool) -> Property {
        Property(storage: Storage(id: id, summary: summary, scope: scope, isPolicy: isPolicy, needs: needs, stateCheck: storage.stateCheck,
                                  transitionCheck: storage.transitionCheck, plainTransitionCheck: storage.plainTransitionCheck,
                                  changeCheck: holds, stepChangeCheck: storage.stepChangeCheck))
    }

    /// The same property, with a check of its transition part that looks only at what the step
    /// changed; as for `judgingChanges`, true means the part certainly holds, false sends the step
    /// to the full transition check.
    public func judgingStepChanges(_ holds: @escaping @Sendable (Transition, StepChanges) -> Bool) -> Property {
        Property(storage: Storage(id: id, summary: summary, scope: scope, isPolicy: isPolicy, needs: needs, stateCheck: storage.stateCheck,
                                  transitionCheck: storage.transitionCheck, plainTransitionCheck: storage.plainTransitionCheck,
                                  changeCheck: storage.changeCheck, stepChangeCheck: holds))
    }

    /// Whether the transition part can be judged on a step's changes (`judgingStepChanges`).
    var judgesStepChanges: Bool { storage.judgesStepChanges }

    /// The step change check's answer: true when the transition part certainly holds.
    func transitionHolds(_ transition: Transition, _ changes: StepChanges) -> Bool { storage.transitionHolds(transition, changes) }

    /// Whether the state part can be judged on a step's changes (`judgingChanges`).
    public var judgesChanges: Bool { storage.judgesChanges }

    /// The change check's answer: true when the state part certainly holds after the step.
    func holdsAfter(_ changes: StepChanges) -> Bool { storage.holdsAfter(changes) }

    /// Checks the transition part alone.
    func checkTransitionPart(_ transition: Transition, conventions: ErrorConventions) -> Violation? {
        storage.checkTransitionPart(transition, conventions: conventions)
    }

    /// Whether the property has a state part at all.
    var hasStatePart: Bool { storage.hasStatePart }

    /// Checks the state part on `state` (a pure transition property holds vacuously here, and so
    /// does one the implementation cannot feed).
    public func check(state: ObservedState) -> Violation? { storage.check(state: state) }

    /// Checks the state part on a model state.
    public func check(state space: AddressSpace) -> Violation? { check(state: ObservedState(model: space)) }

    /// Checks a step: the transition part on the step, the state part on the state after it.
    /// Error codes are judged by the conventions of the design the step ran on.
    public func check(_ transition: Transition) -> Violation? {
        check(transition, conventions: ErrorConventions(of: transition.before.design))
    }

    /// Checks a step, judging error codes by `conventions`.
    public func check(_ transition: Transition, conventions: ErrorConventions) -> Violation? {
        check(transition, conventions: conventions, stateIsNew: true)
    }

    /// As `check(_:conventions:)`, but with `stateIsNew: false` the state part is skipped: the
    /// caller has already checked the state after the step (it depends on nothing else).
    public func check(_ transition: Transition, conventions: ErrorConventions, stateIsNew: Bool) -> Violation? {
        guard isCheckable(on: transition.after.capabilities) else { return nil }
        return check(checkable: transition, conventions: conventions, stateIsNew: stateIsNew)
    }

    /// As `check(_:conventions:stateIsNew:)`, for a caller that knows the implementation reports
    /// all this property needs (the explorer filters its list once, rather than per step).
    @inline(__always)
    func check(checkable transition: Transition, conventions: ErrorConventions, stateIsNew: Bool) -> Violation? {
        storage.check(checkable: transition, conventions: conventions, stateIsNew: stateIsNew)
    }
}

extension Property {
    /// A property held without a reference count, valid only while the property itself is held
    /// (the explorer's context keeps its list for the whole batch). A property read from a list
    /// is a copy of its box's reference: walking the list retained and released each box around
    /// its checks, two runtime calls for each of a dozen properties on every step.
    struct Unretained {
        private let storage: Unmanaged<Storage>

        init(_ property: Property) { storage = .passUnretained(property.storage) }

        /// `Property.check(checkable:conventions:stateIsNew:)`, the box used in place.
        @inline(__always)
        func check(checkable transition: Transition, conventions: ErrorConventions, stateIsNew: Bool) -> Violation? {
            storage._withUnsafeGuaranteedRef { $0.check(checkable: transition, conventions: conventions, stateIsNew: stateIsNew) }
        }

        // What `StepChecker` asks of each property on every step (random runs, replay), likewise in place.
        @inline(__always)
        func isCheckable(on capabilities: ObservationCapabilities) -> Bool {
            storage._withUnsafeGuaranteedRef { $0.isCheckable(on: capabilities) }
        }
        @inline(__always) var judgesStepChanges: Bool { storage._withUnsafeGuaranteedRef { $0.judgesStepChanges } }
        @inline(__always) var judgesChanges: Bool { storage._withUnsafeGuaranteedRef { $0.judgesChanges } }
        @inline(__always) var hasStatePart: Bool { storage._withUnsafeGuaranteedRef { $0.hasStatePart } }

        @inline(__always)
        func transitionHolds(_ transition: Transition, _ changes: StepChanges) -> Bool {
            storage._withUnsafeGuaranteedRef { $0.transitionHolds(transition, changes) }
        }

        @inline(__always)
        func holdsAfter(_ changes: StepChanges) -> Bool { storage._withUnsafeGuaranteedRef { $0.holdsAfter(changes) } }

        @inline(__always)
        func checkTransitionPart(_ transition: Transition, conventions: ErrorConventions) -> Violation? {
            storage._withUnsafeGuaranteedRef { $0.checkTransitionPart(transition, conventions: conventions) }
        }

        @inline(__always)
        func check(state: ObservedState) -> Violation? { storage._withUnsafeGuaranteedRef { $0.check(state: state) } }
    }
}
