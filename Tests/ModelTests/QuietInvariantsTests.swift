@testable import Model
import Testing

/// `checkInvariants()` of a region tree first asks a quiet walk (`RedBlackTree.invariantsHold`)
/// and explains only when it refuses: the quiet walk must refuse every tree the explaining walk
/// refuses, and pass every tree it passes, on trees built at random and on every kind of damage
/// the test seam can do to them.
struct QuietInvariantsTests {
    static func quietlyHolds(_ tree: RedBlackTree<String>) -> Bool { tree.invariantsHold { _, _ in true } }

    @Test func agreesWithTheExplainingWalkOnEveryDamage() {
        var rng = TestRandom(seed: 5)
        var refused = 0
        for round in 0 ..< 60 {
            var tree = RedBlackTree<String>()
            for _ in 0 ..< 5 + round % 20 {
                let key = (rng.next() % 64) * 0x1000
                if rng.next() % 4 == 0 { tree.remove(forKey: key) } else if tree.find(key) == nil { tree.insert("v\(key)", forKey: key) }
            }
            #expect(Self.quietlyHolds(tree) && violation(tree) == nil, "a tree built by the operations holds")
            var handles: [RedBlackTree<String>.Index] = []
            var index = tree.first
            while let i = index { handles.append(i); index = try? tree.successor(of: i) }
            guard !handles.isEmpty else { continue }
            let pick = handles[Int(rng.next() % UInt64(handles.count))], other = handles[Int(rng.next() % UInt64(handles.count))]
            typealias Damage = RedBlackTree<String>._TestCorruption
            var damages: [[Damage]] = [
                [.flipColor(pick)], [.setKey(pick, to: (rng.next() % 64) * 0x1000)], [.setKey(pick, to: (try? tree.key(at: other)) ?? 0)],
                [.adjustCount(by: 1)], [.adjustCount(by: -1)], [.setParent(of: pick, to: other)], [.setParent(of: pick, to: nil)],
                [.setFreeListHead(pick)], [.setFreeListHead(nil)], [.freeWithoutUnlinking(pick)],
            ]
            // Both children of the root flipped keep every black height: only the colours of a
            // red node's children can then be wrong.
            let root = tree.nodes[Int(tree.root)]
            if root.left >= 0 && root.right >= 0 {
                damages.append([.flipColor(.init(raw: root.left)), .flipColor(.init(raw: root.right))])
            }
            for damage in damages {
                var broken = tree
                for step in damage { broken._corruptForTesting(step) }
                let explained = violation(broken)
                #expect(Self.quietlyHolds(broken) == (explained == nil), "\(damage) on \(tree.debugShape): \(explained?.message ?? "holds")")
                if explained != nil { refused += 1 }
            }
        }
        #expect(refused > 300, "most damages break the tree")
    }

    /// A region tree's keys must also be its regions' bases: a key moved within the order breaks
    /// no red-black rule, and only that check sees it.
    @Test func aKeyThatIsNotTheBaseIsRefused() throws {
        var regions = RegionTree(totalRange: try VirtualRange(base: 0x10000, size: 0x10000))
        for base in [0x10000, 0x12000, 0x14000] as [UInt64] {
            try regions.insert(Region(range: try VirtualRange(base: base, size: 0x1000), protection: .read, object: VMObjectID(raw: 0), offset: 0))
        }
        #expect(regions.tree.invariantsHold { key, region in key == region.range.base })
        regions._corruptForTesting(.setKey(regions.tree.find(0x12000)!, to: 0x12800))
        #expect(!regions.tree.invariantsHold { key, region in key == region.range.base })
        #expect(throws: TreeInvariantViolation.self) { try regions.checkInvariants() }
    }
}
