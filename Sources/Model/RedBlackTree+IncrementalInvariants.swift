// Invariants judged by what one operation wrote: the slots its journal recorded (`TreeWrites`),
// their nodes before, and the tree's scalars before. Sound, not complete: true only when the
// tree certainly keeps every invariant `checkInvariants()` checks, given that it kept them
// before the operation; false whenever it cannot be sure (the caller then walks the whole
// tree, which gives the verdict and the explanation). O(w log n) for w written slots.

extension RedBlackTree {
    /// Whether every invariant of `checkInvariants()` certainly holds now, given that it held
    /// before the operation `writes` recorded and that this tree is the state right after it.
    func invariantsCertainlyHold(after writes: TreeWrites<Node>) -> Bool {
        guard scalars == writes.after else { return false }
        var check = IncrementalCheck(tree: self, writes: writes)
        return check.holds()
    }

    /// Whether every slot `writes` recorded that is live now has the key `keyMatches` expects;
    /// the slots nothing wrote keep the keys and values they had.
    func writtenLiveSlots(of writes: TreeWrites<Node>, allSatisfy keyMatches: (Key, Value) -> Bool) -> Bool {
        for slot in writes.slots where Int(slot) < nodes.count {
            let node = nodes[Int(slot)]
            guard node.color != .free else { continue }
            guard let value = node.value, keyMatches(node.key, value) else { return false }
        }
        return true
    }
}

/// One incremental judgement: `holds()` walks from the root through the written slots and their
/// ancestors only, taking every subtree nothing wrote as it was (valid, because it was valid and
/// none of its nodes changed).
private struct IncrementalCheck<Value: Sendable> {
    typealias Tree = RedBlackTree<Value>
    let tree: Tree
    let writes: TreeWrites<Tree.Node>
    /// Written slot → its position in `writes`.
    var written: [Int32: Int] = [:]
    /// The written live nodes and their ancestors: the part of the tree walked node by node.
    var touched: Set<Int32> = []

    init(tree: Tree, writes: TreeWrites<Tree.Node>) {
        self.tree = tree
        self.writes = writes
        for (i, slot) in writes.slots.enumerated() { written[slot] = i }
    }

    var nodes: JournaledArray<Tree.Node> { tree.nodes }
    static var null: Int32 { -1 }

    func isWritten(_ n: Int32) -> Bool { written[n] != nil }

    func isLiveSlot(_ n: Int32) -> Bool { n >= 0 && Int(n) < nodes.count && nodes[Int(n)].color != .free }

    mutating func holds() -> Bool {
        guard markTouched(), everyLiveNodeIsReachable(), countAddsUp(), freeListHolds() else { return false }
        if tree.root == Self.null { return tree.liveCount == 0 }
        guard isLiveSlot(tree.root) else { return false }
        let root = nodes[Int(tree.root)]
        guard root.parent == Self.null, root.color == .black else { return false }
        return blackHeight(tree.root, lowerBound: nil, upperBound: nil) != nil
    }

    /// Walks up from every written live node to the root, checking each link both ways, and
    /// collects the nodes passed (`touched`). A chain that does not end at the root, or loops,
    /// is not certain.
    mutating func markTouched() -> Bool {
        for slot in writes.slots where isLiveSlot(slot) {
            var n = slot
            var steps = 0
            while !touched.contains(n) {
                touched.insert(n)
                let parent = nodes[Int(n)].parent
                if parent == Self.null {
                    guard n == tree.root else { return false }
                    break
                }
                guard isLiveSlot(parent), nodes[Int(parent)].left == n || nodes[Int(parent)].right == n else { return false }
                steps += 1
                guard steps <= nodes.count else { return false }
                n = parent
            }
        }
        if tree.root != Self.null { touched.insert(tree.root) }
        return true
    }

    /// A node nothing wrote keeps its parent link, and its parent (if unwritten) its child link;
    /// so it is still reachable when the first written node above it still links down to the
    /// unwritten node below: checked at every written node's old children, and at the old root.
    func everyLiveNodeIsReachable() -> Bool {
        if writes.before.root != Self.null, !isWritten(writes.before.root), writes.before.root != tree.root { return false }
        for (i, slot) in writes.slots.enumerated() {
            guard let old = writes.oldNodes[i], old.color != .free else { continue }
            for child in [old.left, old.right] where child != Self.null && !isWritten(child) {
                guard isLiveSlot(slot), nodes[Int(slot)].left == child || nodes[Int(slot)].right == child else { return false }
            }
            // An unwritten parent still links down to this slot: it must still be its child, so
            // that no unwritten subtree hides a written node.
            if old.parent != Self.null, !isWritten(old.parent) {
                guard isLiveSlot(slot), nodes[Int(slot)].parent == old.parent else { return false }
            }
        }
        return true
    }

