import Model

/// A step as a property that judges only what changed sees it: both observations, the windows
/// the checker found between them (`ObservationDelta`) and the order facts of the state after the
/// step (`ObservationShape`). Handed to a property's change check only when the property's state
/// part held on the step's parent, so what lies outside the windows is already known to be right.
///
/// A class: the checker hands one step's changes to a dozen checks, and a struct of two
/// observations, the windows and both shapes cost a copy of every list reference at each handoff
/// (about a tenth of a checked random step). Immutable but for the holes found after the step,
/// written once by the one thread that checks the step.
public final class StepChanges: @unchecked Sendable {
    public let before: Observation
    public let after: Observation
    public let delta: ObservationDelta
    /// The order facts of the state after the step, and of its parent.
    public let shape: ObservationShape
    public let parentShape: ObservationShape
    /// The state after the step (a change check that must ask the implementation, as `no-leak`'s
    /// hole probe does, asks it here).
    public let state: ObservedState
    /// The state before the step (`tree-shape` compares the model's tree with its parent's).
    public let parentState: ObservedState
    public var universe: Universe { state.universe }
    /// The generation of the parent's region tree (`RegionTree.generation`), when a checker of
    /// consecutive steps kept it: `tree-shape` then judges the tree by the slots this step wrote,
    /// if the model recorded them. 0: unknown, the tree is walked in full.
    public let parentTreeGeneration: UInt64
    /// The holes of the state before the step, when the checker kept them.
    let parentHoles: [AddressSpan]?
    /// The holes of the state after it, once `holesAfter` found them (for the next step).
    /// Unchecked exclusivity: written once by the one thread that checks the step, and the
    /// dynamic check cost more than the rest of a read.
    @exclusivity(unchecked) private(set) var knownHolesAfter: [AddressSpan]?

    init(before: Observation, after: Observation, delta: ObservationDelta, shape: ObservationShape, parentShape: ObservationShape,
         state: ObservedState, parentState: ObservedState, parentTreeGeneration: UInt64 = 0, parentHoles: [AddressSpan]? = nil) {
        self.before = before
        self.after = after
        self.delta = delta
        self.shape = shape
        self.parentShape = parentShape
        self.state = state
        self.parentState = parentState
        self.parentTreeGeneration = parentTreeGeneration
        self.parentHoles = parentHoles
    }

    /// Both states keep every order fact, so a bisection finds exactly what a scan would.
    var bothOrderly: Bool { shape.isOrderly && parentShape.isOrderly }

    /// The holes after the step, listed once: found again only around the regions' window when
    /// the parent's holes are known and both lists are chained, else by a walk over every region.
    var holesAfter: [AddressSpan] {
        if let made = knownHolesAfter { return made }
        let total = universe.totalRange
        let made = if shape.regionsChained && parentShape.regionsChained, let parent = parentHoles {
            after.regions.read {
                HoleOracle.holes(of: $0, in: total, changedIn: delta.regions, parentHoles: parent)
            } chunked: {
                HoleOracle.holes(of: $0, in: total, changedIn: delta.regions, parentHoles: parent)
            }
        } else {
            HoleOracle.holes(of: after.regions.elements, in: total)
        }
        knownHolesAfter = made
        return made
    }

    /// Both states are model states whose placement probe answers alike
    /// (`AddressSpace.probesAnswerAsOn(_:)`): another implementation's hidden state is unknown.
    var probesAnswerAsOnParent: Bool {
        state.withModelIfAny { after in parentState.withModelIfAny { after.probesAnswerAsOn($0) } ?? false } ?? false
    }

    /// The regions of the changed window after the step.
    @inline(__always) var changedRegionsAfter: ArraySlice<ObservedRegion> { after.regions.window(delta.regions.after) }
    /// The regions of the changed window before the step.
    @inline(__always) var changedRegionsBefore: ArraySlice<ObservedRegion> { before.regions.window(delta.regions.before) }
}
