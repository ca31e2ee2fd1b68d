/// A physical frame number.
public typealias FrameNumber = Int32

/// The finite pool of physical frames, each holding one word of data so tests can tell pages apart.
/// Frames in use are kept sorted and sparse: the 64-bit universe has many frames but few in use.
public struct FramePool: Sendable, Hashable {
    public let capacity: Int
    /// Frames in use, ascending.
    public private(set) var inUse: [FrameNumber] = []
    /// Data word of each frame in `inUse`, same order.
    public private(set) var contents: [UInt32] = []

    public init(capacity: Int) { self.capacity = capacity }

    public var usedCount: Int { inUse.count }

    /// The lowest free frame, zero-filled; ENOMEM when the pool is exhausted.
    mutating func allocate() throws(KernelError) -> FrameNumber {
        guard inUse.count < capacity else { throw .ENOMEM }
        // The first gap in the sorted list is the lowest free frame.
        var lo = 0, hi = inUse.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if inUse[mid] == FrameNumber(mid) { lo = mid + 1 } else { hi = mid }
        }
        inUse.insert(FrameNumber(lo), at: lo)
        contents.insert(0, at: lo)
        return FrameNumber(lo)
    }

    mutating func free(_ frame: FrameNumber) throws(KernelError) {
        let i = inUse.lowerBound { $0 < frame }
        guard i < inUse.count && inUse[i] == frame else {
            throw .ENOTRECOVERABLE(BrokenAssumption("freeing frame \(frame), which is not in use (freed twice?)"))
        }
        inUse.remove(at: i)
        contents.remove(at: i)
    }

    public func isInUse(_ frame: FrameNumber) -> Bool {
        let i = inUse.lowerBound { $0 < frame }
        return i < inUse.count && inUse[i] == frame
    }

    public func read(_ frame: FrameNumber) -> UInt32 {
        let i = inUse.lowerBound { $0 < frame }
        return i < inUse.count && inUse[i] == frame ? contents[i] : 0
    }

    mutating func write(_ frame: FrameNumber, _ value: UInt32) {
        let i = inUse.lowerBound { $0 < frame }
        if i < inUse.count && inUse[i] == frame { contents[i] = value }
    }

    mutating func removeAll() {
        inUse.removeAll(keepingCapacity: true)
        contents.removeAll(keepingCapacity: true)
    }
}
