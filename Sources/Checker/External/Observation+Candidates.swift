import Model

extension Observation {
    /// How many aligned positions a randomized mmap of `size` bytes may take in the observed
    /// holes (the explorer's branches), counted by the checker's oracles with the design's
    /// rounding (`AlignmentRounding`: AK's mask for the page multiples that are not powers of two
    /// under `serenity`); 0 for a request the design rejects anyway (`MmapRequest`'s rules).
    func randomizedCandidateCount(size: UInt64, alignment: UInt64?, universe: Universe, design: Design) -> UInt64 {
        let letter = Operation.mmap(size: size, protection: .readWrite, placement: .randomized, address: nil, alignment: alignment, choice: nil)
        guard let request = MmapRequest(letter, pageSize: universe.pageSize, rounding: AlignmentRounding(of: design)) else { return 0 }
        return PlacementOracle.candidateCount(size: request.size, alignment: request.alignment,
                                              holes: HoleOracle.holes(of: regions.elements, in: universe.totalRange), rounding: request.rounding)
    }
}
