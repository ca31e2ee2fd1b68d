/// The root, free-list head, live count and slot count of a `RedBlackTree`.
struct TreeScalars: Equatable, Sendable {
    var root: Int32
    var freeHead: Int32
    var liveCount: Int
    var slotCount: Int
}

/// The slots one operation wrote in a `RedBlackTree`, known from its nodes' journal (so from the
/// storage, not from the tree's algorithms), with their nodes and the tree's scalars before the
/// operation: what `invariantsCertainlyHold(sinceGeneration:)` needs to judge the tree by what
/// changed. Immutable.
final class TreeWrites<Node: Sendable>: Sendable {
    /// The tree's generation before and after the operation (`RedBlackTree.generation`).
    let generationBefore: UInt64
    let generationAfter: UInt64
    /// Each written slot, ascending, with its node before the operation (nil: a new slot).
    let slots: [Int32]
    let oldNodes: [Node?]
    let before: TreeScalars
    let after: TreeScalars

    init(generationBefore: UInt64, generationAfter: UInt64, firsts: [(index: Int, old: Node?)], before: TreeScalars, after: TreeScalars) {
        self.generationBefore = generationBefore
        self.generationAfter = generationAfter
        let sorted = firsts.sorted { $0.index < $1.index }
        slots = sorted.map { Int32($0.index) }
        oldNodes = sorted.map { $0.old }
        self.before = before
        self.after = after
    }
}

/// Where a region tree leaves the record of its last operation's writes, for a checker that
/// judges `tree-shape` by them (replay). Given to the space by its creator, which keeps it alive
/// for as long as the space or any copy of it runs operations: the tree holds it unowned, so
/// that copying a state (the explorer's millions, which never record) costs no reference count.
/// It also numbers the generations, so that every recorded state of every copy has its own.
public final class TreeWriteLog: @unchecked Sendable {
    var last: AnyObject?
    var generations: UInt64 = 0

    public init() {}

    /// A generation no other recorded state has.
    func nextGeneration() -> UInt64 {
        generations += 1
        return generations
    }
}
