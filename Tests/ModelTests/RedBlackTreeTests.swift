import Model
import Testing

/// The reference the tree is compared with: entries sorted by key.
struct SortedArrayOracle {
    var entries: [(key: UInt64, value: String)] = []

    /// The position of the first entry whose key is >= key.
    func lowerBound(_ key: UInt64) -> Int {
        var low = 0
        var high = entries.count
        while low < high {
            let mid = (low + high) / 2
            if entries[mid].key < key { low = mid + 1 } else { high = mid }
        }
        return low
    }

    func find(_ key: UInt64) -> Int? {
        let i = lowerBound(key)
        return i < entries.count && entries[i].key == key ? i : nil
    }

    func floor(_ key: UInt64) -> UInt64? {
        let i = lowerBound(key)
        if i < entries.count && entries[i].key == key { return key }
        return i > 0 ? entries[i - 1].key : nil
    }

    func ceiling(_ key: UInt64) -> UInt64? {
        let i = lowerBound(key)
        return i < entries.count ? entries[i].key : nil
    }

    mutating func insert(_ value: String, forKey key: UInt64) {
        entries.insert((key, value), at: lowerBound(key))
    }

    mutating func remove(forKey key: UInt64) -> String? {
        guard let i = find(key) else { return nil }
        return entries.remove(at: i).value
    }
}

/// Records the checker's message and the tree's shape as an issue; returns
/// whether the tree was valid, so that a long run can stop at its first fault.
func expectValid<V>(_ tree: RedBlackTree<V>, _ context: @autoclosure () -> String = "",
                    sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
    do {
        try tree.checkInvariants()
        return true
    } catch {
        Issue.record("\(context()) \(error.kind): \(error.message)\n\(tree.debugShape)",
                     sourceLocation: sourceLocation)
        return false
    }
}

/// Runs `checkInvariants()` and returns what it threw, or nil.
func violation<V>(_ tree: RedBlackTree<V>) -> TreeInvariantViolation? {
    do {
        try tree.checkInvariants()
        return nil
    } catch {
        return error
    }
}

/// A tree with `keys` inserted in order, each value "v<key>".
func makeTree(_ keys: [UInt64]) -> RedBlackTree<String> {
    var tree = RedBlackTree<String>()
    for key in keys { tree.insert("v\(key)", forKey: key) }
    return tree
}

@Suite struct RedBlackTreeTests {
    @Test func emptyTree() throws {
        var tree = RedBlackTree<String>()
        #expect(tree.isEmpty)
        #expect(tree.count == 0)
        #expect(tree.first == nil && tree.last == nil)
        #expect(tree.find(0) == nil)
        #expect(tree.floor(UInt64.max) == nil)
        #expect(tree.ceiling(0) == nil)
        #expect(tree.remove(forKey: 0x1000) == nil)
        #expect(Array(tree.keys).isEmpty)
        #expect(Array(tree.values).isEmpty)
        #expect(tree.capacitySlots == 0)
        try tree.checkInvariants()
    }

    @Test func singleNodeAndExtremeKeys() throws {
        var tree = RedBlackTree<String>()
        let zero = tree.insert("zero", forKey: 0)
        let top = tree.insert("top", forKey: UInt64.max)
        try tree.checkInvariants()
        #expect(tree.first == zero && tree.last == top)
        #expect(tree.floor(0) == zero && tree.floor(UInt64.max - 1) == zero)
        #expect(tree.ceiling(1) == top && tree.ceiling(UInt64.max) == top)
        #expect(try tree.successor(of: zero) == top && tree.successor(of: top) == nil)
        #expect(try tree.predecessor(of: top) == zero && tree.predecessor(of: zero) == nil)
        #expect(try tree[zero] == "zero" && tree.key(at: top) == UInt64.max)
        #expect(tree.remove(forKey: 0) == "zero")
        #expect(tree.floor(UInt64.max - 1) == nil)
        try tree.checkInvariants()
    }

