import Model

/// Everything several CPUs share and own: the address space (its own `tlb` stays empty, since
/// every CPU has its own), one TLB per CPU, one thread per CPU, and who holds each lock.
public struct ConcurrentState: Sendable {
    public internal(set) var space: AddressSpace
    public internal(set) var tlbs: [TranslationSet]
    public internal(set) var threads: [ThreadState]
    /// The holder of each `KernelLock` (by raw value), or nil when free.
    public internal(set) var holders: [Int?] = Array(repeating: nil, count: KernelLock.allCases.count)

    public init(space: AddressSpace, threads: Int) {
        self.space = space
        self.tlbs = Array(repeating: TranslationSet(), count: threads)
        self.threads = Array(repeating: ThreadState(), count: threads)
    }

    public func holder(of lock: KernelLock) -> Int? { holders[lock.rawValue] }

    /// No thread is inside an operation.
    public var isQuiescent: Bool { threads.allSatisfy(\.isIdle) }

    /// The lock thread `t` waits for, if its next step is an acquire of a lock that is taken.
    public func waitsFor(_ t: Int, programs: [[AtomicStep]]) -> KernelLock? {
        guard case .acquire(let lock)? = nextStep(of: t, programs: programs), holder(of: lock) != nil else { return nil }
        return lock
    }

    /// The step thread `t` runs next; nil when it is in user space (it may begin any operation).
    public func nextStep(of t: Int, programs: [[AtomicStep]]) -> AtomicStep? {
        let thread = threads[t]
        guard let letter = thread.letter else { return nil }
        if thread.unwinding { return thread.held.last.map { .release($0) } ?? .returnToUser }
        return programs[letter][thread.pc]
    }

    /// The state key: the address space's canonical snapshot, plus the raw frame numbers the
    /// per-CPU TLBs refer to (so that two states merge only when their TLBs mean the same).
    func key() -> [UInt8] {
        var out = space.snapshot().bytes
        out.append(0xFF)
        for frame in space.frames.used { out.appendWord(UInt64(UInt32(bitPattern: frame.number))) }
        for pte in space.directory.ptes.entries { out.appendWord(pte.page); out.appendWord(UInt64(UInt32(bitPattern: pte.frame))) }
        for tlb in tlbs {
            out.append(0xFE)
            for entry in tlb.entries {
                out.appendWord(entry.page)
                out.appendWord(UInt64(UInt32(bitPattern: entry.frame)) << 1 | (entry.writable ? 1 : 0))
            }
        }
        for thread in threads { thread.encode(into: &out) }
        for holder in holders { out.append(UInt8(truncatingIfNeeded: (holder ?? -1) + 1)) }
        return out
    }
}
