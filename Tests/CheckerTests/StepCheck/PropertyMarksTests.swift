@testable import Checker
import Testing

/// The step checker's marks against a `[Bool]`, on both sides of the one-word boundary.
struct PropertyMarksTests {
    @Test(arguments: [1, 63, 64, 65, 130])
    func marksAgreeWithABoolArray(count: Int) {
        var marks = PropertyMarks(count: count)
        var expected = [Bool](repeating: false, count: count)
        var generator = SplitMix64(seed: UInt64(count))
        for _ in 0 ..< 1_000 {
            let index = Int(generator.next() % UInt64(count)), value = generator.next() & 1 == 1
            marks[index] = value
            expected[index] = value
            #expect(marks[index] == value)
        }
        #expect((0 ..< count).map { marks[$0] } == expected)
        marks.clear()
        #expect((0 ..< count).allSatisfy { !marks[$0] })
    }
}
