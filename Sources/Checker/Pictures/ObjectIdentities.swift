/// Stable numbers for the memory objects of one counterexample, carried from step to step, so a
/// picture's object id and region letter follow the VMObject: parts cut from one region keep
/// its number, and a new object always gets a new one (even when the implementation reuses the
/// old object's slot, as the model's store does).
///
/// Drawn from observations only: an implementation's identities need only be stable while the
/// object lives, and `mmap` is the only step that creates an object (the region it returns).
public struct ObjectIdentities: Sendable, Hashable {
    /// Implementation identity → stable number (1, 2, …) for the objects live now.
    private var numbers: [UInt64: Int] = [:]
    private var pageCounts: [UInt64: UInt64] = [:]
    /// Numbers handed out so far in this counterexample.
    public private(set) var issued = 0

    public init() {}

    /// The stable number of an implementation's object identity (nil: not live when observed).
    public func number(of object: UInt64) -> Int? { numbers[object] }

    /// Carries the map across one step. `created` is the identity of the object the step created
    /// (the object of the region a successful `mmap` returned), which is new whatever its identity.
    public mutating func advance(to after: Observation, created: UInt64?) {
        var next: [UInt64: Int] = [:]
        var nextPages: [UInt64: UInt64] = [:]
        // Objects in region order, so numbers read left to right when several appear at once.
        var seen: Set<UInt64> = []
        let ordered = after.regions.map(\.object).filter { seen.insert($0).inserted }
            + after.objects.map(\.id).filter { seen.insert($0).inserted }
        // Looked up once, not scanned per object: a step stays linear in the objects.
        let pageCountOf = Dictionary(after.objects.map { ($0.id, $0.pageCount) }, uniquingKeysWith: { first, _ in first })
        for object in ordered {
            let pages = pageCountOf[object]
            if object != created, let kept = numbers[object], pageCounts[object] == pages {
                next[object] = kept
            } else {
                issued += 1
                next[object] = issued
            }
            nextPages[object] = pages
        }
        numbers = next
        pageCounts = nextPages
    }

    /// The identity of the object a step created: the object of the region a successful `mmap`
    /// returned, read from the observation after it.
    public static func created(by operation: Operation, result: OperationResult, after: Observation) -> UInt64? {
        guard case .mmap = operation, case .ok(let address?) = result else { return nil }
        return after.regions.first { $0.base == address }?.object
    }

    /// A–Z for accessible regions, a–z for PROT_NONE; numbers past 26 wrap.
    public static func letter(for number: Int, accessible: Bool) -> Character {
        let c = Character(UnicodeScalar(UInt8(65 + (number - 1) % 26)))
        return accessible ? c : Character(c.lowercased())
    }
}
