import Model

/// An observation's list of regions or objects: a plain array while short, and a list of chunks
/// once long, so that the incremental patch's splice (`replaceSubrange`) rewrites one or two
/// chunks instead of shifting the whole tail of a long list (at 32,000 replayed steps that
/// `memmove` was half of the replay's instructions).
///
/// The short layout is the common one (the explorer's and random runs' states hold a few dozen
/// regions), so it must cost as little as an array: it is the array itself, every accessor takes
/// its path first and the chunked paths are out of line. Readers that scan the whole list take
/// `elements`, that array without a copy; readers that bisect or loop over a window test the
/// layout once (`read(flat:chunked:)`) and run on the array.
///
/// Equal lists are equal and hash alike whatever their layout: an observation's value is its
/// elements.
public struct ObservedList<Element> {
    /// One reference either way (an enum of two references keeps its case in the pointer's spare
    /// bits), so a copy of the list is one retain, as an array's is; a struct of an array and an
    /// optional box was two, the second on every copy of every list.
    enum Layout {
        case flat([Element])
        case chunked(Chunks)
    }

    var layout: Layout

    @inline(__always)
    public init() { layout = .flat([]) }

    @inline(__always)
    public init(_ elements: [Element]) { layout = .flat(elements) }

    /// The elements as one array: the flat layout's own array (no copy), or the chunks joined.
    @inline(__always)
    public var elements: [Element] {
        if case .flat(let array) = layout { return array }
        return chunks.joined()
    }

    /// `flat` on the flat layout's array (borrowed, not copied out), else `chunked` on the list:
    /// how a reader tests the layout once, outside its loops, and then reads an array as before.
    @inline(__always)
    public func read<R>(flat: ([Element]) throws -> R, chunked: (ObservedList) throws -> R) rethrows -> R {
        if case .flat(let array) = layout { return try flat(array) }
        return try chunked(self)
    }

    /// The elements at `range` (a step's window), for reading in order: a slice of the flat
    /// array (no copy), or copied out of the chunks. Its indices are the list's positions only
    /// while flat, so it is read by iteration, not by index.
    @inline(__always)
    public func window(_ range: Range<Int>) -> ArraySlice<Element> {
        if case .flat(let array) = layout { return array[range] }
        return chunkedWindow(range)
    }

    @inline(never)
    func chunkedWindow(_ range: Range<Int>) -> ArraySlice<Element> { ArraySlice(self[range]) }

    /// Whether the list is one array (what `elements` returns without copying).
    @inline(__always)
    public var isFlat: Bool {
        if case .flat = layout { return true }
        return false
    }

    /// The chunks of a chunked list.
    var chunks: Chunks {
        guard case .chunked(let chunks) = layout else { preconditionFailure("ObservedList is flat") }
        return chunks
    }

    /// Runs `body` on the flat layout's array in place (uniquely held while it runs).
    @inline(__always)
    mutating func modifyFlat<R>(_ body: (inout [Element]) throws -> R) rethrows -> R {
        guard case .flat(var array) = layout else { preconditionFailure("ObservedList is chunked") }
        layout = .flat([])
        defer { layout = .flat(array) }
        return try body(&array)
    }

    /// The chunks, copied first if shared.
    mutating func uniqueChunks() -> Chunks {
        guard case .chunked(var box) = layout else { preconditionFailure("ObservedList is flat") }
        layout = .flat([])
        if !isKnownUniquelyReferenced(&box) { box = box.copy() }
        layout = .chunked(box)
        return box
    }

    /// Rewrites the whole list: `fill` appends every element to an empty array that keeps the
    /// flat layout's capacity (the observers recycle their lists), reserved for `count`.
    @inline(__always)
    public mutating func refill(reservingCapacity count: Int, _ fill: (inout [Element]) -> Void) {
        if !isFlat { layout = .flat([]) }
        modifyFlat { array in
            array.removeAll(keepingCapacity: true)
            array.reserveCapacity(count)
            fill(&array)
        }
    }

    /// The first position whose element is not `isBelow` (the list is partitioned): on the flat
    /// array as any array's bisection, else the piece first, then within it.
    @inline(__always)
    func partitionIndex(where isBelow: (Element) -> Bool) -> Int {
        if case .flat(let array) = layout { return array.partitionIndex(where: isBelow) }
        return chunks.partitionIndex(where: isBelow)
    }
}

