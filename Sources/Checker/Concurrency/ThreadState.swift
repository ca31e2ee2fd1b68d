import Model

/// One thread, on its own CPU: which operation it is inside (if any), how far it got, the locks
/// it holds (in the order taken) and what its steps found so far.
public struct ThreadState: Sendable, Hashable {
    /// The operation's letter in the concurrent alphabet; nil when the thread is in user space.
    public var letter: Int?
    /// Index of the next step of the operation's program.
    public var pc = 0
    /// Locks held, in the order taken.
    public var held: [KernelLock] = []
    /// After an error (or a TLB hit that needs no fault path): release what is held, then return.
    public var unwinding = false
    /// The range `find hole` chose, for the later steps of mmap.
    public var found: VirtualRange?
    /// What the operation returns, once known ("0x10000", "ENOMEM", "ok"); shown, not compared.
    public var result: String?
    /// A property the thread's own step saw violated (placement-atomicity at insert).
    public var violation: Violation?

    public init() {}

    public var isIdle: Bool { letter == nil }

    /// The state key: what decides the thread's future (the shown result does not).
    func encode(into out: inout [UInt8]) {
        let code = (letter ?? -1) + 1
        out.append(UInt8(truncatingIfNeeded: code))
        out.append(UInt8(truncatingIfNeeded: code >> 8))
        out.append(UInt8(truncatingIfNeeded: pc))
        out.append(unwinding ? 1 : 0)
        out.append(UInt8(held.count))
        for lock in held { out.append(UInt8(lock.rawValue)) }
        if let found {
            out.append(1)
            out.appendWord(found.base)
            out.appendWord(found.size)
        } else {
            out.append(0)
        }
        out.append(violation == nil ? 0 : 1)
    }
}

extension Array where Element == UInt8 {
    /// Eight bytes, little-endian: the concurrent state key's only number format.
    mutating func appendWord(_ value: UInt64) {
        for shift in stride(from: 0, to: 64, by: 8) { append(UInt8(truncatingIfNeeded: value >> UInt64(shift))) }
    }
}
