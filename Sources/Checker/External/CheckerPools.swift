import Model

/// The checker's side of an external implementation, living in the worker process: the frame and
/// page-table pools the implementation allocates from (through `rc_hooks`), the failures injected
/// into them, and the heap allocations counted during placement. What it knows does not come from
/// the implementation's own report: frames in use and allocated page tables are the pools' truth.
final class CheckerPools {
    let frameCapacity: Int
    let tableCapacity: Int
    /// Frames in use, ascending, and the data word of each (same order).
    private(set) var frames: [UInt64] = []
    private(set) var contents: [UInt32] = []
    private(set) var tables: [UInt64] = []
    var pendingFrameFailures = 0
    var pendingTableFailures = 0
    /// Allocations attempted by the current step (what the explorer's fault branches need).
    var frameAttempts = 0
    var tableAttempts = 0
    /// Allocations of either kind the current step was refused (pool full or failure injected):
    /// an ENOMEM after one is the pools' doing, not the placement's.
    var refusals = 0
    private var placementDepth = 0
    private(set) var placementHeapAllocations = 0

    init(universe: Universe) {
        frameCapacity = universe.frames
        tableCapacity = universe.pageTables
    }

    func reset() {
        frames.removeAll()
        contents.removeAll()
        tables.removeAll()
        pendingFrameFailures = 0
        pendingTableFailures = 0
        placementDepth = 0
        placementHeapAllocations = 0
    }

    /// As the model's pool: a full pool fails before an injected failure is consumed.
    func allocateTable(_ table: UInt64) -> Int32 {
        let i = tables.firstIndex(notBelow: table)
        if i < tables.count && tables[i] == table { return 0 }
        guard tables.count < tableCapacity else {
            refusals += 1
            return KernelError.ENOMEM.errno
        }
        tableAttempts += 1
        if pendingTableFailures > 0 {
            pendingTableFailures -= 1
            refusals += 1
            return KernelError.ENOMEM.errno
        }
        tables.insert(table, at: i)
        return 0
    }

    func freeTable(_ table: UInt64) {
        let i = tables.firstIndex(notBelow: table)
        if i < tables.count && tables[i] == table { tables.remove(at: i) }
    }

    /// As the model's frame path: the injected failure is consumed first, then the pool is asked
    /// for its lowest free frame.
    func allocateFrame() -> UInt64? {
        frameAttempts += 1
        if pendingFrameFailures > 0 {
            pendingFrameFailures -= 1
            refusals += 1
            return nil
        }
        guard frames.count < frameCapacity else {
            refusals += 1
            return nil
        }
        // The first gap in the sorted list is the lowest free frame.
        let lowest = frames.indices.partitionIndex { frames[$0] == UInt64($0) }
        frames.insert(UInt64(lowest), at: lowest)
        contents.insert(0, at: lowest)
        return UInt64(lowest)
    }

    func freeFrame(_ frame: UInt64) {
        let i = frames.firstIndex(notBelow: frame)
        if i < frames.count && frames[i] == frame {
            frames.remove(at: i)
            contents.remove(at: i)
        }
    }

    /// A frame not in use reads as zero and ignores writes (as the model's pool).
    func read(_ frame: UInt64) -> UInt32 {
        let i = frames.firstIndex(notBelow: frame)
        return i < frames.count && frames[i] == frame ? contents[i] : 0
    }

    func write(_ frame: UInt64, _ value: UInt32) {
        let i = frames.firstIndex(notBelow: frame)
        if i < frames.count && frames[i] == frame { contents[i] = value }
    }

    func heapAllocated() { if placementDepth > 0 { placementHeapAllocations += 1 } }
    func placementBegin() { placementDepth += 1 }
    func placementEnd() { placementDepth = max(0, placementDepth - 1) }
}
