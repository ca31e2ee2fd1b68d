import Checker
import Model
import Testing

/// The checker's own diff of two observations: the window between the common prefix and the
/// common suffix of each list, wherever the change is.
struct ObservationDeltaTests {
    @Test func windowsBracketTheChange() {
        #expect(ChangedWindow([1, 2, 3, 4, 5], [1, 2, 9, 4, 5]) == ChangedWindow(lower: 2, beforeUpper: 3, afterUpper: 3))
        #expect(ChangedWindow([1, 2, 3], [1, 2, 3]).isEmpty)
        // An insertion and a removal: an empty side.
        #expect(ChangedWindow([1, 2, 4], [1, 2, 3, 4]) == ChangedWindow(lower: 2, beforeUpper: 2, afterUpper: 3))
        #expect(ChangedWindow([1, 2, 3, 4], [1, 4]) == ChangedWindow(lower: 1, beforeUpper: 3, afterUpper: 1))
        // Repeated elements: prefix and suffix never overlap.
        #expect(ChangedWindow([7, 7, 7], [7, 7]) == ChangedWindow(lower: 2, beforeUpper: 3, afterUpper: 2))
        #expect(ChangedWindow([Int](), [5]) == ChangedWindow(lower: 0, beforeUpper: 0, afterUpper: 1))
        // Changes at both ends: the window spans everything between.
        #expect(ChangedWindow([1, 2, 3, 4], [0, 2, 3, 5]) == ChangedWindow(lower: 0, beforeUpper: 4, afterUpper: 4))
    }

    @Test func aChangeFarFromTheOperatedRangeLandsInTheWindow() throws {
        var space = AddressSpace(universe: .small)
        for page in [0, 4, 8] as [UInt64] {
            _ = Operation.mmap(size: 0x1000, protection: .readWrite, placement: .fixedNoReplace, address: 0x10000 + page * 0x1000,
                               alignment: nil, choice: nil).apply(to: &space)
        }
        let before = space.observation()
        _ = Operation.munmap(address: 0x10000 + 8 * 0x1000, size: 0x1000).apply(to: &space)
        var after = space.observation()
        let honest = ObservationDelta(from: before, to: after)
        #expect(honest.regions == ChangedWindow(lower: 2, beforeUpper: 3, afterUpper: 2))
        #expect(honest.ptes.isEmpty && honest.framesInUse.isEmpty)
        // The same step, reported with the lowest region's offset moved: the window reaches it.
        after.regions[0].offset += 1
        let corrupted = ObservationDelta(from: before, to: after)
        #expect(corrupted.regions == ChangedWindow(lower: 0, beforeUpper: 3, afterUpper: 2))
        // A frame that appears with no step touching memory.
        var leaked = before
        leaked.framesInUse.append(ObservedFrame(frame: 99, contents: 0))
        #expect(ObservationDelta(from: before, to: leaked).framesInUse == ChangedWindow(lower: 0, beforeUpper: 0, afterUpper: 1))
        #expect(ObservationDelta(from: before, to: before).isEmpty)
    }

    @Test func orderFactsCarryOverAndBreakLocally() {
        var observation = AddressSpace(universe: .small).observation()
        observation.regions = ObservedList([0, 2, 4].map { ObservedRegion(base: 0x10000 + $0 * 0x1000, size: 0x1000, protection: .readWrite, object: $0, offset: 0) })
        let shape = ObservationShape(of: observation)
        #expect(shape.isOrderly)
        var overlapping = observation
        overlapping.regions[1].size = 0x3000  // reaches into the third
        let delta = ObservationDelta(from: observation, to: overlapping)
        #expect(!ObservationShape(after: overlapping, parent: shape, delta: delta).regionsChained)
        #expect(ObservationShape(after: overlapping, parent: shape, delta: delta) == ObservationShape(of: overlapping))
    }
}
