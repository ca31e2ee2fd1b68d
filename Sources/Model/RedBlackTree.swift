// A red-black tree keyed by `UInt64`, stored as one array of small nodes.
//
// The model checker copies whole address-space states millions of times, so the
// tree is a value type whose only heap object is its node array: a copy is one
// retain, and copy-on-write happens only when a copy is mutated. Nodes are
// offsets into that array (like swift-collections' `_HeapNode`), linked by
// `Int32` indices with -1 as "no node"; there is no sentinel node. Removed slots
// go onto a free list (linked through `left`) and are reused by later inserts,
// so a state that inserts and removes the same number of regions keeps the
// same storage size.
//
// Facets:
// - this file: storage, rotations, lookups, in-order traversal;
// - `RedBlackTree+Insertion.swift`, `RedBlackTree+Removal.swift`: the updates
//   and their CLRS fix-ups;
// - `RedBlackTree+Invariants.swift`: `checkInvariants()`, `debugShape` and the
//   test-only corruption hook.

/// An ordered map from `UInt64` keys (region base addresses) to values.
public struct RedBlackTree<Value>: Sendable where Value: Sendable {
    public typealias Key = UInt64

    /// A node handle: valid until that node is removed.
    ///
    /// Removing one node does not move any other node, so a handle stays valid
    /// across other insertions and removals. After its node is removed the slot
    /// may be reused by a later insert, and the handle then names that new node.
    public struct Index: Hashable, Sendable {
        public let raw: Int32

        init(raw: Int32) { self.raw = raw }
    }

    /// A slot's state: a colour while it is in the tree, `free` while it is on
    /// the free list.
    enum Color: UInt8, Sendable {
        case red
        case black
        case free
    }

    /// One storage slot. Live slots hold a value; free slots hold `nil` (so a
    /// removed value is released at once) and link the free list by `left`.
    struct Node: Sendable {
        var key: Key
        var left: Int32
        var right: Int32
        var parent: Int32
        var color: Color
        var value: Value?
    }

    /// "No node": the nil child, the root's parent, the end of the free list.
    static var null: Int32 { -1 }

    /// Every slot ever allocated since the last `removeAll()`: live and free. Journaled, so an
    /// operation can be rolled back in place (`beginJournal()`).
    var nodes = JournaledArray<Node>()
    /// The root node, or `null` when the tree is empty.
    var root: Int32 = -1
    /// The most recently freed slot, or `null`.
    var freeHead: Int32 = -1
    /// The number of live nodes.
    var liveCount: Int = 0
    public init() {}

    public var count: Int { liveCount }

    public var isEmpty: Bool { liveCount == 0 }

    /// Number of storage slots (live + free), to measure memory.
    public var capacitySlots: Int { nodes.count }

    /// Whether this tree is `other` slot for slot, read from the storage alone: the same node
    /// storage (`JournaledArray.sharesStorage(with:)`) and the same root, free list and count.
    func isUnchangedCopy(of other: RedBlackTree) -> Bool {
        root == other.root && freeHead == other.freeHead && liveCount == other.liveCount && nodes.sharesStorage(with: other.nodes)
    }

    /// Removes every node and releases the storage.
    public mutating func removeAll() {
        nodes.removeAll()
        root = Self.null
        freeHead = Self.null
        liveCount = 0
    }
}

// MARK: - Journal

extension RedBlackTree {
    /// Where a rollback returns to: the nodes' journal length and the scalars beside them.
    struct JournalMark: Sendable {
        var nodes: Int
        var scalars: TreeScalars
    }

    var isJournaling: Bool { nodes.isJournaling }
    var journalMark: JournalMark {
        JournalMark(nodes: nodes.journalLength, scalars: scalars)
    }

    /// Starts recording every change, so `rollBack(to:)` can undo them in place.
    mutating func beginJournal() { nodes.beginJournal() }

    mutating func commitJournal() { nodes.commitJournal() }

    /// Each slot the open journal wrote, with its node when the journal opened (nil: a new slot);
    /// nil when not known (a `removeAll`).
    func journaledWrites() -> [(index: Int, old: Node?)]? { nodes.journaledFirstValues() }

    /// The tree's scalars now.
    var scalars: TreeScalars { TreeScalars(root: root, freeHead: freeHead, liveCount: liveCount, slotCount: nodes.count) }

