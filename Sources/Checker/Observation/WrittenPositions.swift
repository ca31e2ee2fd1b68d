import Model

/// Where a stored array's recorded writes (`ArrayWrite`) landed, followed through the inserts and
/// removals that moved its elements: the positions written, in the array as it is after them,
/// and the window outside which no element was touched. A list made element for element from the
/// array (an observation's tables, PTEs, TLB entries, frames) is brought up to date by redoing the
/// inserts and removals and re-reading only the written positions. Nil for a `replaceAll`.
struct WrittenPositions {
    /// Positions (in the array after the writes) whose element was written or inserted, ascending.
    private(set) var written: [Int] = []
    /// The writes that moved elements (inserts and removals), in order.
    private(set) var moves: [ArrayWrite] = []
    /// The lowest position any write touched, and how many elements at the end none touched.
    private(set) var lower: Int
    private(set) var untouchedTail: Int
    private(set) var count: Int
    private let startCount: Int

    init?(_ writes: [ArrayWrite], count: Int) {
        self.init(records: [writes], count: count)
    }

    /// Where the writes of consecutive operations (each record's, in order) landed.
    init?(records: [[ArrayWrite]], count: Int) {
        startCount = count
        self.count = count
        lower = count
        untouchedTail = count
        for writes in records { guard follow(writes) else { return nil } }
    }

    /// Follows one operation's writes, made after those followed so far; false for a `replaceAll`
    /// or a write outside the array.
    private mutating func follow(_ writes: [ArrayWrite]) -> Bool {
        for write in writes {
            switch write {
            case .set(let i):
                guard i >= 0, i < count else { return false }
                mark(i)
                touch(i, i + 1)
            case .insert(let i):
                guard i >= 0, i <= count else { return false }
                for k in written.indices where written[k] >= i { written[k] += 1 }
                count += 1
                mark(i)
                touch(i, i + 1)
                moves.append(write)
            case .remove(let r):
                guard r.lowerBound >= 0, r.upperBound <= count else { return false }
                written.removeAll { r.contains($0) }
                for k in written.indices where written[k] >= r.upperBound { written[k] -= r.count }
                touch(r.lowerBound, r.upperBound)
                count -= r.count
                moves.append(write)
            case .replaceAll:
                return false
            }
        }
        return true
    }

    private mutating func mark(_ i: Int) {
        let k = written.partitionIndex { $0 < i }
        if k == written.count || written[k] != i { written.insert(i, at: k) }
    }

    /// Positions [lo, hi) of the array as it is now were touched.
    private mutating func touch(_ lo: Int, _ hi: Int) {
        lower = min(lower, lo)
        untouchedTail = min(untouchedTail, count - hi)
    }

    /// The changed window between the list before the writes and after them.
    var window: ChangedWindow {
        let tail = min(untouchedTail, min(startCount, count) - lower)
        return ChangedWindow(lower: lower, beforeUpper: startCount - tail, afterUpper: count - tail)
    }

    /// `list`, made from the array before the writes, with the same inserts and removals; an
    /// inserted element is a placeholder until the written positions are re-read.
    func redoMoves<Element>(on list: inout [Element], placeholder: @autoclosure () -> Element) {
        for move in moves {
            switch move {
            case .insert(let i): list.insert(placeholder(), at: i)
            case .remove(let r): list.removeSubrange(r)
            case .set, .replaceAll: break
            }
        }
    }
}
