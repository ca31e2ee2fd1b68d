import Model

/// One obligation's answer.
public enum ProveVerdict: Sendable {
    /// Z3 showed that no layout and request break the specification.
    case proved
    /// A layout and request where the algorithm and the specification disagree.
    case counterexample(ProveCounterexample)
    /// Z3 could not decide (time limit, incompleteness, an API failure): nothing is proved.
    case unknown(reason: String)
    /// The encoding was proved but no longer answers as the Swift code does, which meets the
    /// specification there: the proof is not about the code (`EncodingConformance`).
    case mismatch(EncodingMismatch)
}

/// A counterexample decoded from Z3's model into a readable layout.
public struct ProveCounterexample: Sendable {
    /// The regions of the layout, `[base, end)` in bytes, and their VMObject offsets in pages
    /// (split only; 0 otherwise).
    public var regions: [(base: UInt64, end: UInt64, offset: UInt64)]
    /// The request, e.g. "mmap anywhere of 0x2000 bytes, alignment 0x2000".
    public var request: String
    /// What the encoded algorithm returned.
    public var returned: String
    /// What the specification expected.
    public var expected: String
    /// The one-line witness, e.g. "the aligned hole 0x13000..0x15000 was free when mmap returned ENOMEM".
    public var witness: String
    /// What running the Swift code on the decoded layout gave, when it could be run (nil
    /// otherwise), and whether it agrees with the encoding's answer.
    public var swiftReturned: String?
    public var swiftAgrees: Bool?
    /// The request as a step the model can run after the layout is built (nil for a lemma's
    /// counterexample, which has no layout), so the counterexample can become a trace.
    public var operation: Operation?
}

/// One obligation's verdict, time and number of solver queries.
public struct ObligationResult: Sendable {
    public var obligation: ProveObligation
    public var verdict: ProveVerdict
    public var seconds: Double
    public var queries: Int
    /// What the conformance check compared before the obligation was called proved (nil when
    /// it was not reached: a counterexample or an undecided query came first).
    public var conformance: ConformanceSummary? = nil
}

/// Everything `prove` found.
public struct ProveReport: Sendable {
    public var regions: Int
    public var universe: Universe
    public var mutations: Mutations
    public var timeout: Double
    public var results: [ObligationResult]

    public var seconds: Double { results.reduce(0) { $0 + $1.seconds } }

    /// SPEC §5: 1 if any obligation has a counterexample, else 3 if any is undecided or its
    /// encoding no longer matches the code, else 0.
    public var exitCode: Int32 {
        if results.contains(where: { if case .counterexample = $0.verdict { true } else { false } }) { return 1 }
        if results.contains(where: { if case .proved = $0.verdict { false } else { true } }) { return 3 }
        return 0
    }
}
