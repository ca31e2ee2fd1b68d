/// A physical frame number.
public typealias FrameNumber = Int32

/// A frame in use and the data word it holds.
public struct UsedFrame: Sendable, Hashable {
    public let number: FrameNumber
    public var contents: UInt32
}

/// The finite pool of physical frames, each holding one word of data so tests can tell pages apart.
/// Frames in use are kept sorted and sparse: the 64-bit universe has many frames but few in use.
public struct FramePool: Sendable, Hashable {
    public let capacity: Int
    /// Numbers and data in one array, so that a copy of the pool retains one buffer and a write
    /// copies one.
    @usableFromInline var storage = JournaledArray<UsedFrame>()

    public init(capacity: Int) { self.capacity = capacity }

    /// Frames in use, ascending by number, with their data.
    @inlinable public var used: [UsedFrame] { storage.elements }
    /// The numbers of the frames in use, ascending (made from `used`).
    public var inUse: [FrameNumber] { storage.elements.map(\.number) }
    /// Data word of each frame in `inUse`, same order (made from `used`).
    public var contents: [UInt32] { storage.elements.map(\.contents) }

    var journalMark: JournalMark { JournalMark(first: storage.journalLength) }

    mutating func beginJournal() { storage.beginJournal() }
    mutating func commitJournal() { storage.commitJournal() }
    mutating func rollBack(to mark: JournalMark) { storage.rollBack(toMark: mark.first) }

    public var usedCount: Int { storage.count }

    /// The lowest free frame, zero-filled; ENOMEM when the pool is exhausted.
    mutating func allocate() throws(KernelError) -> FrameNumber {
        guard storage.count < capacity else { throw .ENOMEM }
        // The first gap in the sorted list is the lowest free frame.
        var lo = 0, hi = storage.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if storage[mid].number == FrameNumber(mid) { lo = mid + 1 } else { hi = mid }
        }
        storage.insert(UsedFrame(number: FrameNumber(lo), contents: 0), at: lo)
        return FrameNumber(lo)
    }

    /// The position of `frame` in `used`, or nil when it is not in use.
    public func index(of frame: FrameNumber) -> Int? {
        let i = storage.lowerBound { $0.number < frame }
        return i < storage.count && storage[i].number == frame ? i : nil
    }

    mutating func free(_ frame: FrameNumber) throws(KernelError) {
        guard let i = index(of: frame) else {
            throw .ENOTRECOVERABLE(BrokenAssumption("freeing frame \(frame), which is not in use (freed twice?)"))
        }
        storage.remove(at: i)
    }

    public func isInUse(_ frame: FrameNumber) -> Bool { index(of: frame) != nil }

    public func read(_ frame: FrameNumber) -> UInt32 {
        index(of: frame).map { storage[$0].contents } ?? 0
    }

    mutating func write(_ frame: FrameNumber, _ value: UInt32) {
        if let i = index(of: frame) { storage.modify(at: i) { $0.contents = value } }
    }

    mutating func removeAll() {
        storage.removeAll(keepingCapacity: true)
    }
}
