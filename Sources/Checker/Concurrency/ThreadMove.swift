/// What the scheduler can do next: thread `thread` runs its next step, or — when it is in user
/// space — begins the operation `letter` of the concurrent alphabet with its first step.
public struct ThreadMove: Sendable, Hashable {
    public var thread: Int
    public var letter: Int?

    public init(thread: Int, letter: Int? = nil) {
        self.thread = thread
        self.letter = letter
    }
}

/// The shared data a step reads and writes, for deciding which steps of different threads commute.
struct Footprint {
    var reads: UInt64 = 0
    var writes: UInt64 = 0

    static func lock(_ lock: KernelLock) -> UInt64 { 1 << UInt64(lock.rawValue) }
    static let heapData: UInt64 = 1 << 3
    /// The tree, VMObjects, page tables, PTEs, frames and their contents.
    static let space: UInt64 = 1 << 4
    static func tlb(_ cpu: Int) -> UInt64 { 1 << UInt64(5 + cpu) }

    /// Neither writes what the other reads or writes: the two orders reach the same state, and
    /// neither enables or disables the other.
    func commutes(with other: Footprint) -> Bool {
        writes & (other.reads | other.writes) == 0 && other.writes & reads == 0
    }
}
