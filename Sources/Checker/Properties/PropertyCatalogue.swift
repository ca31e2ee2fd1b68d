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

    /// The ids of user property files (`--properties-dir`) the selection names; nil: all of them.
    public let userSelection: Set<String>?

    public init(_ properties: [Property] = PropertyCatalogue.all, conventions: ErrorConventions? = nil, userSelection: Set<String>? = nil) {
        self.properties = properties
        self.conventions = conventions
        self.userSelection = userSelection
    }

    /// From a comma-separated list of ids; `all` or nil means every property, `-first-fit`
    /// removes one (so policies can be switched off). `no-overlap` is always in: the model's
    /// operations assume disjoint regions (a split would insert a second region at a base), so
    /// every check must stop at a state where they overlap, whatever else it looks for.
    /// `userIDs` are the ids of the loaded property files that the catalogue does not have: they
    /// may be selected too (and a selection of only those checks them and `no-overlap`).
    public init(selection: String?, conventions: ErrorConventions? = nil, userIDs: Set<String> = []) throws(InputError) {
        guard let selection, selection != "all" else {
            self.init(conventions: conventions)
            return
        }
        var chosen: [String] = []
        var removed: Set<String> = []
        var chosenUser: Set<String> = []
        var removedUser: Set<String> = []
        var all = false
        for item in selection.split(separator: ",", omittingEmptySubsequences: false).map({ $0.trimmingCharacters(in: .whitespaces) }) {
            // An empty list or item is a typo: checking everything instead would hide it.
            guard !item.isEmpty, item != "-" else {
                throw InputError(source: "--properties", message: "empty property id in \"\(selection)\" (a comma list of ids, 'all', or '-id')")
            }
            let id = item.hasPrefix("-") ? String(item.dropFirst()) : item
            if PropertyCatalogue.property(id: id) == nil && userIDs.contains(id) {
                if item.hasPrefix("-") { removedUser.insert(id) } else { chosenUser.insert(id) }
                continue
            }
            guard PropertyCatalogue.property(id: id) != nil || id == "all" else {
                throw InputError(source: "--properties", message: "unknown property \"\(id)\" (see `regioncheck properties`"
                    + (userIDs.isEmpty ? "" : "; with --properties-dir also: \(userIDs.sorted().joined(separator: ", "))") + ")")
            }
            if id == "all" && !item.hasPrefix("-") { all = true }
            if item.hasPrefix("-") { removed.insert(id) } else if id == "all" { chosen += PropertyCatalogue.ids } else { chosen.append(id) }
        }
        // User files: all of them unless the selection names some ids (catalogue or user).
        let everyUser = all || (chosen.isEmpty && chosenUser.isEmpty)
        // Only user files chosen: those, with the catalogue property every run keeps.
        let onlyUser = chosen.isEmpty && !chosenUser.isEmpty
        if chosen.isEmpty && !onlyUser { chosen = PropertyCatalogue.ids }
        if removed.contains(Self.alwaysChecked) {
            throw InputError(source: "--properties", message: "\"\(Self.alwaysChecked)\" cannot be left out: the model's operations assume disjoint regions")
        }
        if removed.contains(Self.brokenAssumptions) {
            throw InputError(source: "--properties", message: "\"\(Self.brokenAssumptions)\" cannot be left out: it reports a bug that broke the model itself")
        }
        chosen += [Self.brokenAssumptions, Self.alwaysChecked]
        let users: Set<String>? = everyUser ? (removedUser.isEmpty ? nil : userIDs.subtracting(removedUser)) : chosenUser.subtracting(removedUser)
        self.init(PropertyCatalogue.all.filter { chosen.contains($0.id) && !removed.contains($0.id) }, conventions: conventions,
                  userSelection: users)
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