    /// Thousands of random inserts, removes and value updates against a
    /// sorted-array oracle, with `checkInvariants()` after every operation.
    @Test(arguments: [1, 2, 0xC0FFEE] as [UInt64])
    func randomOperationsMatchOracle(seed: UInt64) throws {
        var rng = TestRandom(seed: seed)
        var tree = RedBlackTree<String>()
        var oracle = SortedArrayOracle()
        var handles: [UInt64: RedBlackTree<String>.Index] = [:]
        let pages: UInt64 = 300  // keys are page-aligned base addresses in [0, pages)
        func randomKey() -> UInt64 { rng.next(upperBound: pages) << 12 }

        for step in 0..<2500 {
            let key = randomKey()
            switch rng.next(upperBound: 10 as UInt64) {
            case 0..<5:  // insert, as callers do: only if absent
                if let i = tree.find(key) {
                    #expect(oracle.find(key) != nil, "step \(step): found absent key \(key)")
                    #expect(try tree.key(at: i) == key)
                } else {
                    #expect(oracle.find(key) == nil, "step \(step): lost key \(key)")
                    let i = tree.insert("v\(key)", forKey: key)
                    oracle.insert("v\(key)", forKey: key)
                    handles[key] = i
                    #expect(try tree.key(at: i) == key && tree[i] == "v\(key)")
                }
            case 5..<9:
                let removed = tree.remove(forKey: key)
                #expect(removed == oracle.remove(forKey: key), "step \(step): remove \(key)")
                handles[key] = nil
            default:  // update a value in place through its handle
                if let i = tree.find(key) {
                    tree[i] += "'"
                    oracle.entries[oracle.find(key)!].value += "'"
                }
            }

            guard expectValid(tree, "seed \(seed) step \(step):") else { return }
            #expect(tree.count == oracle.entries.count)
            #expect(tree.isEmpty == oracle.entries.isEmpty)
            #expect(try tree.first.map { try tree.key(at: $0) } == oracle.entries.first?.key)
            #expect(try tree.last.map { try tree.key(at: $0) } == oracle.entries.last?.key)
            for _ in 0..<3 {
                let probe = rng.next(upperBound: (pages + 2) << 12)
                #expect(try tree.floor(probe).map { try tree.key(at: $0) } == oracle.floor(probe), "floor(\(probe))")
                #expect(try tree.ceiling(probe).map { try tree.key(at: $0) } == oracle.ceiling(probe), "ceiling(\(probe))")
                #expect((tree.find(probe) != nil) == (oracle.find(probe) != nil), "find(\(probe))")
            }
            // Handles stay valid across other inserts and removes.
            if let (key, i) = handles.randomElement(using: &rng) {
                #expect(try tree.key(at: i) == key, "step \(step): handle for \(key) moved")
                let position = oracle.find(key)!
                let next = try tree.successor(of: i).map { try tree.key(at: $0) }
                let previous = try tree.predecessor(of: i).map { try tree.key(at: $0) }
                #expect(next == (position + 1 < oracle.entries.count ? oracle.entries[position + 1].key : nil))
                #expect(previous == (position > 0 ? oracle.entries[position - 1].key : nil))
            }
            if step % 50 == 0 {
                #expect(Array(tree.keys) == oracle.entries.map(\.key), "step \(step): in-order keys")
                #expect(Array(tree.values) == oracle.entries.map(\.value), "step \(step): in-order values")
            }
        }
        #expect(Array(tree.keys) == oracle.entries.map(\.key))
        #expect(tree.capacitySlots <= Int(pages))
    }

    /// Sorted input is the worst case for an unbalanced tree; walk it both
    /// ways with successor/predecessor.
    @Test func ascendingAndDescendingRuns() throws {
        let keys = (0..<1000 as Range<UInt64>).map { $0 << 12 }
        var tree = makeTree(keys)
        try tree.checkInvariants()
        var walked: [UInt64] = []
        var i = tree.first
        while let current = i {
            walked.append(try tree.key(at: current))
            i = try tree.successor(of: current)
        }
        #expect(walked == keys)
        walked = []
        i = tree.last
        while let current = i {
            walked.append(try tree.key(at: current))
            i = try tree.predecessor(of: current)
        }
        #expect(walked == keys.reversed())

        // Remove from the top down, then refill descending.
        for key in keys.reversed() where key % 0x3000 != 0 {
            #expect(tree.remove(forKey: key) == "v\(key)")
        }
        try tree.checkInvariants()
        #expect(Array(tree.keys) == keys.filter { $0 % 0x3000 == 0 })
        for key in keys.reversed() where key % 0x3000 != 0 {
            tree.insert("v\(key)", forKey: key)
        }
        try tree.checkInvariants()
        #expect(Array(tree.keys) == keys)
        #expect(tree.capacitySlots == keys.count)
    }

