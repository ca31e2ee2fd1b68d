import Model

extension Observation {
    /// How many aligned positions a randomized mmap of `size` bytes may take in the observed
    /// holes (the explorer's branches), counted by the checker's oracles; 0 for a request that
    /// is invalid anyway.
    func randomizedCandidateCount(size: UInt64, alignment: UInt64?, universe: Universe) -> UInt64 {
        let P = universe.pageSize
        let (rounded, overflow) = size.roundedUp(to: P)
        let align = alignment ?? P
        guard size > 0, !overflow, align >= P, align.isPowerOfTwo, !rounded.addingReportingOverflow(align).overflow else { return 0 }
        return PlacementOracle.candidateCount(size: rounded, alignment: align, holes: HoleOracle.holes(of: regions, in: universe.totalRange))
    }
}