extension ObservedList {
    /// Layout: a flat list stays flat up to `flatLimit` elements, a chunked one goes flat again
    /// below `flattenBelow` (apart, so a list at the edge does not change layout every step).
    /// Chunks are made of `chunkSize`, split above `splitAbove` and merged below `mergeBelow`,
    /// so a splice costs O(chunk + chunks) and both stay about √-balanced at the lengths replays reach.
    static var flatLimit: Int { 2048 }
    static var flattenBelow: Int { 1024 }
    static var chunkSize: Int { 1024 }
    static var splitAbove: Int { 2048 }
    static var mergeBelow: Int { 256 }

    /// The chunked layout: `pieces` in order, `starts[k]` the position of `pieces[k]`'s first
    /// element. No piece is empty. Written only when uniquely referenced (copy-on-write), so
    /// exclusivity is not checked dynamically.
    final class Chunks: @unchecked Sendable {
        @exclusivity(unchecked) var pieces: [[Element]]
        @exclusivity(unchecked) var starts: [Int]
        @exclusivity(unchecked) var count: Int

        init(pieces: [[Element]]) {
            self.pieces = pieces
            starts = []
            count = 0
            restart(from: 0)
        }

        /// Cut into pieces of `chunkSize` (the last one takes the remainder, if short).
        convenience init(cutting elements: [Element]) {
            self.init(pieces: Chunks.cut(elements[...]))
        }

        func copy() -> Chunks { Chunks(pieces: pieces) }

        func joined() -> [Element] {
            var all: [Element] = []
            all.reserveCapacity(count)
            for piece in pieces { all += piece }
            return all
        }

        /// The piece holding position `i` (< count) and the position within it.
        func locate(_ i: Int) -> (piece: Int, offset: Int) {
            // The last piece starting at or before i.
            var lo = 0, hi = starts.count
            while hi - lo > 1 {
                let mid = lo + (hi - lo) / 2
                if starts[mid] <= i { lo = mid } else { hi = mid }
            }
            return (lo, i - starts[lo])
        }

        /// The piece in which a range ending at `i` (≤ count) ends: at a boundary, the earlier piece.
        func locateEnd(_ i: Int) -> (piece: Int, offset: Int) {
            if i == 0 { return (0, 0) }
            let (k, o) = locate(i - 1)
            return (k, o + 1)
        }

        // Out of line: the flat layout's loops stay as short as an array's.
        @inline(never)
        func element(at i: Int) -> Element {
            precondition(i >= 0 && i < count, "ObservedList index out of range")
            let (k, o) = locate(i)
            return pieces[k][o]
        }

        @inline(never)
        func setElement(at i: Int, to element: Element) {
            precondition(i >= 0 && i < count, "ObservedList index out of range")
            let (k, o) = locate(i)
            pieces[k][o] = element
        }

        /// The first position whose element is not `isBelow`: the first piece whose last element
        /// is not, then the first position within it.
        @inline(never)
        func partitionIndex(where isBelow: (Element) -> Bool) -> Int {
            let k = pieces.partitionIndex { isBelow($0[$0.count - 1]) }
            return k == pieces.count ? count : starts[k] + pieces[k].partitionIndex(where: isBelow)
        }

        /// `starts` and `count` again from piece `first` on.
        func restart(from first: Int) {
            starts.removeSubrange(Swift.min(first, starts.count)...)
            var position = first > 0 ? starts[first - 1] + pieces[first - 1].count : 0
            for k in first ..< pieces.count {
                starts.append(position)
                position += pieces[k].count
            }
            count = position
        }

