import Model

/// A checkable property of SPEC §3: a state invariant (checked on every reachable state), a
/// transition property (checked around every step), or both (a transition part plus a part that
/// depends only on the state after the step). `check` returns nil when it holds, else an
/// explanation of what is wrong.
public struct Property: Sendable {
    public enum Scope: String, Sendable { case state, transition }

    /// Everything in one shared box, so that copying a property (the explorer's hot loop walks
    /// the list for every transition) costs one reference count, not six.
    private final class Storage: Sendable {
        let id: String
        let summary: String
        let scope: Scope
        let isPolicy: Bool
        let stateCheck: (@Sendable (AddressSpace) -> String?)?
        let transitionCheck: (@Sendable (Transition, ErrorConventions) -> String?)?

        init(id: String, summary: String, scope: Scope, isPolicy: Bool, stateCheck: (@Sendable (AddressSpace) -> String?)?,
             transitionCheck: (@Sendable (Transition, ErrorConventions) -> String?)?) {
            self.id = id
            self.summary = summary
            self.scope = scope
            self.isPolicy = isPolicy
            self.stateCheck = stateCheck
            self.transitionCheck = transitionCheck
        }
    }

    private let storage: Storage

    public var id: String { storage.id }
    public var summary: String { storage.summary }
    /// `.state` when the whole property depends only on a state (it then holds vacuously around
    /// a step into a state already checked); `.transition` when any part looks at the step.
    public var scope: Scope { storage.scope }
    /// A policy rather than a safety property (first-fit): users may switch it off.
    public var isPolicy: Bool { storage.isPolicy }

    public init(id: String, summary: String, isPolicy: Bool = false, state check: @escaping @Sendable (AddressSpace) -> String?) {
        storage = Storage(id: id, summary: summary, scope: .state, isPolicy: isPolicy, stateCheck: check, transitionCheck: nil)
    }

    public init(id: String, summary: String, isPolicy: Bool = false, transition check: @escaping @Sendable (Transition) -> String?) {
        self.init(id: id, summary: summary, isPolicy: isPolicy, conventions: { transition, _ in check(transition) })
    }

    /// A transition property whose verdict on an errno depends on what the design documents.
    public init(id: String, summary: String, isPolicy: Bool = false,
                conventions check: @escaping @Sendable (Transition, ErrorConventions) -> String?) {
        storage = Storage(id: id, summary: summary, scope: .transition, isPolicy: isPolicy, stateCheck: nil, transitionCheck: check)
    }

    /// A property with a transition part (checked first) and a state part on the state after
    /// the step, which an explorer may skip for states it has already checked.
    public init(id: String, summary: String, isPolicy: Bool = false,
                state: @escaping @Sendable (AddressSpace) -> String?, transition: @escaping @Sendable (Transition) -> String?) {
        storage = Storage(id: id, summary: summary, scope: .transition, isPolicy: isPolicy, stateCheck: state,
                          transitionCheck: { t, _ in transition(t) })
    }

    /// Checks the state part on `space` (a pure transition property holds vacuously here).
    public func check(state space: AddressSpace) -> Violation? {
        storage.stateCheck?(space).map { Violation(property: id, explanation: $0) }
    }

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
        if let transitionCheck = storage.transitionCheck, let problem = transitionCheck(transition, conventions) {
            return Violation(property: id, explanation: problem)
        }
        return stateIsNew ? check(state: transition.after) : nil
    }
}
