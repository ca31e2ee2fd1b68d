// The checks of `checkInvariants()` as one walk over the storage that answers yes or no and
// builds no message: the explaining walk, with its bound checks and `describe` strings at
// every node, then runs only on a tree this one refuses.

extension RedBlackTree {
    /// Whether every check of `checkInvariants()` passes and every live node holds a value
    /// `valueMatches` accepts with its key. False says nothing more: `checkInvariants()` decides
    /// and explains. Each check here is one of its checks, or stricter.
    func invariantsHold(_ valueMatches: (Key, Value) -> Bool) -> Bool {
        let root = root, liveCount = liveCount, freeHead = freeHead
        return nodes.elements.withUnsafeBufferPointer { nodes -> Bool in
            let slots = nodes.count
            func isLive(_ n: Int32) -> Bool { n >= 0 && Int(n) < slots && nodes[Int(n)].color != .free }
            // The link from node `n` (of colour `color`) down to `child` and back, not both red.
            func linkHolds(_ child: Int32, of n: Int32, _ color: Color) -> Bool {
                guard child != Self.null else { return true }
                return isLive(child) && nodes[Int(child)].parent == n && !(color == .red && nodes[Int(child)].color == .red)
            }
            var reached = 0
            // The black height of the subtree at `n` (the nil leaves count 0), its keys strictly
            // between the bounds; -1 when a check fails.
            func blackHeight(_ n: Int32, above lower: Key?, below upper: Key?) -> Int {
                guard n != Self.null else { return 0 }
                reached += 1
                guard reached <= slots else { return -1 }
                let node = nodes[Int(n)]
                if let lower, node.key <= lower { return -1 }
                if let upper, node.key >= upper { return -1 }
                guard let value = node.value, valueMatches(node.key, value) else { return -1 }
                guard linkHolds(node.left, of: n, node.color), linkHolds(node.right, of: n, node.color) else { return -1 }
                let left = blackHeight(node.left, above: lower, below: node.key)
                guard left >= 0 else { return -1 }
                let right = blackHeight(node.right, above: node.key, below: upper)
                guard right == left else { return -1 }
                return left + (node.color == .black ? 1 : 0)
            }
            if root != Self.null {
                guard isLive(root), nodes[Int(root)].parent == Self.null, nodes[Int(root)].color == .black else { return false }
            }
            guard blackHeight(root, above: nil, below: nil) >= 0, reached == liveCount else { return false }
            // The free list: every slot not in the tree, once, each cleared.
            let expected = slots - liveCount
            var length = 0
            var slot = freeHead
            while slot != Self.null {
                guard slot >= 0 && Int(slot) < slots, nodes[Int(slot)].color == .free, nodes[Int(slot)].value == nil else { return false }
                length += 1
                guard length <= expected else { return false }
                slot = nodes[Int(slot)].left
            }
            return length == expected
        }
    }
}