    /// Restores the tree as it was at `mark` (the journal stays open).
    mutating func rollBack(to mark: JournalMark) {
        nodes.rollBack(toMark: mark.nodes)
        root = mark.scalars.root
        freeHead = mark.scalars.freeHead
        liveCount = mark.scalars.liveCount
    }
}

// MARK: - Node access

extension RedBlackTree {
    /// The value of the live node `i` names, or nil when it names none: a handle kept across the
    /// removal of its node, or a link the tree's own code left pointing at a freed slot.
    @inline(__always)
    func liveValue(_ i: Index) -> Value? {
        guard i.raw >= 0 && Int(i.raw) < nodes.count else { return nil }
        return nodes[Int(i.raw)].value
    }

    /// A handle that names no live node is a broken assumption of the model (a bug in the code
    /// that kept or produced it), reported as ENOTRECOVERABLE instead of trapping.
    static func stale(_ i: Index, _ function: StaticString = #function) -> KernelError {
        .ENOTRECOVERABLE(BrokenAssumption("RedBlackTree.\(function): index \(i.raw) does not name a live node"))
    }

    public func key(at i: Index) throws(KernelError) -> Key {
        guard liveValue(i) != nil else { throw Self.stale(i) }
        return nodes[Int(i.raw)].key
    }

    public func value(at i: Index) throws(KernelError) -> Value {
        guard let value = liveValue(i) else { throw Self.stale(i) }
        return value
    }

    /// Replaces the value of node `i`. It must not change the ordering meaning of the key (the
    /// key is stored separately and is not touched).
    public mutating func setValue(_ value: Value, at i: Index) throws(KernelError) {
        guard liveValue(i) != nil else { throw Self.stale(i) }
        nodes[Int(i.raw)].value = value
    }

    /// True if `n` is a node and it is red; the nil leaves are black.
    func isRed(_ n: Int32) -> Bool {
        n != Self.null && nodes[Int(n)].color == .red
    }
}

// MARK: - Lookups

extension RedBlackTree {
    func findNode(_ key: Key) -> Int32 {
        var current = root
        while current != Self.null {
            let node = nodes[Int(current)]
            if key < node.key {
                current = node.left
            } else if key > node.key {
                current = node.right
            } else {
                return current
            }
        }
        return Self.null
    }

    public func find(_ key: Key) -> Index? {
        let n = findNode(key)
        return n == Self.null ? nil : Index(raw: n)
    }

    /// The node with the largest key <= key.
    public func floor(_ key: Key) -> Index? {
        var current = root
        var best = Self.null
        while current != Self.null {
            let node = nodes[Int(current)]
            if key < node.key {
                current = node.left
            } else if key > node.key {
                best = current
                current = node.right
            } else {
                return Index(raw: current)
            }
        }
        return best == Self.null ? nil : Index(raw: best)
    }

    /// The node with the smallest key >= key.
    public func ceiling(_ key: Key) -> Index? {
        var current = root
        var best = Self.null
        while current != Self.null {
            let node = nodes[Int(current)]
            if key < node.key {
                best = current
                current = node.left
            } else if key > node.key {
                current = node.right
            } else {
                return Index(raw: current)
            }
        }
        return best == Self.null ? nil : Index(raw: best)
    }

    /// The leftmost node of the subtree at `n` (which must be a node).
    func minimum(under n: Int32) -> Int32 {
        var n = n
        while nodes[Int(n)].left != Self.null { n = nodes[Int(n)].left }
        return n
    }

    /// The rightmost node of the subtree at `n` (which must be a node).
    func maximum(under n: Int32) -> Int32 {
        var n = n
        while nodes[Int(n)].right != Self.null { n = nodes[Int(n)].right }
        return n
    }

    /// The in-order next node of `n`, or `null`.
    func nextNode(_ n: Int32) -> Int32 {
        let right = nodes[Int(n)].right
        if right != Self.null { return minimum(under: right) }
        var child = n
        var parent = nodes[Int(n)].parent
        while parent != Self.null && nodes[Int(parent)].right == child {
            child = parent
            parent = nodes[Int(parent)].parent
        }
        return parent
    }

    /// The in-order previous node of `n`, or `null`.
    func previousNode(_ n: Int32) -> Int32 {
        let left = nodes[Int(n)].left
        if left != Self.null { return maximum(under: left) }
        var child = n
        var parent = nodes[Int(n)].parent
        while parent != Self.null && nodes[Int(parent)].left == child {
            child = parent
            parent = nodes[Int(parent)].parent
        }
        return parent
    }

