import Model

/// One state of the implementation under test as the properties see it: its observation, the
/// universe it runs in, and — only when the implementation can be driven further — a way to
/// probe it. When the implementation is the reference model, the model itself rides along for
/// the model-only self-checks (`tree-shape`), and the observation is made on first use: most
/// properties of most steps never look at it, and the explorer checks about a million steps
/// per CPU-second.
public struct ObservedState: Sendable {
    public var universe: Universe { box.universe }
    public var design: Design { box.design }
    /// What the implementation reports (known without making the observation).
    public var capabilities: ObservationCapabilities { box.capabilities }
    /// The reference model, when it is the implementation under test.
    public var model: AddressSpace? { box.model }
    private var external: (any ImplementationUnderTest)? { box.driver?.implementation }
    /// The model, the driver, the observation and the universe in one box, so that handing a
    /// state to a dozen properties per step copies one reference, not the model's arrays.
    private var box: StateBox

    /// The model's state: observed when a property first asks, into `spare` when one is given (an
    /// observation the caller no longer needs: its lists are reused). With `parent`, a model state
    /// already observed that this one was made from by one step (a random run's state before it),
    /// the lists of whatever the step left in the parent's storage are taken from the parent's
    /// observation (`AddressSpace.observe(into:sharingWith:observedAs:)`); the parent is held only
    /// until then.
    public init(model: AddressSpace, recycling spare: Observation? = nil, sharingWith parent: ObservedState? = nil) {
        box = StateBox(model: model, observation: nil)
        box.spare = spare
        if let parent, parent.box.hasModel, parent.box.observation != nil { box.parent = parent.box }
    }

    /// An observation some other implementation reported; with `implementation`, `no-leak` may
    /// probe its holes.
    public init(observation: Observation, universe: Universe, design: Design, implementation: (any ImplementationUnderTest)? = nil) {
        box = StateBox(universe: universe, design: design, capabilities: observation.capabilities,
                       external: implementation, observation: observation)
    }

    /// The same state with its observation already made (the explorer observes a frontier state
    /// once for all its branches).
    public init(model: AddressSpace, observation: Observation) {
        box = StateBox(model: model, observation: observation)
    }

    /// A model state whose memory is structurally the same as `unchanged`'s (a step that failed or
    /// changed nothing, or the same state with a failure injected): it shares that state's
    /// observation, with only the counters and pending failures its own.
    public init(model: AddressSpace, sameMemoryAs unchanged: ObservedState) {
        var shared = unchanged.observation
        shared.placementHeapAllocations = model.heap.allocationsDuringPlacement
        shared.pendingPageTableFailures = model.faults.pendingPageTableFailures
        shared.pendingFrameFailures = model.faults.pendingFrameFailures
        box = StateBox(model: model, observation: shared, memoryTwin: unchanged.box)
    }

    /// The same state as its observation alone: the model is let go, so that a live model which
    /// goes on running (replay's) is the only holder of its arrays again and its next step writes
    /// them in place instead of copying them. Only model self-checks (`tree-shape`, which judges
    /// the state after a step) and the Z3 facts read a model; everything else reads the
    /// observation, which is made here if it was not yet.
    public func withoutModel() -> ObservedState {
        guard box.hasModel else { return self }
        var state = self
        state.box = StateBox(universe: universe, design: design, capabilities: capabilities, external: nil, observation: observation)
        return state
    }

    public var observation: Observation {
        if let made = box.observation { return made }
        let made: Observation
        if let parent = box.parent {
            // Let go of the parent first: a state never keeps a chain of its ancestors alive.
            box.parent = nil
            var into = box.spare ?? Observation(capabilities: .model)
            box.spare = nil
            box.observe(into: &into, sharingWith: parent)
            made = into
        } else if var spare = box.spare {
            box.spare = nil
            box.space.observe(into: &spare)
            made = spare
        } else {
            made = box.space.observation()
        }
        box.observation = made
        return made
    }

    /// This state's own observation (or the spare it was given and did not use), taken out for
    /// reuse, when nothing else holds this state: the caller is dropping it, and no copy of it can
    /// read the observation any more. Nil when the box is shared or the observation is another
    /// state's (a step that changed nothing shares its parent's).
    public mutating func takeObservationForReuse() -> Observation? {
        guard isKnownUniquelyReferenced(&box) else { return nil }
        if let spare = box.spare {
            box.spare = nil
            return spare
        }
        guard box.memoryTwin == nil, let made = box.observation else { return nil }
        box.observation = nil
        return made
    }

    public var regions: ObservedList<ObservedRegion> { observation.regions }

    /// The placement heap count, read without observing everything else when the model is the
    /// implementation (`allocation-free` asks on every mmap).
    public var placementHeapAllocations: Int { box.hasModel ? box.space.heap.allocationsDuringPlacement : observation.placementHeapAllocations }
    public var pageSize: UInt64 { universe.pageSize }

    /// Runs `body` on the model state, if there is one, without copying it.
    func withModelIfAny<R>(_ body: (borrowing AddressSpace) -> R) -> R? {
        box.hasModel ? body(box.space) : nil
    }

    /// Runs `body` on the model state (which must be there) without copying it.
    func withModel<R>(_ body: (borrowing AddressSpace) -> R) -> R {
        precondition(box.hasModel, "a state of another implementation has no model")
        return body(box.space)
    }

