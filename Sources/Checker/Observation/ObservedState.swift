import Model

/// One state of the implementation under test as the properties see it: its observation, the
/// universe it runs in, and — only when the implementation can be driven further — a way to
/// probe it. When the implementation is the reference model, the model itself rides along for
/// the model-only self-checks (`tree-shape`), and the observation is made on first use: most
/// properties of most steps never look at it, and the explorer checks about a million steps
/// per CPU-second.
public struct ObservedState: Sendable {
    public let universe: Universe
    public let design: Design
    /// What the implementation reports (known without making the observation).
    public let capabilities: ObservationCapabilities
    /// The reference model, when it is the implementation under test.
    public let model: AddressSpace?
    private let external: (any ImplementationUnderTest)?
    private let cache: ObservationCache

    /// The model's state: observed when a property first asks.
    public init(model: AddressSpace) {
        universe = model.universe
        design = model.design
        capabilities = .model
        self.model = model
        external = nil
        cache = ObservationCache(nil)
    }

    /// An observation some other implementation reported; with `implementation`, `no-leak` may
    /// probe its holes.
    public init(observation: Observation, universe: Universe, design: Design, implementation: (any ImplementationUnderTest)? = nil) {
        self.universe = universe
        self.design = design
        capabilities = observation.capabilities
        model = nil
        external = implementation
        cache = ObservationCache(observation)
    }

    /// The same state with its observation already made (the explorer observes a frontier state
    /// once for all its branches).
    public init(model: AddressSpace, observation: Observation) {
        universe = model.universe
        design = model.design
        capabilities = .model
        self.model = model
        external = nil
        cache = ObservationCache(observation)
    }

    public var observation: Observation {
        if let made = cache.observation { return made }
        let made = model!.observation()
        cache.observation = made
        return made
    }

    public var regions: [ObservedRegion] {
        if let made = cache.observation { return made.regions }
        return observation.regions
    }

    /// The placement heap count, read without observing everything else when the model is the
    /// implementation (`allocation-free` asks on every mmap).
    public var placementHeapAllocations: Int { model?.heap.allocationsDuringPlacement ?? observation.placementHeapAllocations }
    public var pageSize: UInt64 { universe.pageSize }

    /// Whether the implementation can be driven from this state (to probe holes).
    public var canProbe: Bool { model != nil || external != nil }

    /// What mapping exactly `range` PROT_NONE fixed-noreplace would return (nil: cannot probe).
    public func probeFixedMapping(of range: VirtualRange) -> OperationResult? {
        if let model { return model.probeFixedMapping(of: range) }
        return external?.probeFixedMapping(of: range)
    }

    /// The same memory (regions, tables, TLB, objects, frames) as `other`. Two model states that
    /// are structurally equal observe equal (the observation is a function of the state), which
    /// decides most steps without observing either.
    public func sameMemory(as other: ObservedState) -> Bool {
        if let model, let theirs = other.model, model.sameContents(as: theirs) { return true }
        return observation.sameMemory(as: other.observation)
    }
}

/// An observation made at most once. Unlocked: a step is built and checked by one thread (the
/// explorer's worker, the random runner, replay), and a lock plus a copy of the observation on
/// every property's read halved the explorer's speed.
private final class ObservationCache: @unchecked Sendable {
    var observation: Observation?
    init(_ observation: Observation?) { self.observation = observation }
}
