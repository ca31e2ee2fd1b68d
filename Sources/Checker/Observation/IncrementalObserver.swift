import Model

/// Runs one model space step by step (replay does) and observes it after each step without
/// rebuilding the observation: the observation of two steps back, which nothing holds any more,
/// is patched by what the storage recorded the last two steps wrote (`AddressSpace.patch(_:by:)`),
/// and each step's windows come from the positions written (`ObservationDelta(recorded:…)`).
/// Whenever a record is missing or incomplete — the first steps, a `removeAll`, a tree the
/// incremental check is unsure of, a space that rolls back by copying, a write made outside a
/// step (`modifySpace`) — the observation is made in full and the windows are left to the diff.
///
/// The observer owns the space, so no write can escape its records: every step runs inside one
/// journal over every stored array (`AddressSpace.recordingWrites`). The region part of a record
/// holds only if the tree was valid before it, so the tree is walked in full once after a step
/// without a certain record, and known valid from then on while every record is certain.
public struct IncrementalObserver {
    /// The space, as the last step left it.
    public private(set) var space: AddressSpace
    /// The space's observation now.
    public private(set) var observation: Observation
    /// Where the tree leaves what each step wrote; the space holds it unowned.
    private let treeWrites = TreeWriteLog()
    /// The observation of the state before the last step, to be patched into the next one.
    private var spare: Observation?
    /// What the last step wrote, and whether the tree was known valid before it.
    private var previous: (writes: StorageWrites, treeValidBefore: Bool)?
    /// The latest tree generation known valid (0: none).
    private var validTreeGeneration: UInt64 = 0
    /// Steps whose observation was patched, and steps observed in full (a test holds the first
    /// above zero: the patch is really used).
    public private(set) var patched = 0
    public private(set) var observedInFull = 0

    /// Observes `space` (which should roll back by its journal: one that copies records nothing).
    public init(space: AddressSpace) {
        self.space = space
        self.space.recordTreeWrites(into: treeWrites)
        observation = space.observation()
    }

    /// Runs `operation` and observes the state after it; the windows are nil when the record
    /// cannot give them.
    public mutating func step(_ operation: Operation) -> (result: OperationResult, delta: ObservationDelta?) {
        step { operation.apply(to: &$0) }
    }

    /// Runs `body` as one step (all its writes recorded) and observes the state after it.
    public mutating func step<Result>(_ body: (inout AddressSpace) -> Result) -> (result: Result, delta: ObservationDelta?) {
        let before = observation
        let (result, writes) = space.recordingWrites(body)
        let treeValidBefore = validTreeGeneration != 0 && writes?.treeGenerationBefore == validTreeGeneration
        if let writes, treeValidBefore, let previous, previous.treeValidBefore, var older = spare,
           previous.writes.treeGenerationAfter == writes.treeGenerationBefore {
            spare = nil
            if space.patch(&older, by: [previous.writes, writes]) { patched += 1 } else { observedInFull += 1 }
            observation = older
        } else {
            observeInFull()
        }
        // The tree's validity carried over by a certain record, else established by a full walk.
        if let writes, treeValidBefore, writes.regionsBefore != nil, writes.treeGenerationAfter != 0 {
            validTreeGeneration = writes.treeGenerationAfter
        } else {
            checkTree()
        }
        let delta = writes.flatMap {
            treeValidBefore ? ObservationDelta(recorded: $0, from: before, to: observation, slotCount: space.objects.slots.count) : nil
        }
        previous = writes.map { ($0, treeValidBefore) }
        // The observation before this step is the one to patch next: nothing but the caller's
        // transition holds it once the step has been checked.
        spare = before
        return (result, delta)
    }

    /// Changes the space outside any step (a test's corruption, say): what is written is not
    /// recorded, so the space is observed in full and the next steps start their records afresh.
    public mutating func modifySpace<Result>(_ body: (inout AddressSpace) -> Result) -> Result {
        let result = body(&space)
        previous = nil
        observeInFull()
        checkTree()
        return result
    }

    private mutating func observeInFull() {
        if var older = spare {
            spare = nil
            space.observe(into: &older)
            observation = older
        } else {
            observation = space.observation()
        }
        observedInFull += 1
    }

    private mutating func checkTree() {
        let generation = space.regions.generation
        validTreeGeneration = generation != 0 && (try? space.regions.checkInvariants()) != nil ? generation : 0
    }
}
