/// A physical frame number.
public typealias FrameNumber = Int32

/// The finite pool of physical frames, each holding one word of data so tests can tell pages apart.
/// Frames in use are kept sorted and sparse: the 64-bit universe has many frames but few in use.
public struct FramePool: Sendable, Hashable {
    public let capacity: Int
    @usableFromInline var inUseStorage = JournaledArray<FrameNumber>()
    @usableFromInline var contentsStorage = JournaledArray<UInt32>()

    public init(capacity: Int) { self.capacity = capacity }

    /// Frames in use, ascending.
    @inlinable public var inUse: [FrameNumber] { inUseStorage.elements }
    /// Data word of each frame in `inUse`, same order.
    @inlinable public var contents: [UInt32] { contentsStorage.elements }

    var journalMark: JournalMark { JournalMark(first: inUseStorage.journalLength, second: contentsStorage.journalLength) }

    mutating func beginJournal() {
        inUseStorage.beginJournal()
        contentsStorage.beginJournal()
    }

    mutating func commitJournal() {
        inUseStorage.commitJournal()
        contentsStorage.commitJournal()
    }

    mutating func rollBack(to mark: JournalMark) {
        inUseStorage.rollBack(toMark: mark.first)
        contentsStorage.rollBack(toMark: mark.second)
    }

    public var usedCount: Int { inUseStorage.count }

    /// The lowest free frame, zero-filled; ENOMEM when the pool is exhausted.
    mutating func allocate() throws(KernelError) -> FrameNumber {
        guard inUseStorage.count < capacity else { throw .ENOMEM }
        // The first gap in the sorted list is the lowest free frame.
        var lo = 0, hi = inUseStorage.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if inUseStorage[mid] == FrameNumber(mid) { lo = mid + 1 } else { hi = mid }
        }
        inUseStorage.insert(FrameNumber(lo), at: lo)
        contentsStorage.insert(0, at: lo)
        return FrameNumber(lo)
    }

    mutating func free(_ frame: FrameNumber) throws(KernelError) {
        let i = inUseStorage.lowerBound { $0 < frame }
        guard i < inUseStorage.count && inUseStorage[i] == frame else {
            throw .ENOTRECOVERABLE(BrokenAssumption("freeing frame \(frame), which is not in use (freed twice?)"))
        }
        inUseStorage.remove(at: i)
        contentsStorage.remove(at: i)
    }

    public func isInUse(_ frame: FrameNumber) -> Bool {
        let i = inUseStorage.lowerBound { $0 < frame }
        return i < inUseStorage.count && inUseStorage[i] == frame
    }

    public func read(_ frame: FrameNumber) -> UInt32 {
        let i = inUseStorage.lowerBound { $0 < frame }
        return i < inUseStorage.count && inUseStorage[i] == frame ? contentsStorage[i] : 0
    }

    mutating func write(_ frame: FrameNumber, _ value: UInt32) {
        let i = inUseStorage.lowerBound { $0 < frame }
        if i < inUseStorage.count && inUseStorage[i] == frame { contentsStorage[i] = value }
    }

    mutating func removeAll() {
        inUseStorage.removeAll(keepingCapacity: true)
        contentsStorage.removeAll(keepingCapacity: true)
    }
}