    @Test func copiesAreIndependent() throws {
        let keys = (1...64 as ClosedRange<UInt64>).map { $0 * 0x1000 }
        var original = makeTree(keys)
        let snapshot = original
        var copy = original

        copy.remove(forKey: 0x5000)
        copy.insert("new", forKey: 0x5_5000)
        copy[copy.find(0x1000)!] = "changed"
        copy.removeAll()
        #expect(copy.isEmpty && copy.capacitySlots == 0)

        #expect(Array(original.keys) == keys)
        #expect(Array(original.values) == keys.map { "v\($0)" })
        try original.checkInvariants()

        original.remove(forKey: 0x2000)
        original[original.find(0x3000)!] = "mutated"
        #expect(Array(snapshot.keys) == keys)
        #expect(snapshot[snapshot.find(0x3000)!] == "v\(0x3000)")
        #expect(snapshot.find(0x2000) != nil)
        try snapshot.checkInvariants()
        try original.checkInvariants()
    }

    @Test func freeSlotsAreReused() throws {
        var tree = RedBlackTree<String>()
        var rng = TestRandom(seed: 7)
        for cycle in 0..<20 {
            // A different set of 100 keys each cycle, inserted and removed in
            // random order.
            let keys = (0..<100 as Range<UInt64>).map { (UInt64(cycle) << 32) | ($0 << 12) }
            for key in keys.shuffled(using: &rng) { tree.insert("v\(key)", forKey: key) }
            try tree.checkInvariants()
            #expect(tree.count == 100)
            for key in keys.shuffled(using: &rng) { #expect(tree.remove(forKey: key) == "v\(key)") }
            try tree.checkInvariants()
            #expect(tree.isEmpty)
            #expect(tree.capacitySlots == 100, "cycle \(cycle)")
        }
        // A removed slot is reused by the next insert.
        let a = tree.insert("a", forKey: 1)
        tree.insert("b", forKey: 2)
        tree.remove(forKey: 1)
        let c = tree.insert("c", forKey: 3)
        #expect(c == a)
        #expect(tree.capacitySlots == 100)
        tree.removeAll()
        #expect(tree.capacitySlots == 0 && tree.isEmpty && tree.first == nil)
        try tree.checkInvariants()
        tree.insert("after", forKey: 9)
        #expect(Array(tree.values) == ["after"])
    }

    @Test func removingAbsentKeysReturnsNil() throws {
        var tree = makeTree([0x1000, 0x3000, 0x5000])
        let shape = tree.debugShape
        for key: UInt64 in [0, 0x2000, 0x4000, 0x6000, 0x1001, UInt64.max] {
            #expect(tree.remove(forKey: key) == nil)
        }
        #expect(tree.count == 3)
        #expect(tree.debugShape == shape)
        #expect(tree.remove(forKey: 0x3000) == "v\(0x3000)")
        #expect(tree.remove(forKey: 0x3000) == nil)
        try tree.checkInvariants()
    }

    @Test func debugShapeShowsKeysColoursAndShape() {
        let tree = makeTree([0x1000, 0x2000, 0x3000])
        #expect(tree.debugShape == """
            RedBlackTree: count 3, 3 slots, root 1, free list []
            B 0x2000 #1
              L R 0x1000 #0
              R R 0x3000 #2

            """)
    }

    @Test func duplicateInsertTraps() async {
        await #expect(processExitsWith: .failure) {
            var tree = RedBlackTree<Int>()
            tree.insert(1, forKey: 0x1000)
            tree.insert(2, forKey: 0x1000)
        }
    }
}

/// The checker must fire on broken trees, and say where.
@Suite struct RedBlackTreeInvariantCheckerTests {
    // Inserting 0x1000, 0x2000, 0x3000 gives a black root 0x2000 (slot 1)
    // with red children 0x1000 (slot 0) and 0x3000 (slot 2). A fourth key
    // 0x4000 (slot 3) recolours: root and 0x2000's children black, 0x4000 red.
    let three = makeTree([0x1000, 0x2000, 0x3000])
    let four = makeTree([0x1000, 0x2000, 0x3000, 0x4000])

    @Test func validTreesPass() throws {
        try three.checkInvariants()
        try four.checkInvariants()
    }

    @Test func redRootIsReported() {
        var tree = three
        tree._corruptForTesting(.flipColor(tree.find(0x2000)!))
        let v = violation(tree)
        #expect(v?.kind == .rootNotBlack)
        #expect(v?.message == "the root node 1 (key 0x2000) is red")
    }

    @Test func redRedIsReported() {
        var tree = four
        tree._corruptForTesting(.flipColor(tree.find(0x3000)!))  // black -> red, above red 0x4000
        let v = violation(tree)
        #expect(v?.kind == .redNodeWithRedChild)
        #expect(v?.message == "node 2 (key 0x3000) is red and its right child 3 (key 0x4000) is red")
    }

    @Test func blackHeightMismatchIsReported() {
        var tree = three
        tree._corruptForTesting(.flipColor(tree.find(0x1000)!))  // red -> black on one side only
        let v = violation(tree)
        #expect(v?.kind == .blackHeightMismatch)
        #expect(v?.message.hasPrefix("node 1 (key 0x2000)") == true)
    }

    @Test func keyOutOfOrderIsReported() {
        var tree = four
        tree._corruptForTesting(.setKey(tree.find(0x4000)!, to: 0x1800))
        let v = violation(tree)
        #expect(v?.kind == .keyOutOfOrder)
        #expect(v?.message == "node 3 (key 0x1800) is in the right subtree of node 2 (key 0x3000) but its key is not greater")

        var equal = four
        equal._corruptForTesting(.setKey(equal.find(0x1000)!, to: 0x2000))
        #expect(violation(equal)?.kind == .keyOutOfOrder)
    }

    @Test func wrongCountIsReported() {
        var tree = four
        tree._corruptForTesting(.adjustCount(by: 1))
        let v = violation(tree)
        #expect(v?.kind == .countMismatch)
        #expect(v?.message == "count is 5 but 4 nodes are reachable from the root")
    }

    @Test func brokenParentLinkIsReported() {
        var tree = four
        tree._corruptForTesting(.setParent(of: tree.find(0x4000)!, to: tree.find(0x1000)!))
        let v = violation(tree)
        #expect(v?.kind == .brokenParentLink)
        #expect(v?.message == "node 3 (key 0x4000) is the right child of node 2 (key 0x3000) but its parent link is 0")
    }

    @Test func corruptFreeListIsReported() {
        var tree = four
        tree.remove(forKey: 0x1000)  // slot 0 is now free
        #expect(violation(tree) == nil)

        var liveOnList = tree
        liveOnList._corruptForTesting(.setFreeListHead(liveOnList.find(0x3000)!))
        #expect(violation(liveOnList)?.kind == .freeListCorrupt)
        #expect(violation(liveOnList)?.message.contains("node 2 (key 0x3000), which is a live") == true)

        var lostSlot = tree
        lostSlot._corruptForTesting(.setFreeListHead(nil))
        #expect(violation(lostSlot)?.kind == .freeListCorrupt)
        #expect(violation(lostSlot)?.message.contains("1 slots are lost") == true)
    }
}

extension RedBlackTree {
    /// The tests' shorthand for a handle they have just taken from the tree (a stale one fails
    /// the test by trapping, which is the test's own assumption, not the model's).
    subscript(i: Index) -> Value {
        get { try! value(at: i) }
        set { try! setValue(newValue, at: i) }
    }
}
