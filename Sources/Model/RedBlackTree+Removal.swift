// Removal: CLRS (3rd ed.) RB-DELETE with TRANSPLANT, which relinks nodes rather
// than copying a successor's key and value into the removed node, so every
// other node keeps its index. With no sentinel node, the fix-up carries the
// parent of the (possibly nil) node `x` explicitly instead of reading `x.p`.

extension RedBlackTree {
    /// Removes the node with this key and returns its value; nil if absent.
    @discardableResult
    public mutating func remove(forKey key: Key) -> Value? {
        let z = findNode(key)
        guard z != Self.null else { return nil }
        return removeNode(z)
    }

    /// Unlinks live node `z`, puts its slot on the free list, returns its value (nil when a link
    /// led the search to a freed slot: `checkInvariants()` reports such a tree).
    mutating func removeNode(_ z: Int32) -> Value? {
        let zLeft = nodes[Int(z)].left
        let zRight = nodes[Int(z)].right
        var removedColor = nodes[Int(z)].color
        // `x` moves into the place the removed colour left; it may be nil.
        let x: Int32
        let xParent: Int32

        if zLeft == Self.null {
            x = zRight
            xParent = nodes[Int(z)].parent
            transplant(z, with: zRight)
        } else if zRight == Self.null {
            x = zLeft
            xParent = nodes[Int(z)].parent
            transplant(z, with: zLeft)
        } else {
            // Two children: z's successor y (leftmost of the right subtree)
            // takes z's place and colour; y's old place loses y's colour.
            let y = minimum(under: zRight)
            removedColor = nodes[Int(y)].color
            x = nodes[Int(y)].right
            if nodes[Int(y)].parent == z {
                xParent = y
            } else {
                xParent = nodes[Int(y)].parent
                transplant(y, with: x)
                nodes[Int(y)].right = zRight
                nodes[Int(zRight)].parent = y
            }
            transplant(z, with: y)
            nodes[Int(y)].left = zLeft
            nodes[Int(zLeft)].parent = y
            nodes[Int(y)].color = nodes[Int(z)].color
        }

        if removedColor == .black {
            fixAfterRemoval(x, parent: xParent)
        }
        liveCount -= 1
        return freeNode(z)
    }

    /// Puts `v` (possibly nil) where `u` was under `u`'s parent.
    mutating func transplant(_ u: Int32, with v: Int32) {
        let parent = nodes[Int(u)].parent
        replaceChild(of: parent, u, with: v)
        if v != Self.null { nodes[Int(v)].parent = parent }
    }

    /// Clears slot `z`, pushes it on the free list, and returns its old value.
    mutating func freeNode(_ z: Int32) -> Value? {
        let value = nodes[Int(z)].value.take()
        nodes[Int(z)].key = 0
        nodes[Int(z)].left = freeHead
        nodes[Int(z)].right = Self.null
        nodes[Int(z)].parent = Self.null
        nodes[Int(z)].color = .free
        freeHead = z
        return value
    }

    /// Restores equal black heights after a black node was taken out above
    /// `x` (whose parent is `parent`): `x` carries an extra black until it is
    /// red, the root, or the deficit is fixed by rotations at a black sibling.
    mutating func fixAfterRemoval(_ x: Int32, parent: Int32) {
        var x = x
        var parent = parent
        while x != root && !isRed(x) {
            // x is one black short, so its sibling subtree has a black height
            // of at least one: the sibling w is a real node.
            if x == nodes[Int(parent)].left {
                var w = nodes[Int(parent)].right
                if isRed(w) {
                    // Case 1: make the sibling black.
                    nodes[Int(w)].color = .black
                    nodes[Int(parent)].color = .red
                    rotateLeft(parent)
                    w = nodes[Int(parent)].right
                }
                if !isRed(nodes[Int(w)].left) && !isRed(nodes[Int(w)].right) {
                    // Case 2: take one black off both sides, move the deficit up.
                    nodes[Int(w)].color = .red
                    x = parent
                    parent = nodes[Int(x)].parent
                } else {
                    if !isRed(nodes[Int(w)].right) {
                        // Case 3: make the sibling's far child red.
                        nodes[Int(nodes[Int(w)].left)].color = .black
                        nodes[Int(w)].color = .red
                        rotateRight(w)
                        w = nodes[Int(parent)].right
                    }
                    // Case 4: rotate the sibling up; the deficit is gone.
                    nodes[Int(w)].color = nodes[Int(parent)].color
                    nodes[Int(parent)].color = .black
                    nodes[Int(nodes[Int(w)].right)].color = .black
                    rotateLeft(parent)
                    x = root
                }
            } else {
                var w = nodes[Int(parent)].left
                if isRed(w) {
                    nodes[Int(w)].color = .black
                    nodes[Int(parent)].color = .red
                    rotateRight(parent)
                    w = nodes[Int(parent)].left
                }
                if !isRed(nodes[Int(w)].left) && !isRed(nodes[Int(w)].right) {
                    nodes[Int(w)].color = .red
                    x = parent
                    parent = nodes[Int(x)].parent
                } else {
                    if !isRed(nodes[Int(w)].left) {
                        nodes[Int(nodes[Int(w)].right)].color = .black
                        nodes[Int(w)].color = .red
                        rotateLeft(w)
                        w = nodes[Int(parent)].left
                    }
                    nodes[Int(w)].color = nodes[Int(parent)].color
                    nodes[Int(parent)].color = .black
                    nodes[Int(nodes[Int(w)].left)].color = .black
                    rotateRight(parent)
                    x = root
                }
            }
        }
        if x != Self.null { nodes[Int(x)].color = .black }
    }
}
