import Checker
import Testing

/// The generator must be the published SplitMix64, so a seed means the same run everywhere.
@Test func splitMix64MatchesTheReferenceStream() {
    // Outputs of the reference C implementation (Vigna's splitmix64.c) for seeds 0 and 42.
    var zero = SplitMix64(seed: 0)
    #expect([zero.next(), zero.next(), zero.next()] == [16_294_208_416_658_607_535, 7_960_286_522_194_355_700, 487_617_019_471_545_679])
    var fortyTwo = SplitMix64(seed: 42)
    #expect([fortyTwo.next(), fortyTwo.next(), fortyTwo.next()] == [13_679_457_532_755_275_413, 2_949_826_092_126_892_291, 5_139_283_748_462_763_858])
}

@Test func boundedDrawsStayInRangeAndWeightsAreHonoured() {
    var rng = SplitMix64(seed: 9)
    var hits = [0, 0, 0]
    for _ in 0 ..< 30_000 {
        let v = rng.below(7)
        #expect(v < 7)
        hits[rng.pick(weights: [1, 0, 2])] += 1
    }
    #expect(hits[1] == 0, "a zero weight is never picked")
    #expect(hits[2] > hits[0] * 3 / 2 && hits[2] < hits[0] * 5 / 2, "weight 2 is picked about twice as often as weight 1: \(hits)")
}

@Test func runSeedsFollowFromTheFirst() {
    #expect(RandomCheck.nextSeed(after: 0) != 0)
    #expect(RandomCheck.nextSeed(after: 5) == RandomCheck.nextSeed(after: 5))
    #expect(RandomCheck.nextSeed(after: 5) != RandomCheck.nextSeed(after: 6))
}
