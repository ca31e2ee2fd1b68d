/// One mark per property of a checker's list (whether its state part held), a bit each: the
/// checker sets about twenty a step, and each write to a `[Bool]` asked whether the array was
/// uniquely referenced. The first 64 live in one word; a longer list keeps the rest in an array.
struct PropertyMarks: Sendable {
    private var first: UInt64 = 0
    private var rest: [UInt64]

    /// `count` marks, all unset.
    init(count: Int) {
        rest = Array(repeating: 0, count: count > 64 ? (count - 64 + 63) / 64 : 0)
    }

    /// Inlined: called as a function, a write cost more than the array's.
    subscript(index: Int) -> Bool {
        @inline(__always) get {
            if index < 64 { return first & (1 << UInt64(index)) != 0 }
            let i = index - 64
            return rest[i / 64] & (1 << UInt64(i % 64)) != 0
        }
        @inline(__always) set {
            if index < 64 {
                if newValue { first |= 1 << UInt64(index) } else { first &= ~(1 << UInt64(index)) }
                return
            }
            let i = index - 64, bit: UInt64 = 1 << UInt64(i % 64)
            if newValue { rest[i / 64] |= bit } else { rest[i / 64] &= ~bit }
        }
    }

    /// Every mark unset.
    @inline(__always)
    mutating func clear() {
        first = 0
        for i in rest.indices { rest[i] = 0 }
    }
}
