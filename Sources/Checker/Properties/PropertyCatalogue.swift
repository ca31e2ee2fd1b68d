import Foundation
import Model

/// Every property of SPEC §3, in the order reports check them (the first violated one is the
/// one reported for a step).
public enum PropertyCatalogue {
    public static let all: [Property] = [
        ConsistencyProperties.internalConsistency,
        StateProperties.noOverlap,
        StateProperties.inBounds,
        StateProperties.treeShape,
        PlacementProperties.holeSoundness,
        PlacementProperties.holeCompleteness,
        PlacementProperties.firstFit,
        PlacementPolicies.topDownFit,
        PlacementPolicies.hintPlacement,
        PlacementProperties.specificExactness,
        SplitProperties.splitPartition,
        SplitProperties.offsetCoherence,
        MemoryProperties.noLeak,
        MemoryProperties.mmuCoherence,
        MemoryProperties.tlbCoherence,
        ResultProperties.honestResult,
        ResultProperties.accessAgreement,
        PlacementProperties.allocationFree,
    ]

    public static func property(id: String) -> Property? { all.first { $0.id == id } }

    public static var ids: [String] { all.map(\.id) }
}

/// The properties a run checks, chosen with `--properties` (default: all).
public struct PropertySet: Sendable {
    public let properties: [Property]
    /// The error codes to judge by; nil follows the design of each step's address space.
    public let conventions: ErrorConventions?

    public init(_ properties: [Property] = PropertyCatalogue.all, conventions: ErrorConventions? = nil) {
        self.properties = properties
        self.conventions = conventions
    }

    /// From a comma-separated list of ids; `all` or nil means every property, `-first-fit`
    /// removes one (so policies can be switched off). `no-overlap` is always in: the model's
    /// operations assume disjoint regions (a split would insert a second region at a base), so
    /// every check must stop at a state where they overlap, whatever else it looks for.
    public init(selection: String?, conventions: ErrorConventions? = nil) throws(InputError) {
        guard let selection, selection != "all" else {
            self.init(conventions: conventions)
            return
        }
        var chosen: [String] = []
        var removed: Set<String> = []
        for item in selection.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            // An empty list or item is a typo: checking everything instead would hide it.
            guard !item.isEmpty, item != "-" else {
                throw InputError(source: "--properties", message: "empty property id in \"\(selection)\" (a comma list of ids, 'all', or '-id')")
            }
            let id = item.hasPrefix("-") ? String(item.dropFirst()) : item
            guard PropertyCatalogue.property(id: id) != nil || id == "all" else {
                throw InputError(source: "--properties", message: "unknown property \"\(id)\" (see `regioncheck properties`)")
            }
            if item.hasPrefix("-") { removed.insert(id) } else if id == "all" { chosen += PropertyCatalogue.ids } else { chosen.append(id) }
        }
        if chosen.isEmpty { chosen = PropertyCatalogue.ids }
        if removed.contains(Self.alwaysChecked) {
            throw InputError(source: "--properties", message: "\"\(Self.alwaysChecked)\" cannot be left out: the model's operations assume disjoint regions")
        }
        if removed.contains(Self.brokenAssumptions) {
            throw InputError(source: "--properties", message: "\"\(Self.brokenAssumptions)\" cannot be left out: it reports a bug that broke the model itself")
        }
        chosen += [Self.brokenAssumptions, Self.alwaysChecked]
        self.init(PropertyCatalogue.all.filter { chosen.contains($0.id) && !removed.contains($0.id) }, conventions: conventions)
    }

    /// The property every selection includes (see `init(selection:conventions:)`).
    public static let alwaysChecked = "no-overlap"
    /// Also in every selection: a step that broke the model's own assumptions is always reported.
    public static let brokenAssumptions = "internal-consistency"

    public var ids: [String] { properties.map(\.id) }

    /// The first violated property of a step, in catalogue order.
    public func firstViolation(_ transition: Transition) -> Violation? {
        let conventions = conventions ?? ErrorConventions(of: transition.before.design)
        for property in properties {
            if let v = property.check(transition, conventions: conventions) { return v }
        }
        return nil
    }

    /// The first violated state invariant of `space` (for the initial state).
    public func firstViolation(state space: AddressSpace) -> Violation? { firstViolation(state: ObservedState(model: space)) }

    /// The first violated state invariant of an observed state.
    public func firstViolation(state: ObservedState) -> Violation? {
        for property in properties {
            if let v = property.check(state: state) { return v }
        }
        return nil
    }

    /// The selected properties an implementation reporting `capabilities` cannot feed: a run
    /// skips them and says so.
    public func skipped(on capabilities: ObservationCapabilities) -> [String] {
        properties.filter { !$0.isCheckable(on: capabilities) }.map(\.id)
    }
}
