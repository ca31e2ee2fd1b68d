/// The regions of an address space in a red-black tree keyed by base address: the single
/// authority on which addresses are in use (there is no free list beside it).
public struct RegionTree: Sendable {
    public let totalRange: VirtualRange
    public private(set) var tree = RedBlackTree<Region>()
    /// Names this tree's contents for `invariantsCertainlyHold(sinceGeneration:)`: a fresh number
    /// from `writeLog` at each recorded operation, 0 (unknown) after any write outside a journal.
    /// Kept here rather than in the red-black tree, whose copies (each walk over the regions
    /// makes one) stay as small as they were.
    public private(set) var generation: UInt64 = 0
    /// Where recorded operations leave what they wrote (`TreeWriteLog`); nil: nothing recorded.
    unowned(unsafe) var writeLog: TreeWriteLog?

    public init(totalRange: VirtualRange) { self.totalRange = totalRange }

    public var count: Int { tree.count }
    public var isEmpty: Bool { tree.isEmpty }

    /// The regions in ascending address order.
    public var regions: RedBlackTree<Region>.ValuesSequence { tree.values }

    /// The region whose range contains `address`.
    public func region(containing address: UInt64) throws(KernelError) -> Region? {
        guard let i = tree.floor(address) else { return nil }
        let region = try tree.value(at: i)
        return region.range.contains(address) ? region : nil
    }

    /// The region that starts exactly at `base`.
    public func region(at base: UInt64) throws(KernelError) -> Region? {
        guard let i = tree.find(base) else { return nil }
        return try tree.value(at: i)
    }

    /// Every region that intersects `range`, ascending.
    public func regions(intersecting range: VirtualRange) throws(KernelError) -> [Region] {
        var result: [Region] = []
        var index = tree.floor(range.base) ?? tree.first
        while let i = index {
            let region = try tree.value(at: i)
            if region.range.base >= range.end { break }
            if region.range.intersects(range) { result.append(region) }
            index = tree.successor(ofLive: i)
        }
        return result
    }

    /// Whether any region intersects `range` (no allocation).
    public func anyRegion(intersecting range: VirtualRange) throws(KernelError) -> Bool {
        // Regions are disjoint, so only the one with the largest base below the range's end can reach it.
        guard let i = tree.floor(range.last) else { return false }
        return try tree.value(at: i).range.intersects(range)
    }

    /// Inserts a region; its range must be free (callers check with placement first). A second
    /// region at a base breaks the tree's one-key-per-base assumption: ENOTRECOVERABLE.
    mutating func insert(_ region: Region) throws(KernelError) {
        forgetWritesUnlessJournaled()
        if let i = tree.find(region.range.base) {
            throw .ENOTRECOVERABLE(BrokenAssumption("inserting \(region.range) into the region tree, but \(try tree.value(at: i).range) already starts at \(region.range.base.hex)"))
        }
        tree.insert(region, forKey: region.range.base)
    }

    /// Takes the region starting at `base` out of the tree.
    @discardableResult
    mutating func remove(at base: UInt64) -> Region? {
        forgetWritesUnlessJournaled()
        return tree.remove(forKey: base)
    }

    mutating func replace(at base: UInt64, with region: Region) throws(KernelError) {
        forgetWritesUnlessJournaled()
        guard let i = tree.find(base) else { throw .ENOTRECOVERABLE(BrokenAssumption("replacing the region at \(base.hex), but none starts there")) }
        guard region.range.base == base else {
            throw .ENOTRECOVERABLE(BrokenAssumption("replacing the region at \(base.hex) with \(region.range), which would change its key"))
        }
        try tree.setValue(region, at: i)
    }

    mutating func removeAll() {
        forgetWritesUnlessJournaled()
        tree.removeAll()
    }

    /// Where a rollback returns to: the tree's mark and the generation.
    struct JournalMark: Sendable {
        var tree: RedBlackTree<Region>.JournalMark
        var generation: UInt64
    }

    var isJournaling: Bool { tree.isJournaling }
    var journalMark: JournalMark { JournalMark(tree: tree.journalMark, generation: generation) }
    mutating func beginJournal() { tree.beginJournal() }
    mutating func rollBack(to mark: JournalMark) { tree.rollBack(to: mark.tree) }

