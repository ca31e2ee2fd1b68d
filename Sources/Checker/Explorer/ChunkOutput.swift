import Model

/// The new states one chunk of the frontier produced, in the order they were found.
struct CandidateBuffer {
    var bytes: [UInt8] = []
    var ends: [Int] = []
    var hashes: [UInt64] = []
    var parents: [UInt32] = []
    var branches: [UInt32] = []
    var layoutBytes: [UInt8] = []
    var layoutEnds: [Int] = []

    var count: Int { ends.count }

    mutating func append(encoding: [UInt8], hash: UInt64, parent: Int, branch: Branch, layout: [UInt8]) {
        bytes.append(contentsOf: encoding)
        ends.append(bytes.count)
        hashes.append(hash)
        parents.append(UInt32(parent))
        branches.append(branch.packed)
        layoutBytes.append(contentsOf: layout)
        layoutEnds.append(layoutBytes.count)
    }
}

/// What expanding one chunk of the frontier found.
struct ChunkOutput {
    /// Transitions checked, up to and including a violating one.
    var generated = 0
    /// What those transitions exercised.
    var coverage = Coverage()
    var candidates = CandidateBuffer()
    /// The first violating transition of the chunk, in branch order.
    var violation: (parent: Int, branch: Branch, violation: Violation)?
    /// Z3 could not decide a selected step (the chunk stopped there): the run is inconclusive.
    var undecided: String?
}
