import Model

/// A checkable property of SPEC §3: a state invariant (checked on every reachable state) or a
/// transition property (checked around every step). `check` returns nil when it holds, else an
/// explanation of what is wrong.
public struct Property: Sendable {
    public enum Scope: String, Sendable { case state, transition }

    public let id: String
    public let summary: String
    public let scope: Scope
    /// A policy rather than a safety property (first-fit): users may switch it off.
    public let isPolicy: Bool
    private let stateCheck: (@Sendable (AddressSpace) -> String?)?
    private let transitionCheck: (@Sendable (Transition, ErrorConventions) -> String?)?

    public init(id: String, summary: String, isPolicy: Bool = false, state check: @escaping @Sendable (AddressSpace) -> String?) {
        self.id = id
        self.summary = summary
        self.scope = .state
        self.isPolicy = isPolicy
        self.stateCheck = check
        self.transitionCheck = nil
    }

    public init(id: String, summary: String, isPolicy: Bool = false, transition check: @escaping @Sendable (Transition) -> String?) {
        self.init(id: id, summary: summary, isPolicy: isPolicy, conventions: { transition, _ in check(transition) })
    }

    /// A transition property whose verdict on an errno depends on what the design documents.
    public init(id: String, summary: String, isPolicy: Bool = false,
                conventions check: @escaping @Sendable (Transition, ErrorConventions) -> String?) {
        self.id = id
        self.summary = summary
        self.scope = .transition
        self.isPolicy = isPolicy
        self.stateCheck = nil
        self.transitionCheck = check
    }

    /// Checks a state invariant on `space` (transition properties hold vacuously here).
    public func check(state space: AddressSpace) -> Violation? {
        stateCheck?(space).map { Violation(property: id, explanation: $0) }
    }

    /// Checks a step: a transition property on the step, a state invariant on the state after it.
    /// Error codes are judged by the conventions of the design the step ran on.
    public func check(_ transition: Transition) -> Violation? {
        check(transition, conventions: ErrorConventions(of: transition.before.design))
    }

    /// Checks a step, judging error codes by `conventions`.
    public func check(_ transition: Transition, conventions: ErrorConventions) -> Violation? {
        if let transitionCheck { return transitionCheck(transition, conventions).map { Violation(property: id, explanation: $0) } }
        return check(state: transition.after)
    }
}