    /// Keeps the changes since `start` and, when the tree records, leaves in `writeLog` which
    /// slots they wrote, under a fresh generation.
    mutating func commitJournal(openedAt start: JournalMark) {
        if let log = writeLog {
            if let firsts = tree.journaledWrites() {
                let next = log.nextGeneration()
                log.last = TreeWrites(generationBefore: start.generation, generationAfter: next, firsts: firsts,
                                      before: start.tree.scalars, after: tree.scalars)
                generation = next
            } else {
                log.last = nil
                generation = 0
            }
        }
        tree.commitJournal()
    }

    /// A write outside a journal: what was written is not known any more.
    @inline(__always)
    private mutating func forgetWritesUnlessJournaled() {
        if generation != 0 && !tree.isJournaling { generation = 0 }
    }

    /// Test-only seam: breaks the tree (`RedBlackTree._corruptForTesting`) so that tests can show
    /// that a broken tree is reported, not a trap. Never call it from model code.
    public mutating func _corruptForTesting(_ corruption: RedBlackTree<Region>._TestCorruption) {
        forgetWritesUnlessJournaled()
        tree._corruptForTesting(corruption)
    }

    /// Whether `checkInvariants()` certainly passes now, given that it passed in the state of
    /// generation `parent` and that this tree is that state after one operation (a checker's
    /// consecutive steps): judged by the slots the operation wrote (`RedBlackTree.invariants\
    /// CertainlyHold(after:)`) when the log still holds its record. False: not certain.
    public func invariantsCertainlyHold(sinceGeneration parent: UInt64) -> Bool {
        guard parent != 0, generation != 0 else { return false }
        // No recorded operation since: nothing was written (a write outside one resets it to 0).
        if generation == parent { return true }
        guard let writes = recordedWrites(sinceGeneration: parent) else { return false }
        return invariantsCertainlyHold(after: writes)
    }

    /// Whether `checkInvariants()` certainly passes now, given that it passed on `parent`: this
    /// tree is an unchanged copy of it (`RedBlackTree.isUnchangedCopy(of:)`; a step that wrote no
    /// region, or rolled back by returning to its start copy). Needs no record of the writes.
    public func invariantsCertainlyHold(unchangedFrom parent: RegionTree) -> Bool {
        isUnchangedCopy(of: parent)
    }

    /// Whether this tree is `other` slot for slot, known from the storage alone (a copy neither
    /// changed since): then it holds the same regions, without a walk of either.
    public func isUnchangedCopy(of other: RegionTree) -> Bool {
        tree.isUnchangedCopy(of: other.tree)
    }

    /// The log's record of the one operation that turned generation `parent` into this one, if
    /// it still holds it.
    func recordedWrites(sinceGeneration parent: UInt64) -> TreeWrites<RedBlackTree<Region>.Node>? {
        guard let writes = writeLog?.last as? TreeWrites<RedBlackTree<Region>.Node>,
              writes.generationAfter == generation, writes.generationBefore == parent else { return nil }
        return writes
    }

    /// Every invariant certainly holds after `writes`, given that they held before them.
    func invariantsCertainlyHold(after writes: TreeWrites<RedBlackTree<Region>.Node>) -> Bool {
        tree.invariantsCertainlyHold(after: writes) && tree.writtenLiveSlots(of: writes) { key, region in key == region.range.base }
    }

    /// Records what each operation writes into `log` (see `TreeWriteLog`).
    mutating func recordWrites(into log: TreeWriteLog) { writeLog = log }

    /// Red-black shape, and every key equal to its region's base.
    public func checkInvariants() throws(TreeInvariantViolation) {
        // One quiet walk passes almost every tree; the walks below run only to say what is wrong.
        if tree.invariantsHold({ key, region in key == region.range.base }) { return }
        try tree.checkInvariants()
        var index = tree.first
        while let i = index {
            // The walk above proved every reachable handle live, so these reads cannot fail.
            guard let key = try? tree.key(at: i), let base = try? tree.value(at: i).range.base else { return }
            guard key == base else {
                throw TreeInvariantViolation(kind: .keyOutOfOrder, message: "node \(i.raw) has key \(key.hex) but its region starts at \(base.hex)")
            }
            index = try? tree.successor(of: i)
        }
    }
}
