/// The order facts of one observation that make a local judgement exact: regions ascending and
/// chained (each ends at or before the next begins, so no two overlap), and tables, PTEs, TLB
/// entries, objects and frames strictly ascending by their key (so a bisection finds the one entry
/// of a key). Established once by a full scan, then carried from a step's parent to its child
/// through the `ObservationDelta`: the unchanged parts keep their order, so only the windows and
/// their neighbours need looking at.
public struct ObservationShape: Sendable, Hashable {
    public var regionsChained: Bool
    public var pageTablesAscending: Bool
    public var ptesAscending: Bool
    public var tlbAscending: Bool
    public var objectsAscending: Bool
    public var framesAscending: Bool

    /// Every fact holds.
    public var isOrderly: Bool {
        regionsChained && pageTablesAscending && ptesAscending && tlbAscending && objectsAscending && framesAscending
    }

    /// By a scan of the whole observation.
    public init(of observation: Observation) {
        let all = { (count: Int) in 0 ..< count }
        // The whole lists are scanned, so as arrays (`elements`, no copy while flat).
        regionsChained = Self.chained(observation.regions.elements, all(observation.regions.count))
        pageTablesAscending = Self.ascending(observation.pageTables, all(observation.pageTables.count)) { $0 }
        ptesAscending = Self.ascending(observation.ptes, all(observation.ptes.count)) { $0.page }
        tlbAscending = Self.ascending(observation.tlb, all(observation.tlb.count)) { $0.page }
        objectsAscending = Self.ascending(observation.objects.elements, all(observation.objects.count)) { $0.id }
        framesAscending = Self.ascending(observation.framesInUse, all(observation.framesInUse.count)) { $0.frame }
    }

    /// The shape after a step, from the parent's and the windows: a fact the parent lacked is
    /// established by a full scan; one it had holds after the step iff it holds across each window
    /// and its two neighbours (the parts outside are the parent's, in the parent's order).
    public init(after observation: Observation, parent: ObservationShape, delta: ObservationDelta) {
        func local(_ held: Bool, _ window: ChangedWindow, count: Int, _ judge: (Range<Int>) -> Bool) -> Bool {
            // No window: the list is the parent's element for element, so its fact is the parent's
            // (most steps change one or two of the six lists; the neighbours were read for nothing).
            if held && window.isEmpty { return true }
            return held ? judge(window.afterWithNeighbours(count: count)) : judge(0 ..< count)
        }
        regionsChained = local(parent.regionsChained, delta.regions, count: observation.regions.count) {
            Self.chained(observation.regions, $0)
        }
        pageTablesAscending = local(parent.pageTablesAscending, delta.pageTables, count: observation.pageTables.count) {
            Self.ascending(observation.pageTables, $0) { $0 }
        }
        ptesAscending = local(parent.ptesAscending, delta.ptes, count: observation.ptes.count) { Self.ascending(observation.ptes, $0) { $0.page } }
        tlbAscending = local(parent.tlbAscending, delta.tlb, count: observation.tlb.count) { Self.ascending(observation.tlb, $0) { $0.page } }
        objectsAscending = local(parent.objectsAscending, delta.objects, count: observation.objects.count) {
            Self.ascending(observation.objects, $0) { $0.id }
        }
        framesAscending = local(parent.framesAscending, delta.framesInUse, count: observation.framesInUse.count) {
            Self.ascending(observation.framesInUse, $0) { $0.frame }
        }
    }

    /// Each region of `range` (after the first) starts at or after the end of the one before it.
    static func chained<List: RandomAccessCollection>(_ regions: List, _ range: Range<Int>) -> Bool
        where List.Element == ObservedRegion, List.Index == Int {
        for i in range.dropFirst() where AddressSpan(regions[i - 1]).upper > regions[i].base { return false }
        return true
    }

    /// Keys strictly ascending over `range`.
    static func ascending<List: RandomAccessCollection>(_ list: List, _ range: Range<Int>, key: (List.Element) -> UInt64) -> Bool
        where List.Index == Int {
        for i in range.dropFirst() where key(list[i - 1]) >= key(list[i]) { return false }
        return true
    }
}
