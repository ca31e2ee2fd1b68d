/// One write a stored array's journal recorded, without the value it overwrote: enough for a
/// reader holding a copy of the array's contents (or a list made element for element from them)
/// to bring it up to date by re-reading only the elements written.
public enum ArrayWrite: Sendable, Hashable {
    /// Element `i` rewritten in place.
    case set(Int)
    /// A new element at `i`; the ones from `i` on moved up by one.
    case insert(Int)
    /// The elements of the range removed; the ones after it moved down.
    case remove(Range<Int>)
    /// The whole array replaced (`removeAll`): nothing element-wise is known.
    case replaceAll
}

/// What one operation wrote in the space's stored arrays, as their journals recorded it: below
/// the algorithms, which can only write through the journals, so no path of theirs is missing.
/// The region tree's part is the regions of the slots it wrote, known only when its incremental
/// check is certain the tree is still a valid search tree (`RegionTree.regionsWritten`).
public struct StorageWrites: Sendable {
    /// The regions of the written tree slots that were live before and are live after the
    /// operation (a changed region is in both; one rewritten unchanged, in neither); nil when not known.
    public var regionsBefore: [Region]?
    public var regionsAfter: [Region]?
    /// The tree's generation before and after (`RegionTree.generation`).
    public var treeGenerationBefore: UInt64
    public var treeGenerationAfter: UInt64
    public var objectSlots: [ArrayWrite]
    /// The frames in use (`FramePool.used`), numbers and data together.
    public var frames: [ArrayWrite]
    public var pageTables: [ArrayWrite]
    public var ptes: [ArrayWrite]
    public var tlb: [ArrayWrite]
}

extension AddressSpace {
    /// Runs `body` (one operation) inside one journal over every stored array, so that each
    /// write it makes, through any path (an operation that writes outside `transact`, as touch
    /// and teardown do, included), is recorded; returns the body's result and what it wrote.
    /// Writes is nil when the space cannot record: it rolls back by copying (a copy made while a
    /// journal is open would share it), or a journal is already open.
    public mutating func recordingWrites<Result>(_ body: (inout AddressSpace) -> Result) -> (result: Result, writes: StorageWrites?) {
        guard rollback == .journal, !isJournaling else { return (body(&self), nil) }
        let generationBefore = regions.generation
        let marks = openJournal()
        let result = body(&self)
        var writes = StorageWrites(
            regionsBefore: nil, regionsAfter: nil, treeGenerationBefore: generationBefore, treeGenerationAfter: 0,
            objectSlots: objects.slotStorage.journaledWrites(),
            frames: frames.storage.journaledWrites(),
            pageTables: directory.tableStorage.journaledWrites(), ptes: directory.ptes.storage.journaledWrites(),
            tlb: tlb.storage.journaledWrites())
        close(marks)
        writes.treeGenerationAfter = regions.generation
        if let (before, after) = regions.regionsWritten(sinceGeneration: generationBefore) {
            writes.regionsBefore = before
            writes.regionsAfter = after
        }
        return (result, writes)
    }
}

extension RegionTree {
    /// The regions of the slots the last recorded operation wrote: those live before it (from the
    /// nodes its journal saved) and those live now, when that operation turned generation `parent`
    /// into this one and the incremental check is certain every invariant still holds (given that
    /// they held at `parent`): the in-order regions are then the old ones without the first list,
    /// with the second. Nil otherwise.
    public func regionsWritten(sinceGeneration parent: UInt64) -> (before: [Region], after: [Region])? {
        guard parent != 0, generation != 0 else { return nil }
        if generation == parent { return ([], []) }
        guard let writes = recordedWrites(sinceGeneration: parent), invariantsCertainlyHold(after: writes) else { return nil }
        var before: [Region] = [], after: [Region] = []
        for (k, slot) in writes.slots.enumerated() {
            var old: Region?, new: Region?
            if let node = writes.oldNodes[k], node.color != .free {
                guard let region = node.value else { return nil }
                old = region
            }
            if Int(slot) < tree.nodes.count, case let node = tree.nodes[Int(slot)], node.color != .free {
                guard let region = node.value else { return nil }
                new = region
            }
            // A slot rewritten with the same region (a rebalancing changed only its links or
            // colour) shows the same region at the same place in the in-order list.
            if old == new { continue }
            if let old { before.append(old) }
            if let new { after.append(new) }
        }
        return (before, after)
    }
}
