/// An array that can record how to undo its own changes: the storage of the Model's stored
/// arrays (tree nodes, VMObject slots, frames, page tables, PTEs, TLB).
///
/// Between `beginJournal()` and `commitJournal()` every write (element set, insert, append,
/// removal) first records what it overwrites, so `rollBackJournal()` restores the array exactly
/// as it was at `beginJournal()` in time proportional to the writes, not to the array. The
/// journal sits below the algorithms: they can only change the elements through these methods,
/// so no path of theirs escapes it. Outside a journal a write costs one extra branch.
public struct JournaledArray<Element: Sendable>: @unchecked Sendable {
    /// What one write overwrote, undone in reverse order.
    enum Change {
        case replaced(Int, Element)
        case inserted(Int)
        case removed(Int, Element)
        case removedRange(Int, [Element])
        case replacedAll([Element])
    }

    public private(set) var elements: [Element]
    /// The open journal's changes, nil when none is open. A raw pointer rather than an array so
    /// that copying a state (millions of times in the explorer) costs neither a reference count
    /// nor a flag beside it; it is non-nil only while one operation runs on one thread (hence
    /// `@unchecked Sendable`), and no copy of the array is made meanwhile (nested checkpoints use
    /// marks, `journalLength`).
    private var changes: UnsafeMutablePointer<[Change]>?

    public init() { elements = [] }
    public init(_ elements: [Element]) { self.elements = elements }

    /// Whether a journal is open.
    public var isJournaling: Bool { changes != nil }

    /// How many writes the open journal holds (0 outside one): a mark to roll back to.
    public var journalLength: Int { changes?.pointee.count ?? 0 }

    /// Starts recording; the state now is what `rollBackJournal()` returns to.
    mutating func beginJournal() {
        guard changes == nil else { return }
        changes = .allocate(capacity: 1)
        changes!.initialize(to: [])
    }

    /// Keeps the changes and closes the journal.
    mutating func commitJournal() {
        guard let changes else { return }
        changes.deinitialize(count: 1)
        changes.deallocate()
        self.changes = nil
    }

    /// Undoes the changes recorded after the first `mark` ones, newest first; the journal stays
    /// open (a nested checkpoint's failure).
    mutating func rollBack(toMark mark: Int) {
        guard let changes else { return }
        while changes.pointee.count > mark, let change = changes.pointee.popLast() {
            switch change {
            case .replaced(let i, let old): elements[i] = old
            case .inserted(let i): elements.remove(at: i)
            case .removed(let i, let old): elements.insert(old, at: i)
            case .removedRange(let i, let old): elements.insert(contentsOf: old, at: i)
            case .replacedAll(let old): elements = old
            }
        }
    }

    /// Undoes every change since `beginJournal()` and closes the journal.
    mutating func rollBackJournal() {
        rollBack(toMark: 0)
        commitJournal()
    }

    /// Out of line, so that a write outside a journal stays a compare and a branch, and the
    /// Model's small mutating functions stay small enough to inline.
    @inline(never)
    private mutating func record(_ change: Change) {
        changes!.pointee.append(change)
    }

    /// Each element the open journal's writes touched, with its value when the journal opened
    /// (nil: it did not exist then), in the order first touched; nil when a write was not
    /// element-wise (a removal, a middle insert, a `removeAll`), so no such list is known.
    func journaledFirstValues() -> [(index: Int, old: Element?)]? {
        guard let changes else { return [] }
        var seen: [Int: Int] = [:]
        var firsts: [(index: Int, old: Element?)] = []
        // The count when the journal opened (only element-wise writes and inserts are followed, and
        // an insert added one), replayed forwards to tell an append from a middle insert.
        var count = elements.count
        for change in changes.pointee {
            if case .inserted = change { count -= 1 }
        }
        for change in changes.pointee {
            switch change {
            case .replaced(let i, let old):
                if seen[i] == nil { seen[i] = firsts.count; firsts.append((i, old)) }
            case .inserted(let i):
                guard i == count else { return nil }
                count += 1
                if seen[i] == nil { seen[i] = firsts.count; firsts.append((i, nil)) }
            case .removed, .removedRange, .replacedAll:
                return nil
            }
        }
        return firsts
    }