        /// Replaces positions `range` with `new`, rewriting only the pieces the range touches
        /// (and a short neighbour it merges with).
        func replace<C: Collection>(_ range: Range<Int>, with new: C) where C.Element == Element {
            // An insertion at the end goes into the last piece, one at a boundary into the later piece.
            let (k1, o1) = locate(Swift.min(range.lowerBound, Swift.max(0, count - 1)))
            let lowerOffset = range.lowerBound == count ? pieces[k1].count : o1
            let (k2, o2) = range.isEmpty ? (k1, lowerOffset) : locateEnd(range.upperBound)
            if k1 == k2 {
                pieces[k1].replaceSubrange(lowerOffset ..< o2, with: new)
            } else {
                var spliced = Array(pieces[k1][..<lowerOffset])
                spliced.reserveCapacity(lowerOffset + new.count + pieces[k2].count - o2)
                spliced += new
                spliced += pieces[k2][o2...]
                pieces.replaceSubrange(k1 ... k2, with: CollectionOfOne(spliced))
            }
            restart(from: rebalance(k1))
        }

        /// Splits piece `k` if too long, merges it with a neighbour if too short; returns the
        /// first piece whose start may have moved.
        private func rebalance(_ k: Int) -> Int {
            var k = k
            if pieces[k].count < ObservedList.mergeBelow && pieces.count > 1 {
                let left = k + 1 < pieces.count ? k : k - 1
                let merged = pieces[left] + pieces[left + 1]
                pieces.replaceSubrange(left ... left + 1, with: CollectionOfOne(merged))
                k = left
            }
            if pieces[k].count > ObservedList.splitAbove {
                pieces.replaceSubrange(k ... k, with: Self.cut(pieces[k][...]))
            }
            return k
        }

        /// Pieces of `chunkSize`, the remainder spread over them (no piece short).
        private static func cut(_ elements: ArraySlice<Element>) -> [[Element]] {
            let n = Swift.max(1, elements.count / ObservedList.chunkSize)
            var pieces: [[Element]] = []
            pieces.reserveCapacity(n)
            var from = elements.startIndex
            for p in 0 ..< n {
                let to = elements.startIndex + elements.count * (p + 1) / n
                pieces.append(Array(elements[from ..< to]))
                from = to
            }
            return pieces
        }
    }
}

extension ObservedList: RandomAccessCollection, MutableCollection {
    public typealias Index = Int
    public typealias Indices = Range<Int>
    public typealias SubSequence = Slice<ObservedList>

    @inline(__always) public var startIndex: Int { 0 }

    @inline(__always)
    public var endIndex: Int {
        if case .flat(let array) = layout { return array.count }
        return chunks.count
    }

    @inline(__always) public var count: Int { endIndex }

    @inline(__always) public var isEmpty: Bool { endIndex == 0 }

    @inline(__always) public var indices: Range<Int> { 0 ..< endIndex }

    @inline(__always) public func index(after i: Int) -> Int { i + 1 }

    @inline(__always) public func index(before i: Int) -> Int { i - 1 }

    @inline(__always) public func index(_ i: Int, offsetBy distance: Int) -> Int { i + distance }

    @inline(__always) public func distance(from start: Int, to end: Int) -> Int { end - start }

    public subscript(position: Int) -> Element {
        @inline(__always) get {
            if case .flat(let array) = layout { return array[position] }
            return chunks.element(at: position)
        }
        @inline(__always) set {
            if isFlat {
                modifyFlat { $0[position] = newValue }
            } else {
                uniqueChunks().setElement(at: position, to: newValue)
            }
        }
    }

    public subscript(bounds: Range<Int>) -> Slice<ObservedList> {
        get { Slice(base: self, bounds: bounds) }
        set {
            precondition(newValue.count == bounds.count, "ObservedList slice assignment must keep the length")
            for (i, element) in zip(bounds, newValue) { self[i] = element }
        }
    }

    public mutating func withContiguousMutableStorageIfAvailable<R>(_ body: (inout UnsafeMutableBufferPointer<Element>) throws -> R) rethrows -> R? {
        guard isFlat else { return nil }
        return try modifyFlat { try $0.withContiguousMutableStorageIfAvailable(body) }
    }

    public func withContiguousStorageIfAvailable<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R? {
        if case .flat(let array) = layout { return try array.withContiguousStorageIfAvailable(body) }
        return nil
    }

    /// Iterates the flat array as an array's iterator does; in the chunked layout, piece by piece.
    public struct Iterator: IteratorProtocol {
        var current: IndexingIterator<[Element]>
        /// Nil in the flat layout; else the chunks, and the next piece to take.
        let chunks: Chunks?
        var nextPiece = 0