    /// The live count changed by exactly the written slots that became live or free.
    func countAddsUp() -> Bool {
        var live = writes.before.liveCount
        for (i, slot) in writes.slots.enumerated() {
            let wasLive = writes.oldNodes[i].map { $0.color != .free } ?? false
            if wasLive { live -= 1 }
            if isLiveSlot(slot) { live += 1 }
        }
        return live == tree.liveCount
    }

    /// The free list is used as a stack: written free slots pushed on top of an unwritten rest
    /// that was the old list's rest (slots popped from its top were written). Checks that shape
    /// and the length; anything else (a slot freed or taken deeper down) is not certain.
    func freeListHolds() -> Bool {
        var freeWrittenNow = 0, freeWrittenBefore = 0
        for (i, slot) in writes.slots.enumerated() {
            if Int(slot) < nodes.count, nodes[Int(slot)].color == .free { freeWrittenNow += 1 }
            if let old = writes.oldNodes[i], old.color == .free { freeWrittenBefore += 1 }
        }
        // The new list's top, down to the first unwritten slot.
        var seen: Set<Int32> = []
        var slot = tree.freeHead
        while slot != Self.null, isWritten(slot) {
            guard Int(slot) < nodes.count, !seen.contains(slot) else { return false }
            let node = nodes[Int(slot)]
            guard node.color == .free, node.value == nil else { return false }
            seen.insert(slot)
            slot = node.left
        }
        let restNow = slot
        // The old list's top, down to the first unwritten slot (its links read as they were).
        var poppedBefore = 0
        slot = writes.before.freeHead
        while slot != Self.null, let i = written[slot] {
            guard let old = writes.oldNodes[i], old.color == .free, poppedBefore < writes.slots.count else { return false }
            poppedBefore += 1
            slot = old.left
        }
        guard slot == restNow, seen.count == freeWrittenNow, poppedBefore == freeWrittenBefore else { return false }
        if restNow != Self.null {
            guard Int(restNow) < nodes.count, nodes[Int(restNow)].color == .free else { return false }
        }
        let freeBefore = writes.before.slotCount - writes.before.liveCount
        return nodes.count - tree.liveCount == freeBefore - poppedBefore + seen.count
    }

    /// The black height of the subtree at `n`, walking only touched nodes; nil when an invariant
    /// fails (colours, links, order within the ancestors' bounds, black heights).
    func blackHeight(_ n: Int32, lowerBound: UInt64?, upperBound: UInt64?) -> Int? {
        guard n != Self.null else { return 0 }
        let node = nodes[Int(n)]
        if let lowerBound, node.key <= lowerBound { return nil }
        if let upperBound, node.key >= upperBound { return nil }
        var heights: [Int] = []
        for (child, lower, upper) in [(node.left, lowerBound, Optional(node.key)), (node.right, Optional(node.key), upperBound)] {
            guard child != Self.null else { heights.append(0); continue }
            guard isLiveSlot(child), nodes[Int(child)].parent == n else { return nil }
            if node.color == .red && nodes[Int(child)].color == .red { return nil }
            if touched.contains(child) {
                guard let h = blackHeight(child, lowerBound: lower, upperBound: upper) else { return nil }
                heights.append(h)
            } else {
                // Untouched: the subtree as it was, valid then; only its place can be wrong.
                guard let h = untouchedSubtree(child, lowerBound: lower, upperBound: upper) else { return nil }
                heights.append(h)
            }
        }
        guard heights[0] == heights[1] else { return nil }
        return heights[0] + (node.color == .black ? 1 : 0)
    }

    /// An untouched subtree's black height along one path, and its keys within the bounds (its
    /// smallest and largest keys, one descent each).
    func untouchedSubtree(_ n: Int32, lowerBound: UInt64?, upperBound: UInt64?) -> Int? {
        var height = 0
        var m = n
        var steps = 0
        while m != Self.null {
            if nodes[Int(m)].color == .black { height += 1 }
            m = nodes[Int(m)].left
            steps += 1
            if steps > nodes.count { return nil }
        }
        let smallest = nodes[Int(tree.minimum(under: n))].key
        let largest = nodes[Int(tree.maximum(under: n))].key
        if let lowerBound, smallest <= lowerBound { return nil }
        if let upperBound, largest >= upperBound { return nil }
        return height
    }
}