    /// The open journal's writes in order, without the values they overwrote (empty outside a
    /// journal): what a reader of the array's contents must redo to follow them (`ArrayWrite`).
    func journaledWrites() -> [ArrayWrite] {
        guard let changes else { return [] }
        return changes.pointee.map { change in
            switch change {
            case .replaced(let i, _): .set(i)
            case .inserted(let i): .insert(i)
            case .removed(let i, _): .remove(i ..< i + 1)
            case .removedRange(let i, let old): .remove(i ..< i + old.count)
            case .replacedAll: .replaceAll
            }
        }
    }

    @inlinable public var count: Int { elements.count }
    public var isEmpty: Bool { elements.isEmpty }
    public var indices: Range<Int> { elements.indices }
    public var last: Element? { elements.last }

    public subscript(i: Int) -> Element {
        @inline(__always) get { elements[i] }
        @inline(__always) _modify {
            if changes != nil { record(.replaced(i, elements[i])) }
            yield &elements[i]
        }
    }

    /// Changes element `i` in place through `change` (no accessor coroutine, whose frame can be
    /// heap-allocated and whose yield can copy an element that owns storage, as a VMObject does).
    @inline(__always)
    mutating func modify<Result, Failure: Error>(at i: Int, _ change: (inout Element) throws(Failure) -> Result) throws(Failure) -> Result {
        if changes != nil { record(.replaced(i, elements[i])) }
        return try change(&elements[i])
    }

    public subscript(range: Range<Int>) -> ArraySlice<Element> { elements[range] }

    @inline(__always)
    mutating func append(_ element: Element) {
        if changes != nil { record(.inserted(elements.count)) }
        elements.append(element)
    }

    @inline(__always)
    mutating func insert(_ element: Element, at i: Int) {
        if changes != nil { record(.inserted(i)) }
        elements.insert(element, at: i)
    }

    @inline(__always)
    @discardableResult
    mutating func remove(at i: Int) -> Element {
        let old = elements.remove(at: i)
        if changes != nil { record(.removed(i, old)) }
        return old
    }

    @inline(__always)
    mutating func popLast() -> Element? {
        guard let old = elements.popLast() else { return nil }
        if changes != nil { record(.removed(elements.count, old)) }
        return old
    }

    @inline(__always)
    mutating func removeSubrange(_ range: Range<Int>) {
        guard !range.isEmpty else { return }
        if changes != nil { record(.removedRange(range.lowerBound, Array(elements[range]))) }
        elements.removeSubrange(range)
    }

    @inline(__always)
    mutating func removeAll(keepingCapacity: Bool = false) {
        if changes != nil {
            record(.replacedAll(elements))
            elements = []
        } else {
            elements.removeAll(keepingCapacity: keepingCapacity)
        }
    }

    /// The first index whose element is not `isBefore` (binary search over a partitioned array).
    @inlinable
    func lowerBound(where isBefore: (Element) -> Bool) -> Int {
        elements.lowerBound(where: isBefore)
    }
}

/// Where a container of one or two journaled arrays rolls back to: their journal lengths.
struct JournalMark: Sendable {
    var first = 0
    var second = 0
}

extension JournaledArray {
    /// Whether both hold the very same element storage (`Array.sharesStorage(with:)`).
    func sharesStorage(with other: JournaledArray) -> Bool { elements.sharesStorage(with: other.elements) }
}

/// Equal arrays are equal whatever their journals hold.
extension JournaledArray: Equatable where Element: Equatable {
    public static func == (a: Self, b: Self) -> Bool { a.elements == b.elements }
}

extension JournaledArray: Hashable where Element: Hashable {
    public func hash(into hasher: inout Hasher) { hasher.combine(elements) }
}