    /// Injected failures not consumed yet, read from the model without copying it when it is there.
    public var pendingFailures: (frames: Int, pageTables: Int) {
        if box.hasModel { return (box.space.faults.pendingFrameFailures, box.space.faults.pendingPageTableFailures) }
        return (observation.pendingFrameFailures, observation.pendingPageTableFailures)
    }

    /// The number of regions, without observing a model state.
    public var regionCount: Int { box.hasModel ? box.space.regions.count : observation.regions.count }

    /// Whether some region is accessible, without observing a model state.
    public var hasAccessibleRegion: Bool {
        // A list already observed is scanned faster than the model's tree is walked.
        if let made = box.observation { return made.regions.contains { $0.protection.isAccessible } }
        if box.hasModel { return box.space.regions.regions.contains { $0.protection.isAccessible } }
        return observation.regions.contains { $0.protection.isAccessible }
    }

    /// The number of TLB entries, without observing a model state.
    public var tlbEntryCount: Int { box.hasModel ? box.space.tlb.count : observation.tlb.count }

    /// Whether the implementation can be driven from this state (to probe holes).
    public var canProbe: Bool { box.hasModel || external != nil }

    /// What mapping exactly `range` PROT_NONE fixed-noreplace would return (nil: cannot probe).
    public func probeFixedMapping(of range: VirtualRange) -> OperationResult? {
        if box.hasModel { return box.space.probeFixedMapping(of: range) }
        return external?.probeFixedMapping(of: range)
    }

    /// The same memory (regions, tables, TLB, objects, frames) as `other`. Two model states that
    /// are structurally equal observe equal (the observation is a function of the state), which
    /// decides most steps without observing either.
    public func sameMemory(as other: ObservedState) -> Bool {
        if box === other.box || box.memoryTwin === other.box || other.box.memoryTwin === box || (box.memoryTwin != nil && box.memoryTwin === other.box.memoryTwin) {
            return true
        }
        if box.hasModelWithSameContents(as: other.box) { return true }
        return observation.sameMemory(as: other.observation)
    }
}

/// A state's model or driver, and its observation made at most once. Unlocked: a step is built
/// and checked by one thread (the explorer's worker, the random runner, replay), and a lock plus
/// a copy of the observation on every property's read halved the explorer's speed. Unchecked
/// exclusivity for the same reason: the observation is written once, before any reader holds it.
private final class StateBox: @unchecked Sendable {
    /// The space's own (an empty space is made in the universe of the state it stands for).
    var universe: Universe { space.universe }
    let design: Design
    let capabilities: ObservationCapabilities
    var model: AddressSpace? { hasModel ? space : nil }
    /// The reference model when it is the implementation under test (`hasModel`), else an empty
    /// space that is never read. Not optional: reading a model through an optional copied the
    /// whole state (a few hundred bytes) onto the stack at every look.
    let space: AddressSpace
    let hasModel: Bool
    /// Another implementation's driver, boxed: an optional existential field costs a metadata
    /// lookup to destroy, and the explorer frees a state box per step.
    let driver: Driver?
    @exclusivity(unchecked) var observation: Observation?
    /// An observation to write this state's into, when it is first asked for.
    @exclusivity(unchecked) var spare: Observation?
    /// The observed model state this one was made from by one step, until this one is observed.
    @exclusivity(unchecked) var parent: StateBox?
    /// A state known to have the same memory (the step's parent, when the step changed nothing),
    /// held so that `sameMemory` answers without comparing.
    let memoryTwin: StateBox?

    /// This box's model observed into `spare`, sharing the lists of `parent`'s (which holds a
    /// model and its observation) that it can. A method here, the two models read in place:
    /// unwrapping the parent's in the caller copied the whole state.
    func observe(into spare: inout Observation, sharingWith parent: StateBox) {
        space.observe(into: &spare, sharingWith: parent.space, observedAs: parent.observation.unsafelyUnwrapped)
    }

    /// Both boxes hold a model and the two are structurally equal, compared in place: unwrapping
    /// `model` into a local copied the whole state (a reference count per stored array).
    func hasModelWithSameContents(as other: StateBox) -> Bool {
        guard hasModel, other.hasModel else { return false }
        return space.sameContents(as: other.space)
    }

    private init(space: AddressSpace, hasModel: Bool, design: Design, capabilities: ObservationCapabilities,
                 external: (any ImplementationUnderTest)?, observation: Observation?, memoryTwin: StateBox?) {
        self.space = space
        self.hasModel = hasModel
        self.design = design
        self.capabilities = capabilities
        driver = external.map(Driver.init)
        self.observation = observation
        self.memoryTwin = memoryTwin
    }

    /// A model state's box: the universe and design are the model's own.
    convenience init(model: AddressSpace, observation: Observation?, memoryTwin: StateBox? = nil) {
        self.init(space: model, hasModel: true, design: model.design, capabilities: .model, external: nil,
                  observation: observation, memoryTwin: memoryTwin)
    }

    /// A box without a model: another implementation's state, or a model state let go of.
    convenience init(universe: Universe, design: Design, capabilities: ObservationCapabilities,
                     external: (any ImplementationUnderTest)?, observation: Observation?) {
        self.init(space: AddressSpace(universe: universe), hasModel: false, design: design, capabilities: capabilities,
                  external: external, observation: observation, memoryTwin: nil)
    }
}

/// An implementation other than the model, as a state box holds it.
private final class Driver: Sendable {
    let implementation: any ImplementationUnderTest
    init(_ implementation: any ImplementationUnderTest) { self.implementation = implementation }
}
