import Model

/// A step as a property that judges only what changed sees it: both observations, the windows
/// the checker found between them (`ObservationDelta`) and the order facts of the state after the
/// step (`ObservationShape`). Handed to a property's change check only when the property's state
/// part held on the step's parent, so what lies outside the windows is already known to be right.
public struct StepChanges: Sendable {
    public let before: Observation
    public let after: Observation
    public let delta: ObservationDelta
    /// The order facts of the state after the step, and of its parent.
    public let shape: ObservationShape
    public let parentShape: ObservationShape
    /// The state after the step (a change check that must ask the implementation, as `no-leak`'s
    /// hole probe does, asks it here).
    public let state: ObservedState
    public var universe: Universe { state.universe }
    /// The generation of the parent's region tree (`RegionTree.generation`), when a checker of
    /// consecutive steps kept it: `tree-shape` then judges the tree by the slots this step wrote,
    /// if the model recorded them. 0: unknown, the tree is walked in full.
    public var parentTreeGeneration: UInt64
    /// The holes of the state before the step, when the checker kept them, and of the state after
    /// it once `holesAfter` found them (for the next step).
    var holes = HoleCache(parent: nil)

    public init(before: Observation, after: Observation, delta: ObservationDelta, shape: ObservationShape, parentShape: ObservationShape,
                state: ObservedState, parentTreeGeneration: UInt64 = 0) {
        self.before = before
        self.after = after
        self.delta = delta
        self.shape = shape
        self.parentShape = parentShape
        self.state = state
        self.parentTreeGeneration = parentTreeGeneration
    }

    /// Both states keep every order fact, so a bisection finds exactly what a scan would.
    var bothOrderly: Bool { shape.isOrderly && parentShape.isOrderly }

    /// The holes after the step, listed once: found again only around the regions' window when
    /// the parent's holes are known and both lists are chained, else by a walk over every region.
    var holesAfter: [AddressSpan] {
        if let made = holes.after { return made }
        let total = universe.totalRange
        let made = if shape.regionsChained && parentShape.regionsChained, let parent = holes.parent {
            HoleOracle.holes(of: after.regions, in: total, changedIn: delta.regions, parentHoles: parent)
        } else {
            HoleOracle.holes(of: after.regions, in: total)
        }
        holes.after = made
        return made
    }

    /// The regions of the changed window after the step.
    var changedRegionsAfter: ArraySlice<ObservedRegion> { after.regions[delta.regions.after] }
    /// The regions of the changed window before the step.
    var changedRegionsBefore: ArraySlice<ObservedRegion> { before.regions[delta.regions.before] }
}

/// The holes of a step's two states, found at most once per step (a change check reads them
/// through a `StepChanges` value, so they are kept by reference). One thread checks a step.
final class HoleCache: @unchecked Sendable {
    let parent: [AddressSpan]?
    var after: [AddressSpan]?
    init(parent: [AddressSpan]?) { self.parent = parent }
}
