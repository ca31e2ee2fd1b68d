/// Where an operation's journal rollback returns to: marks in the stored arrays' journals, and
/// the few values that are not journaled.
struct JournalMarks {
    var regions: RegionTree.JournalMark
    var objects: VMObjectStore.JournalMark
    var frames: JournalMark
    var directory: JournalMark
    var tlb: JournalMark
    /// Two counters; the heap is not journaled.
    var heap: KernelHeap
    /// Present only under `dual-authority`, so saved whole rather than journaled.
    var legacyAllocator: FreeRangeAllocator?
    /// Whether these marks opened the journals (rather than nesting in an open one: exec's mmaps).
    var opensJournal: Bool
}

/// The state an operation of the `serenity` design starts from, for the fixes that roll a
/// failure back: journal marks (`RollbackStrategy.journal`) or a copy of the whole space.
enum Checkpoint {
    case journal(JournalMarks)
    case copy(AddressSpace)
}

extension AddressSpace {
    /// Whether an operation's journal is open (its writes are being recorded).
    var isJournaling: Bool { regions.isJournaling }

    /// Opens the journals (or, inside an open one, marks them): the state now is what
    /// `rollBack(to:)` returns to.
    mutating func openJournal() -> JournalMarks {
        let opensJournal = !isJournaling
        if opensJournal {
            regions.beginJournal()
            objects.beginJournal()
            frames.beginJournal()
            directory.beginJournal()
            tlb.beginJournal()
        }
        return JournalMarks(regions: regions.journalMark, objects: objects.journalMark, frames: frames.journalMark,
                            directory: directory.journalMark, tlb: tlb.journalMark, heap: heap, legacyAllocator: legacyAllocator,
                            opensJournal: opensJournal)
    }

    /// Undoes every write since `marks`, except that injected failures consumed since then stay
    /// consumed. The journals stay open (their opener closes them), so a second rollback is exact.
    mutating func rollBack(to marks: JournalMarks) {
        regions.rollBack(to: marks.regions)
        objects.rollBack(to: marks.objects)
        frames.rollBack(to: marks.frames)
        directory.rollBack(to: marks.directory)
        tlb.rollBack(to: marks.tlb)
        heap = marks.heap
        legacyAllocator = marks.legacyAllocator
    }

    /// Ends what `marks` opened: the changes since (or since its rollback) are kept.
    mutating func close(_ marks: JournalMarks) {
        guard marks.opensJournal else { return }
        regions.commitJournal(openedAt: marks.regions)
        objects.commitJournal()
        frames.commitJournal()
        directory.commitJournal()
        tlb.commitJournal()
    }

    /// A checkpoint for the serenity design's rollback fixes, by this space's strategy.
    mutating func openCheckpoint() -> Checkpoint {
        rollback == .journal ? .journal(openJournal()) : .copy(self)
    }

    /// Returns to the state at `checkpoint`; consumed injected failures stay consumed.
    mutating func restore(_ checkpoint: Checkpoint) {
        switch checkpoint {
        case .copy(let start): restore(copy: start)
        case .journal(let marks): rollBack(to: marks)
        }
    }

    /// Returns to `start`, a copy of this space taken earlier; consumed injected failures stay
    /// consumed.
    mutating func restore(copy start: AddressSpace) {
        let consumed = faults
        self = start
        faults = consumed
    }

    /// Ends `checkpoint`, keeping the state as it is.
    mutating func close(_ checkpoint: Checkpoint) {
        if case .journal(let marks) = checkpoint { close(marks) }
    }
}

extension AddressSpace {
    /// Makes the region tree leave what each operation writes in `log`, so that `tree-shape` can
    /// be judged by it. The caller keeps `log` alive while this space or a copy runs operations.
    public mutating func recordTreeWrites(into log: TreeWriteLog) {
        regions.recordWrites(into: log)
    }
}
