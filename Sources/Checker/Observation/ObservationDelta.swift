import Model

/// What one step changed, found by the checker itself: for every list of two observations (the
/// state before a step and after it), the window between their longest common prefix and their
/// longest common suffix. Everything outside the windows is the same in both, element for
/// element, whatever the implementation says it touched; a change anywhere — far from the
/// operated range, in a region no operation named, in a frame of another object — lands in a
/// window. Properties that judge only what changed (`Property.judgingChanges`) read the windows.
public struct ObservationDelta: Sendable, Hashable {
    public var regions: ChangedWindow
    public var pageTables: ChangedWindow
    public var ptes: ChangedWindow
    public var tlb: ChangedWindow
    public var objects: ChangedWindow
    public var framesInUse: ChangedWindow

    public init(from before: Observation, to after: Observation) {
        regions = ChangedWindow(before.regions, after.regions)
        pageTables = ChangedWindow(before.pageTables, after.pageTables)
        ptes = ChangedWindow(before.ptes, after.ptes)
        tlb = ChangedWindow(before.tlb, after.tlb)
        objects = ChangedWindow(before.objects, after.objects)
        framesInUse = ChangedWindow(before.framesInUse, after.framesInUse)
    }

    public init(regions: ChangedWindow, pageTables: ChangedWindow, ptes: ChangedWindow, tlb: ChangedWindow, objects: ChangedWindow,
                framesInUse: ChangedWindow) {
        self.regions = regions
        self.pageTables = pageTables
        self.ptes = ptes
        self.tlb = tlb
        self.objects = objects
        self.framesInUse = framesInUse
    }

    /// Nothing in memory changed (the counters and pending failures may have).
    public var isEmpty: Bool {
        regions.isEmpty && pageTables.isEmpty && ptes.isEmpty && tlb.isEmpty && objects.isEmpty && framesInUse.isEmpty
    }
}

/// Where two lists differ: `before[lower ..< beforeUpper]` was replaced by `after[lower ..< afterUpper]`;
/// the elements below `lower` and the `before.count - beforeUpper` elements at the end are equal in
/// both (the same elements at the same distance from the end).
public struct ChangedWindow: Sendable, Hashable {
    public var lower: Int
    public var beforeUpper: Int
    public var afterUpper: Int

    public init(lower: Int, beforeUpper: Int, afterUpper: Int) {
        self.lower = lower
        self.beforeUpper = beforeUpper
        self.afterUpper = afterUpper
    }

    /// The window of two lists: the longest common prefix, then the longest common suffix of what remains.
    /// Inlined into `ObservationDelta.init`: an opaque call made the caller retain each list it
    /// read out of an observation's box around it (two retains and releases a list, every step).
    @inline(__always)
    public init<Element: Equatable>(_ before: [Element], _ after: [Element]) {
        // One buffer (a list the step did not touch, shared by copy-on-write): nothing to compare.
        if before.sharesStorage(with: after) {
            self.init(unchanged: min(before.count, after.count))
            return
        }
        self.init(comparing: before, after)
    }

    /// The window of two observed lists: as of their arrays while both are flat; none if they
    /// share their chunks. Inlined for the same reason as the arrays' window.
    @inline(__always)
    public init<Element: Equatable>(_ before: ObservedList<Element>, _ after: ObservedList<Element>) {
        // Both arrays borrowed where they lie (`read`): copying them out was a retain and release each.
        let ofArrays: ChangedWindow? = before.read { x in after.read { y in ChangedWindow(x, y) } chunked: { _ in nil } } chunked: { _ in nil }
        if let ofArrays {
            self = ofArrays
        } else if before.sharesStorage(with: after) {
            self.init(unchanged: min(before.count, after.count))
        } else {
            self.init(comparing: before, after)
        }
    }

    private init(unchanged count: Int) { self.init(lower: count, beforeUpper: count, afterUpper: count) }

    @inline(__always)
    private init<List: RandomAccessCollection>(comparing before: List, _ after: List) where List.Element: Equatable, List.Index == Int {
        let shorter = min(before.count, after.count)
        var prefix = 0
        while prefix < shorter && before[prefix] == after[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < shorter - prefix && before[before.count - 1 - suffix] == after[after.count - 1 - suffix] { suffix += 1 }
        self.init(lower: prefix, beforeUpper: before.count - suffix, afterUpper: after.count - suffix)
    }

    /// The positions of the changed elements in the list before the step.
    public var before: Range<Int> { lower ..< beforeUpper }
    /// The positions of the changed elements in the list after the step.
    public var after: Range<Int> { lower ..< afterUpper }
    public var isEmpty: Bool { lower == beforeUpper && lower == afterUpper }
    /// `after` widened by one unchanged neighbour on each side, clamped to a list of `count`:
    /// what an order between neighbours is judged on.
    func afterWithNeighbours(count: Int) -> Range<Int> { max(0, lower - 1) ..< min(count, afterUpper + 1) }
}
