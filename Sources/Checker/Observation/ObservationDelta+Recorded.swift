import Model

extension ObservationDelta {
    /// The windows of a model step whose writes its storage recorded (`StorageWrites`), found
    /// from the positions written instead of by comparing the two observations: every element
    /// outside them is one no write touched. They cover every changed element (a position
    /// rewritten with its old value is inside, where the diff would leave it out). Nil when the
    /// record is incomplete or does not fit the two observations: the caller diffs them.
    init?(recorded writes: StorageWrites, from before: Observation, to after: Observation, slotCount: Int) {
        guard let gone = writes.regionsBefore, let made = writes.regionsAfter,
              let regions = Self.window(keys: gone.map(\.range.base) + made.map(\.range.base), before.regions, after.regions, key: \.base),
              let slots = AddressSpace.writtenSlots([writes.objectSlots], slotCount: slotCount),
              let objects = Self.window(keys: slots.map(UInt64.init), before.objects, after.objects, key: \.id),
              let pageTables = Self.window(writes.pageTables, before.pageTables.count, after.pageTables.count),
              let ptes = Self.window(writes.ptes, before.ptes.count, after.ptes.count),
              let tlb = Self.window(writes.tlb, before.tlb.count, after.tlb.count),
              let frames = Self.window(writes.frames, before.framesInUse.count, after.framesInUse.count) else { return nil }
        self.init(regions: regions, pageTables: pageTables, ptes: ptes, tlb: tlb, objects: objects, framesInUse: frames)
    }

    /// The window of a list made element for element from a stored array.
    private static func window(_ writes: [ArrayWrite], _ beforeCount: Int, _ afterCount: Int) -> ChangedWindow? {
        guard let positions = WrittenPositions(writes, count: beforeCount), positions.count == afterCount else { return nil }
        return positions.window
    }

    /// The window of two ascending lists that differ only in elements whose key is one of `keys`:
    /// the elements with keys from the least to the greatest of them, found by bisection in both.
    private static func window<Element>(keys: [UInt64], _ before: ObservedList<Element>, _ after: ObservedList<Element>,
                                        key: (Element) -> UInt64) -> ChangedWindow? {
        guard let low = keys.min(), let high = keys.max() else {
            guard before.count == after.count else { return nil }
            return ChangedWindow(lower: before.count, beforeUpper: before.count, afterUpper: after.count)
        }
        let beforeLower = before.partitionIndex { key($0) < low }, beforeUpper = before.partitionIndex { key($0) <= high }
        let afterLower = after.partitionIndex { key($0) < low }, afterUpper = after.partitionIndex { key($0) <= high }
        guard beforeLower == afterLower, before.count - beforeUpper == after.count - afterUpper else { return nil }
        return ChangedWindow(lower: beforeLower, beforeUpper: beforeUpper, afterUpper: afterUpper)
    }
}
