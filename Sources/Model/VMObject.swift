/// Identifies a VMObject slot in `VMObjectStore`.
public struct VMObjectID: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let raw: Int32
    public init(raw: Int32) { self.raw = raw }
    public static func < (a: Self, b: Self) -> Bool { a.raw < b.raw }
    public var description: String { "obj#\(raw)" }
}

/// Anonymous memory: a fixed number of pages, each unpopulated or backed by a frame.
/// Populated pages are kept sparse (sorted by page) because objects in the 64-bit universe can
/// span millions of pages while only a few are ever touched.
public struct VMObject: Sendable, Hashable {
    public struct PopulatedPage: Sendable, Hashable {
        public var page: UInt64
        public var frame: FrameNumber
    }

    public var pageCount: UInt64
    /// How many regions reference this object; it dies (and frees its frames) at zero.
    public var referenceCount: Int32
    public private(set) var populated: [PopulatedPage]

    init(pageCount: UInt64) {
        self.pageCount = pageCount
        self.referenceCount = 0
        self.populated = []
    }

    /// The frame backing `page`, or nil if the page was never touched.
    public func frame(at page: UInt64) -> FrameNumber? {
        let i = populated.lowerBound { $0.page < page }
        return i < populated.count && populated[i].page == page ? populated[i].frame : nil
    }

    /// Backs `page` with `frame`. A page already backed means the caller lost track of it (a
    /// fault path that did not look first): ENOTRECOVERABLE, not a trap.
    mutating func populate(page: UInt64, with frame: FrameNumber) throws(KernelError) {
        let i = populated.lowerBound { $0.page < page }
        guard i == populated.count || populated[i].page != page else {
            throw .ENOTRECOVERABLE(BrokenAssumption("populating page \(page) of a VMObject with frame \(frame), but frame \(populated[i].frame) already backs it"))
        }
        populated.insert(PopulatedPage(page: page, frame: frame), at: i)
    }
}

/// All VMObjects of an address space, in slots reused after an object dies. Dead slots form a
/// free list linked through the slots themselves (like the red-black tree's), the most recently
/// freed first, so that a copy of the store retains one buffer and a write copies one.
public struct VMObjectStore: Sendable, Hashable {
    /// A live object, or a dead slot (nil) linking to the next dead one.
    @usableFromInline struct Slot: Sendable, Hashable {
        @usableFromInline var object: VMObject?
        /// The next slot of the free list (-1: none), in a dead slot.
        var nextFree: Int32
    }

    @usableFromInline var slotStorage = JournaledArray<Slot>()
    /// The most recently freed slot, or -1.
    private var freeHead: Int32 = -1

    public init() {}

    /// Every slot, live (an object) or dead (nil).
    @inlinable public var slots: VMObjectSlots { VMObjectSlots(storage: slotStorage.elements) }

    /// Where a rollback returns to: the slots' journal length and the free list's head.
    struct JournalMark: Sendable {
        var slots: Int
        var freeHead: Int32
    }

    var journalMark: JournalMark { JournalMark(slots: slotStorage.journalLength, freeHead: freeHead) }

    mutating func beginJournal() { slotStorage.beginJournal() }
    mutating func commitJournal() { slotStorage.commitJournal() }

    mutating func rollBack(to mark: JournalMark) {
        slotStorage.rollBack(toMark: mark.slots)
        freeHead = mark.freeHead
    }

    /// The live object in `id`'s slot; nil for a dead or unknown slot.
    public subscript(id: VMObjectID) -> VMObject? {
        contains(id) ? slotStorage[Int(id.raw)].object : nil
    }

    /// Changes the live object in `id`'s slot. A dead or unknown slot means a region kept an
    /// object the model destroyed: ENOTRECOVERABLE, not a trap.
    mutating func modify<Result>(_ id: VMObjectID, _ change: (inout VMObject) throws(KernelError) -> Result) throws(KernelError) -> Result {
        guard contains(id) else { throw .ENOTRECOVERABLE(BrokenAssumption("changing VMObject \(id.raw), which is not alive")) }
        return try slotStorage.modify(at: Int(id.raw)) { (slot) throws(KernelError) -> Result in try change(&slot.object!) }
    }

    /// One more region references the object. A dead slot stays dead: the properties judge the
    /// region that points at it.
    mutating func retain(_ id: VMObjectID) {
        guard contains(id) else { return }
        slotStorage.modify(at: Int(id.raw)) { $0.object?.referenceCount += 1 }
    }

    public func contains(_ id: VMObjectID) -> Bool {
        id.raw >= 0 && Int(id.raw) < slotStorage.count && slotStorage[Int(id.raw)].object != nil
    }

    /// The live objects, by slot.
    public var live: [(id: VMObjectID, object: VMObject)] {
        slotStorage.indices.compactMap { i in slotStorage[i].object.map { (VMObjectID(raw: Int32(i)), $0) } }
    }

    mutating func create(pageCount: UInt64) -> VMObjectID {
        let object = VMObject(pageCount: pageCount)
        if freeHead >= 0 {
            let slot = freeHead
            freeHead = slotStorage[Int(slot)].nextFree
            slotStorage[Int(slot)] = Slot(object: object, nextFree: -1)
            return VMObjectID(raw: slot)
        }
        slotStorage.append(Slot(object: object, nextFree: -1))
        return VMObjectID(raw: Int32(slotStorage.count - 1))
    }

    /// Removes the object and returns it so the caller can free its frames.
    mutating func destroy(_ id: VMObjectID) throws(KernelError) -> VMObject {
        guard contains(id), let object = slotStorage[Int(id.raw)].object else {
            throw .ENOTRECOVERABLE(BrokenAssumption("destroying VMObject \(id.raw), which is not alive"))
        }
        slotStorage[Int(id.raw)] = Slot(object: nil, nextFree: freeHead)
        freeHead = id.raw
        return object
    }

    mutating func removeAll() {
        slotStorage.removeAll(keepingCapacity: true)
        freeHead = -1
    }
}

/// The slots of a `VMObjectStore` as the objects they hold (nil: dead), read in place.
public struct VMObjectSlots: RandomAccessCollection, Sendable {
    @usableFromInline let storage: [VMObjectStore.Slot]

    @inlinable init(storage: [VMObjectStore.Slot]) { self.storage = storage }

    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { storage.count }
    @inlinable public subscript(slot: Int) -> VMObject? { storage[slot].object }

    /// Whether both read the very same slot storage (`Array.sharesStorage(with:)`).
    public func sharesStorage(with other: VMObjectSlots) -> Bool { storage.sharesStorage(with: other.storage) }
}

extension Array {
    /// The first index whose element is not `isBefore` (binary search over a partitioned array).
    @inlinable
    func lowerBound(where isBefore: (Element) -> Bool) -> Int {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if isBefore(self[mid]) { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
