// Invariants: a full walk that says where and what is wrong, a debug dump, and
// a test-only hook to break a tree on purpose so tests can prove the checker
// fires.

/// The first structural problem `RedBlackTree.checkInvariants()` found.
public struct TreeInvariantViolation: Error, Sendable, CustomStringConvertible, Equatable {
    public enum Kind: String, Sendable {
        case rootNotBlack
        case redNodeWithRedChild
        case blackHeightMismatch
        case keyOutOfOrder
        case brokenParentLink
        case countMismatch
        case freeListCorrupt
    }

    public let kind: Kind
    /// Says where and what, e.g. "node 7 (key 0x13000) is red and its left
    /// child 9 (key 0x12000) is red".
    public let message: String

    public init(kind: Kind, message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }
}

extension RedBlackTree {
    /// Walks the whole tree and throws the first problem found (colours,
    /// black height, order, parent links, count, free list). O(capacitySlots).
    public func checkInvariants() throws(TreeInvariantViolation) {
        if root != Self.null {
            try checkSlot(root, reachedAs: "the root")
            if nodes[Int(root)].parent != Self.null {
                throw TreeInvariantViolation(
                    kind: .brokenParentLink,
                    message: "the root \(describe(root)) has parent \(nodes[Int(root)].parent), expected none")
            }
            if nodes[Int(root)].color != .black {
                throw TreeInvariantViolation(
                    kind: .rootNotBlack, message: "the root \(describe(root)) is red")
            }
        }

        var reached = 0
        _ = try checkSubtree(root, lowerBound: Self.null, upperBound: Self.null, reached: &reached)
        if reached != liveCount {
            throw TreeInvariantViolation(
                kind: .countMismatch,
                message: "count is \(liveCount) but \(reached) nodes are reachable from the root")
        }

        try checkFreeList()
    }

    /// Checks that `n` is a live slot in storage; `role` says how it was reached.
    private func checkSlot(_ n: Int32, reachedAs role: @autoclosure () -> String)
        throws(TreeInvariantViolation)
    {
        guard n >= 0 && Int(n) < nodes.count else {
            throw TreeInvariantViolation(
                kind: .brokenParentLink,
                message: "\(role()) is index \(n), outside storage of \(nodes.count) slots")
        }
        if nodes[Int(n)].color == .free {
            throw TreeInvariantViolation(
                kind: .freeListCorrupt,
                message: "\(role()) is slot \(n), which is marked free")
        }
    }

    /// Checks the subtree at `n` (a live slot, or `null`) and returns its black
    /// height, counting the nil leaves as 0. Every key in it must lie strictly
    /// between the keys of `lowerBound` and `upperBound` (ancestors, or `null`
    /// for no bound). `reached` counts the nodes visited.
    private func checkSubtree(
        _ n: Int32, lowerBound: Int32, upperBound: Int32, reached: inout Int
    ) throws(TreeInvariantViolation) -> Int {
        guard n != Self.null else { return 0 }
        reached += 1
        if reached > nodes.count {
            throw TreeInvariantViolation(
                kind: .brokenParentLink,
                message: "more nodes are reachable from the root than there are slots (\(nodes.count)): the links form a cycle")
        }
        let node = nodes[Int(n)]

        if lowerBound != Self.null && node.key <= nodes[Int(lowerBound)].key {
            throw TreeInvariantViolation(
                kind: .keyOutOfOrder,
                message: "\(describe(n)) is in the right subtree of \(describe(lowerBound)) but its key is not greater")
        }
        if upperBound != Self.null && node.key >= nodes[Int(upperBound)].key {
            throw TreeInvariantViolation(
                kind: .keyOutOfOrder,
                message: "\(describe(n)) is in the left subtree of \(describe(upperBound)) but its key is not less")
        }

        try checkChild(node.left, side: "left", of: n)
        try checkChild(node.right, side: "right", of: n)

        let leftHeight = try checkSubtree(node.left, lowerBound: lowerBound, upperBound: n, reached: &reached)
        let rightHeight = try checkSubtree(node.right, lowerBound: n, upperBound: upperBound, reached: &reached)
        if leftHeight != rightHeight {
            throw TreeInvariantViolation(
                kind: .blackHeightMismatch,
                message: "\(describe(n)): its left subtree has black height \(leftHeight) but its right subtree has \(rightHeight)")
        }
        return leftHeight + (node.color == .black ? 1 : 0)
    }

    /// Checks the link from live node `n` down to `child` (if any) and back,
    /// and that they are not both red.
    private func checkChild(_ child: Int32, side: StaticString, of n: Int32)
        throws(TreeInvariantViolation)
    {
        guard child != Self.null else { return }
        try checkSlot(child, reachedAs: "the \(side) child of \(describe(n))")
        let childParent = nodes[Int(child)].parent
        if childParent != n {
            throw TreeInvariantViolation(
                kind: .brokenParentLink,
                message: "\(describe(child)) is the \(side) child of \(describe(n)) but its parent link is \(childParent)")
        }
        if nodes[Int(n)].color == .red && nodes[Int(child)].color == .red {
            throw TreeInvariantViolation(
                kind: .redNodeWithRedChild,
                message: "\(describe(n)) is red and its \(side) child \(describe(child, named: false)) is red")
        }
    }

