import Checker
import Model
import Testing

@Suite struct ObjectIdentitiesTests {
    /// The case: MAP_FIXED over part of a region makes a new object (a new number and
    /// letter) while the part left of the old region keeps its own, although the model reuses
    /// store slots.
    @Test func aFixedMapGetsANewNumberAndTheKeptPartKeepsItsOwn() {
        let trace = Trace(universe: .tiny, steps: [
            Trace.Step(.mmap(0x2000, .readWrite)),
            Trace.Step(.mmap(0x1000, .readWrite, at: .fixed(0x10000))),
            Trace.Step(.munmap(address: 0x10000, size: 0x1000)),
            Trace.Step(.mmap(0x1000, .readWrite)),
        ])
        let steps = Replayer.run(trace, source: "memory").steps
        func numbers(_ step: Int) -> [Int?] { steps[step].observation!.regions.map { steps[step].identities.number(of: $0.object) } }
        #expect(numbers(0) == [1])
        #expect(numbers(1) == [2, 1], "the new object is 2, the kept tail stays 1")
        #expect(numbers(2) == [1])
        #expect(numbers(3) == [3, 1], "a new object after one died still gets a new number")
        #expect(steps[1].picture.contains("|BA......|"))
        #expect(steps[1].picture.contains("A [0x11000, 0x12000) rw-  1 pages  obj 1 +1"))
        #expect(steps[3].picture.contains("|CA......|"))
    }

    @Test func partsOfASplitKeepTheirObjectsNumber() {
        let trace = Trace(universe: .tiny, steps: [
            Trace.Step(.mmap(0x3000, .readWrite)),
            Trace.Step(.mprotect(address: 0x11000, size: 0x1000, protection: .none)),
        ])
        let last = Replayer.run(trace, source: "memory").steps[1]
        #expect(last.observation!.regions.map { last.identities.number(of: $0.object) } == [1, 1, 1])
        #expect(last.picture.contains("|AaA.....|"))
    }
}
