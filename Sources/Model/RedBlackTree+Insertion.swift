// Insertion: a plain BST descent, a red leaf, then the CLRS fix-up
// (Introduction to Algorithms, 3rd ed., RB-INSERT-FIXUP) on indices.

extension RedBlackTree {
    /// Inserts a new key. Precondition: the key is not present (callers check first).
    @discardableResult
    public mutating func insert(_ value: Value, forKey key: Key) -> Index {
        var parent = Self.null
        var current = root
        var goesLeft = false
        while current != Self.null {
            parent = current
            let nodeKey = nodes[Int(current)].key
            if key < nodeKey {
                goesLeft = true
                current = nodes[Int(current)].left
            } else if key > nodeKey {
                goesLeft = false
                current = nodes[Int(current)].right
            } else {
                preconditionFailure(
                    "RedBlackTree.insert: key 0x\(String(key, radix: 16)) is already present (node \(current))")
            }
        }

        let z = allocateNode(
            Node(key: key, left: Self.null, right: Self.null, parent: parent, color: .red, value: value))
        if parent == Self.null {
            root = z
        } else if goesLeft {
            nodes[Int(parent)].left = z
        } else {
            nodes[Int(parent)].right = z
        }
        liveCount += 1
        fixAfterInsertion(z)
        return Index(raw: z)
    }

    /// Puts `node` in a free slot if there is one, else at the end of storage.
    mutating func allocateNode(_ node: Node) -> Int32 {
        if freeHead != Self.null {
            let slot = freeHead
            freeHead = nodes[Int(slot)].left
            nodes[Int(slot)] = node
            return slot
        }
        precondition(nodes.count < Int(Int32.max), "RedBlackTree: more than Int32.max nodes")
        nodes.append(node)
        return Int32(nodes.count - 1)
    }

    /// Restores "no red node has a red child" and a black root after `z` was
    /// added as a red leaf; black heights are never disturbed.
    mutating func fixAfterInsertion(_ z: Int32) {
        var z = z
        while true {
            let parent = nodes[Int(z)].parent
            guard isRed(parent) else { break }
            // A red parent is not the root, so the grandparent exists.
            let grandparent = nodes[Int(parent)].parent
            if parent == nodes[Int(grandparent)].left {
                let uncle = nodes[Int(grandparent)].right
                if isRed(uncle) {
                    // Case 1: push the grandparent's blackness down, continue above.
                    nodes[Int(parent)].color = .black
                    nodes[Int(uncle)].color = .black
                    nodes[Int(grandparent)].color = .red
                    z = grandparent
                } else {
                    if z == nodes[Int(parent)].right {
                        // Case 2: turn the inner grandchild into an outer one.
                        z = parent
                        rotateLeft(z)
                    }
                    // Case 3: rotate the red pair up around the grandparent.
                    let p = nodes[Int(z)].parent
                    let g = nodes[Int(p)].parent
                    nodes[Int(p)].color = .black
                    nodes[Int(g)].color = .red
                    rotateRight(g)
                }
            } else {
                let uncle = nodes[Int(grandparent)].left
                if isRed(uncle) {
                    nodes[Int(parent)].color = .black
                    nodes[Int(uncle)].color = .black
                    nodes[Int(grandparent)].color = .red
                    z = grandparent
                } else {
                    if z == nodes[Int(parent)].left {
                        z = parent
                        rotateRight(z)
                    }
                    let p = nodes[Int(z)].parent
                    let g = nodes[Int(p)].parent
                    nodes[Int(p)].color = .black
                    nodes[Int(g)].color = .red
                    rotateLeft(g)
                }
            }
        }
        nodes[Int(root)].color = .black
    }
}
