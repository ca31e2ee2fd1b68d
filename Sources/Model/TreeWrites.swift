/// The root, free-list head, live count and slot count of a `RedBlackTree`.
struct TreeScalars: Equatable, Sendable {
    var root: Int32
    var freeHead: Int32
    var liveCount: Int
    var slotCount: Int
}

/// The slots one operation wrote in a `RedBlackTree`, known from its nodes' journal (so from the
/// storage, not from the tree's algorithms), with their nodes and the tree's scalars before the
/// operation: what `invariantsCertainlyHold(since:)` needs to judge the tree by what changed.
/// Immutable, and shared by every copy of the state after the operation.
final class TreeWrites<Node: Sendable>: Sendable {
    /// The record of the operation before (nil: none was known), so that a checker can tell
    /// that this record starts exactly where the state it last judged ended.
    let parent: ObjectIdentifier?
    /// Each written slot, ascending, with its node before the operation (nil: a new slot).
    let slots: [Int32]
    let oldNodes: [Node?]
    let before: TreeScalars
    let after: TreeScalars

    init(parent: ObjectIdentifier?, firsts: [(index: Int, old: Node?)], before: TreeScalars, after: TreeScalars) {
        self.parent = parent
        let sorted = firsts.sorted { $0.index < $1.index }
        slots = sorted.map { Int32($0.index) }
        oldNodes = sorted.map { $0.old }
        self.before = before
        self.after = after
    }
}

/// A `TreeWrites` as the checker holds it: only compared by identity and handed back.
public typealias TreeWriteRecord = AnyObject & Sendable