    /// Every slot not in the tree must be on the free list exactly once, and
    /// every free-list entry must be a cleared, free slot.
    private func checkFreeList() throws(TreeInvariantViolation) {
        let expected = nodes.count - liveCount
        var slot = freeHead
        var length = 0
        while slot != Self.null {
            guard slot >= 0 && Int(slot) < nodes.count else {
                throw TreeInvariantViolation(
                    kind: .freeListCorrupt,
                    message: "free-list entry \(length) is index \(slot), outside storage of \(nodes.count) slots")
            }
            let node = nodes[Int(slot)]
            if node.color != .free {
                throw TreeInvariantViolation(
                    kind: .freeListCorrupt,
                    message: "free-list entry \(length) is \(describe(slot)), which is a live \(node.color) node")
            }
            if node.value != nil {
                throw TreeInvariantViolation(
                    kind: .freeListCorrupt,
                    message: "free-list entry \(length) is slot \(slot), which still holds a value")
            }
            length += 1
            if length > expected {
                throw TreeInvariantViolation(
                    kind: .freeListCorrupt,
                    message: "the free list has more than \(expected) entries (\(nodes.count) slots, \(liveCount) live): it has a cycle")
            }
            slot = node.left
        }
        if length != expected {
            throw TreeInvariantViolation(
                kind: .freeListCorrupt,
                message: "the free list has \(length) entries but \(nodes.count) slots with \(liveCount) live leave \(expected) free: \(expected - length) slots are lost")
        }
    }

    /// "node 7 (key 0x13000)", or "7 (key 0x13000)" when `named` is false.
    func describe(_ n: Int32, named: Bool = true) -> String {
        let prefix = named ? "node \(n)" : "\(n)"
        guard n >= 0 && Int(n) < nodes.count else { return "\(prefix) (outside storage)" }
        return "\(prefix) (key 0x\(String(nodes[Int(n)].key, radix: 16)))"
    }

    /// A textual dump for debugging: a header, then one line per node in
    /// pre-order, "B 0x2000 #0" (colour, key, slot), indented by depth with
    /// "L"/"R" saying which child it is. Safe on a corrupted tree: bad indices
    /// and cycles are printed, not followed.
    public var debugShape: String {
        var freeSlots: [Int32] = []
        var slot = freeHead
        while slot >= 0 && Int(slot) < nodes.count && freeSlots.count < nodes.count {
            freeSlots.append(slot)
            slot = nodes[Int(slot)].left
        }
        var out = "RedBlackTree: count \(liveCount), \(nodes.count) slots, root \(root), free list \(freeSlots)\n"
        var budget = nodes.count
        func dump(_ n: Int32, indent: String, label: String) {
            guard n != Self.null else { return }
            out += indent + label
            guard n >= 0 && Int(n) < nodes.count else {
                out += "<bad index \(n)>\n"
                return
            }
            guard budget > 0 else {
                out += "… (more nodes than slots: cycle)\n"
                return
            }
            budget -= 1
            let node = nodes[Int(n)]
            let color: String
            switch node.color {
            case .red: color = "R"
            case .black: color = "B"
            case .free: color = "FREE"
            }
            out += "\(color) 0x\(String(node.key, radix: 16)) #\(n)\n"
            dump(node.left, indent: indent + "  ", label: "L ")
            dump(node.right, indent: indent + "  ", label: "R ")
        }
        dump(root, indent: "", label: "")
        return out
    }
}

// MARK: - Test-only corruption hook

extension RedBlackTree {
    /// Ways to break a tree on purpose. Test-only: see `_corruptForTesting`.
    public enum _TestCorruption: Sendable {
        /// Turns a red node black or a black node red.
        case flipColor(Index)
        /// Overwrites a node's key in place, without moving the node.
        case setKey(Index, to: Key)
        /// Adds `by` to the stored count.
        case adjustCount(by: Int)
        /// Overwrites a node's parent link (`nil` = none).
        case setParent(of: Index, to: Index?)
        /// Overwrites the head of the free list (`nil` = empty).
        case setFreeListHead(Index?)
        /// Frees a node's slot without unlinking it: its parent still points at it (a removal
        /// that forgot its transplant).
        case freeWithoutUnlinking(Index)
    }

    /// Test-only seam: breaks the tree so that tests can show that
    /// `checkInvariants()` detects the damage. Never call it from model code;
    /// a corrupted tree may trap or loop in the other operations.
    public mutating func _corruptForTesting(_ corruption: _TestCorruption) {
        switch corruption {
        case .flipColor(let i):
            nodes[Int(i.raw)].color = nodes[Int(i.raw)].color == .red ? .black : .red
        case .setKey(let i, let key):
            nodes[Int(i.raw)].key = key
        case .adjustCount(let delta):
            liveCount += delta
        case .setParent(let i, let parent):
            nodes[Int(i.raw)].parent = parent?.raw ?? Self.null
        case .setFreeListHead(let head):
            freeHead = head?.raw ?? Self.null
        case .freeWithoutUnlinking(let i):
            _ = freeNode(i.raw)
            liveCount -= 1
        }
    }
}
