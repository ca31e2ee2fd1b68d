@testable import Checker
import Testing

/// `ObservedList` behaves as an array of the same elements whatever its layout: random splices,
/// inserts, removes and writes against an `Array` doing the same, across the lengths where it
/// turns chunked (above 2,048) and flat again (below 1,024), and equal lists equal and hashing
/// alike across layouts.
struct ObservedListTests {
    /// The list's elements, count, indices and iteration all say what the reference says.
    static func expectSame(_ list: ObservedList<Int>, _ reference: [Int], _ context: @autoclosure () -> String) {
        #expect(list.count == reference.count, "\(context())")
        #expect(list.elements == reference, "\(context())")
        #expect(Array(list) == reference, "\(context())")
        #expect(list.indices == reference.indices, "\(context())")
        if !reference.isEmpty {
            #expect(list[0] == reference[0] && list[list.count - 1] == reference[reference.count - 1], "\(context())")
        }
    }

    @Test func randomEditsMatchAnArray() {
        var rng = SplitMix64(seed: 17)
        var list = ObservedList<Int>(), reference: [Int] = []
        var next = 0
        var sawChunked = false, sawFlatAgain = false
        // Grow past the chunked threshold, shrink below the flat one, grow again.
        for (phase, target) in [5000, 300, 4000, 0].enumerated() {
            var step = 0
            while (target > reference.count ? reference.count < target : reference.count > target) || step < 50 {
                step += 1
                let growing = target > reference.count
                let lower = Int(rng.next() % UInt64(reference.count + 1))
                let upper = min(reference.count, lower + Int(rng.next() % 40))
                let made = Int(rng.next() % 40)
                let removed = upper - lower
                // Bias the lengths towards the target.
                let new = (0 ..< (growing ? made + removed / 2 : made / 4)).map { _ in next &+= 1; return next }
                switch rng.next() % 5 {
                case 0:
                    list.insert(new.first ?? -1, at: lower)
                    reference.insert(new.first ?? -1, at: lower)
                case 1 where !reference.isEmpty:
                    let at = Int(rng.next() % UInt64(reference.count))
                    #expect(list.remove(at: at) == reference.remove(at: at))
                case 2 where !reference.isEmpty:
                    let at = Int(rng.next() % UInt64(reference.count))
                    list[at] = -at
                    reference[at] = -at
                case 3:
                    list.append(contentsOf: new)
                    reference.append(contentsOf: new)
                default:
                    list.replaceSubrange(lower ..< upper, with: new)
                    reference.replaceSubrange(lower ..< upper, with: new)
                }
                if !list.isFlat { sawChunked = true } else if sawChunked { sawFlatAgain = true }
                if step % 16 == 0 { Self.expectSame(list, reference, "phase \(phase) step \(step)") }
            }
            Self.expectSame(list, reference, "end of phase \(phase)")
        }
        #expect(sawChunked && sawFlatAgain)
    }

    @Test func aLongSpliceChunksAndAShortOneStaysFlat() {
        var list: ObservedList<Int> = [1, 2, 3]
        list.replaceSubrange(1 ..< 2, with: [7, 8])
        #expect(list.isFlat && list.elements == [1, 7, 8, 3])
        list.replaceSubrange(0 ..< 0, with: Array(0 ..< 3000))
        #expect(!list.isFlat)
        #expect(list.count == 3004 && list[2999] == 2999 && list[3000] == 1 && list[3003] == 3)
        // Insertions at piece boundaries and at the end land where an array puts them.
        var reference = list.elements
        for at in [0, 1024, 1025, 2048, reference.count] {
            list.insert(-at, at: at)
            reference.insert(-at, at: at)
        }
        Self.expectSame(list, reference, "boundaries")
        list.removeSubrange(10 ..< list.count - 10)
        reference.removeSubrange(10 ..< reference.count - 10)
        #expect(list.isFlat)
        Self.expectSame(list, reference, "flat again")
    }

    @Test func equalListsAreEqualAndHashAlikeInEitherLayout() {
        let elements = Array(0 ..< 3000)
        let flat = ObservedList(elements)
        var chunked = ObservedList<Int>()
        chunked.replaceSubrange(0 ..< 0, with: elements)
        #expect(flat.isFlat && !chunked.isFlat)
        #expect(flat == chunked && chunked == flat)
        #expect(flat.hashValue == chunked.hashValue && flat.hashValue == elements.hashValue)
        var other = chunked
        #expect(other == chunked && other.sharesStorage(with: chunked))
        other[1500] = -1
        #expect(other != chunked && chunked[1500] == 1500)
        #expect(!other.sharesStorage(with: chunked))
        other[1500] = 1500
        #expect(other == chunked && other.hashValue == chunked.hashValue)
        var shorter = chunked
        shorter.removeLast()
        #expect(shorter != chunked)
        #expect(ObservedList<Int>() == [] && ObservedList([1]).hashValue == [1].hashValue)
    }

    @Test func aCopyIsUntouchedByWritesToTheOriginal() {
        var list = ObservedList<Int>()
        list.append(contentsOf: 0 ..< 2500)
        list.insert(-1, at: 1)
        let copy = list
        list.replaceSubrange(100 ..< 2000, with: [5])
        list[0] = 42
        #expect(copy.count == 2501 && copy[0] == 0 && copy[1] == -1 && copy[2500] == 2499)
        #expect(list.count == 602 && list[0] == 42)
    }

    @Test func indicesSlicesAndSearchesReadTheElements() {
        var list = ObservedList<Int>()
        list.replaceSubrange(0 ..< 0, with: (0 ..< 5000).map { $0 * 2 })
        #expect(!list.isFlat && list.startIndex == 0 && list.endIndex == 5000)
        #expect(list.index(after: 7) == 8 && list.index(before: 7) == 6 && list.index(3, offsetBy: 4000) == 4003)
        #expect(Array(list[1020 ..< 1030]) == (1020 ..< 1030).map { $0 * 2 })
        #expect(list[1020 ..< 1030].startIndex == 1020)
        #expect(list.partitionIndex { $0 < 6001 } == 3001)
        #expect(list.contains { $0 == 9998 } && !list.contains { $0 == 9999 })
        #expect(list.firstIndex(of: 4096) == 2048)
        var sorted = list
        sorted.sort { $0 > $1 }
        #expect(sorted.first == 9998 && sorted.last == 0 && sorted.count == 5000)
        list.refill(reservingCapacity: 3) { $0 += [3, 2, 1] }
        #expect(list.isFlat && list.elements == [3, 2, 1])
    }
}