        @inline(__always)
        public mutating func next() -> Element? {
            if let element = current.next() { return element }
            if chunks == nil { return nil }
            return nextFromPieces()
        }

        mutating func nextFromPieces() -> Element? {
            let pieces = chunks.unsafelyUnwrapped.pieces
            while nextPiece < pieces.count {
                current = pieces[nextPiece].makeIterator()
                nextPiece += 1
                if let element = current.next() { return element }
            }
            return nil
        }
    }

    @inline(__always)
    public func makeIterator() -> Iterator {
        switch layout {
        case .flat(let array): Iterator(current: array.makeIterator(), chunks: nil)
        case .chunked(let chunks): Iterator(current: [].makeIterator(), chunks: chunks)
        }
    }

    @inline(__always)
    public func contains(where predicate: (Element) throws -> Bool) rethrows -> Bool {
        switch layout {
        case .flat(let array): return try array.contains(where: predicate)
        case .chunked(let chunks):
            for piece in chunks.pieces where try piece.contains(where: predicate) { return true }
            return false
        }
    }
}

extension ObservedList: RangeReplaceableCollection {
    /// A flat splice that leaves the list at most `flatLimit` long stays flat; a longer one
    /// cuts the list into chunks first. A chunked splice that leaves fewer than `flattenBelow`
    /// elements makes the list flat again.
    public mutating func replaceSubrange<C: Collection>(_ subrange: Range<Int>, with newElements: C) where C.Element == Element {
        if case .flat(let array) = layout {
            precondition(subrange.lowerBound >= 0 && subrange.upperBound <= array.count, "ObservedList range out of range")
            if array.count - subrange.count + newElements.count <= Self.flatLimit {
                modifyFlat { $0.replaceSubrange(subrange, with: newElements) }
                return
            }
            layout = .chunked(Chunks(cutting: array))
        } else {
            precondition(subrange.lowerBound >= 0 && subrange.upperBound <= count, "ObservedList range out of range")
        }
        let box = uniqueChunks()
        box.replace(subrange, with: newElements)
        if box.count < Self.flattenBelow { layout = .flat(box.joined()) }
    }

    @inline(__always)
    public mutating func append(_ newElement: Element) {
        if isFlat {
            modifyFlat { $0.append(newElement) }
        } else {
            replaceSubrange(endIndex ..< endIndex, with: CollectionOfOne(newElement))
        }
    }

    public mutating func reserveCapacity(_ n: Int) {
        if isFlat { modifyFlat { $0.reserveCapacity(n) } }
    }

    public mutating func removeAll(keepingCapacity keepCapacity: Bool = false) {
        if !isFlat { layout = .flat([]) }
        modifyFlat { $0.removeAll(keepingCapacity: keepCapacity) }
    }
}

extension ObservedList: ExpressibleByArrayLiteral {
    @inline(__always)
    public init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension ObservedList: Equatable where Element: Equatable {
    /// Element for element; lists sharing their storage are equal without a look.
    @inline(__always)
    public static func == (a: ObservedList, b: ObservedList) -> Bool {
        if case .flat(let x) = a.layout, case .flat(let y) = b.layout { return x == y }
        return equalNotBothFlat(a, b)
    }

    @inline(never)
    private static func equalNotBothFlat(_ a: ObservedList, _ b: ObservedList) -> Bool {
        if case .chunked(let x) = a.layout, case .chunked(let y) = b.layout, x === y { return true }
        return a.count == b.count && a.elementsEqual(b)
    }

    /// Whether both are one array's buffer or one set of chunks (a list no step touched).
    public func sharesStorage(with other: ObservedList) -> Bool {
        switch (layout, other.layout) {
        case let (.flat(x), .flat(y)): x.sharesStorage(with: y)
        case let (.chunked(x), .chunked(y)): x === y
        default: false
        }
    }
}

extension ObservedList: Hashable where Element: Hashable {
    /// As an array of the same elements hashes.
    public func hash(into hasher: inout Hasher) {
        if case .flat(let array) = layout {
            hasher.combine(array)
            return
        }
        hasher.combine(count)
        for element in self { hasher.combine(element) }
    }
}

extension ObservedList: @unchecked Sendable where Element: Sendable {}

extension ObservedList: CustomStringConvertible {
    public var description: String { elements.description }
}