    /// The node with the smallest key.
    public var first: Index? {
        root == Self.null ? nil : Index(raw: minimum(under: root))
    }

    /// The node with the largest key.
    public var last: Index? {
        root == Self.null ? nil : Index(raw: maximum(under: root))
    }

    public func successor(of i: Index) throws(KernelError) -> Index? {
        guard liveValue(i) != nil else { throw Self.stale(i) }
        let n = nextNode(i.raw)
        return n == Self.null ? nil : Index(raw: n)
    }

    /// The successor of a handle the caller has just read as live (`liveValue`, `value(at:)`),
    /// without checking it again: the in-place walks of the model.
    @inline(__always)
    func successor(ofLive i: Index) -> Index? {
        let n = nextNode(i.raw)
        return n == Self.null ? nil : Index(raw: n)
    }

    public func predecessor(of i: Index) throws(KernelError) -> Index? {
        guard liveValue(i) != nil else { throw Self.stale(i) }
        let n = previousNode(i.raw)
        return n == Self.null ? nil : Index(raw: n)
    }
}

// MARK: - Rotations (shared by insertion and removal)

extension RedBlackTree {
    /// Replaces `old` by `new` in `old`'s parent (or as the root).
    mutating func replaceChild(of parent: Int32, _ old: Int32, with new: Int32) {
        if parent == Self.null {
            root = new
        } else if nodes[Int(parent)].left == old {
            nodes[Int(parent)].left = new
        } else {
            nodes[Int(parent)].right = new
        }
    }

    ///       x                y
    ///      / \              / \
    ///     a   y     ->     x   c
    ///        / \          / \
    ///       b   c        a   b
    mutating func rotateLeft(_ x: Int32) {
        let y = nodes[Int(x)].right
        let b = nodes[Int(y)].left
        nodes[Int(x)].right = b
        if b != Self.null { nodes[Int(b)].parent = x }
        let parent = nodes[Int(x)].parent
        nodes[Int(y)].parent = parent
        replaceChild(of: parent, x, with: y)
        nodes[Int(y)].left = x
        nodes[Int(x)].parent = y
    }

    /// The mirror image of `rotateLeft`.
    mutating func rotateRight(_ x: Int32) {
        let y = nodes[Int(x)].left
        let b = nodes[Int(y)].right
        nodes[Int(x)].left = b
        if b != Self.null { nodes[Int(b)].parent = x }
        let parent = nodes[Int(x)].parent
        nodes[Int(y)].parent = parent
        replaceChild(of: parent, x, with: y)
        nodes[Int(y)].right = x
        nodes[Int(x)].parent = y
    }
}

// MARK: - In-order traversal

extension RedBlackTree {
    /// In-order (ascending key) values, without allocating an array.
    public var values: ValuesSequence { ValuesSequence(tree: self) }

    /// In-order (ascending) keys, without allocating an array.
    public var keys: KeysSequence { KeysSequence(tree: self) }

    public struct ValuesSequence: Sequence, Sendable {
        let tree: RedBlackTree

        public struct Iterator: IteratorProtocol, Sendable {
            let tree: RedBlackTree
            var current: Int32

            /// Ends at a link to a freed slot instead of trapping; `checkInvariants()` reports it.
            public mutating func next() -> Value? {
                guard current != RedBlackTree.null, let value = tree.liveValue(Index(raw: current)) else { return nil }
                current = tree.nextNode(current)
                return value
            }
        }

        public func makeIterator() -> Iterator {
            Iterator(tree: tree, current: tree.first?.raw ?? RedBlackTree.null)
        }

        public var underestimatedCount: Int { tree.count }
    }

    public struct KeysSequence: Sequence, Sendable {
        let tree: RedBlackTree

        public struct Iterator: IteratorProtocol, Sendable {
            let tree: RedBlackTree
            var current: Int32

            public mutating func next() -> Key? {
                guard current != RedBlackTree.null else { return nil }
                let key = tree.nodes[Int(current)].key
                current = tree.nextNode(current)
                return key
            }
        }

        public func makeIterator() -> Iterator {
            Iterator(tree: tree, current: tree.first?.raw ?? RedBlackTree.null)
        }

        public var underestimatedCount: Int { tree.count }
    }
}
