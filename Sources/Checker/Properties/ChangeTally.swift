/// Per-key sums of the changes a step's windows make to a count (an object's references, a
/// frame's owners), found without a heap allocation for the few keys a step names: the changes
/// go into a buffer on the stack, sorted by key, and each key's changes are summed.
enum ChangeTally {
    /// One change to one key's count (0: the key is named, its count unchanged by this entry).
    struct Change {
        var key: UInt64
        var amount: Int
    }

    /// Whether `judge` accepts every key `fill` names, with the sum of that key's changes; keys
    /// ascending, each once, stopping at the first refusal. `fill` adds at most `capacity` changes.
    static func sums(capacity: Int, _ fill: ((UInt64, Int) -> Void) -> Void, allSatisfy judge: (_ key: UInt64, _ sum: Int) -> Bool) -> Bool {
        guard capacity > 0 else { return true }
        return withUnsafeTemporaryAllocation(of: Change.self, capacity: capacity) { buffer in
            var count = 0
            fill { key, amount in
                precondition(count < capacity, "more changes than the tally was given room for")
                buffer.initializeElement(at: count, to: Change(key: key, amount: amount))
                count += 1
            }
            var changes = UnsafeMutableBufferPointer(rebasing: buffer[..<count])
            if count > 1 { changes.sort { $0.key < $1.key } }
            var i = 0
            while i < count {
                let key = changes[i].key
                var sum = 0
                while i < count && changes[i].key == key {
                    sum += changes[i].amount
                    i += 1
                }
                if !judge(key, sum) { return false }
            }
            return true
        }
    }
}
