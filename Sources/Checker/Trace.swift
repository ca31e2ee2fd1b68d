import Model

/// A replayable run: the universe, the design, the mutants switched on, and the steps, each with
/// an optional expected result. Counterexamples are written as traces; hand-written scenarios are
/// traces too. The JSON format is documented in the README ("Trace files").
public struct Trace: Sendable, Hashable {
    public static let format = "regioncheck-trace"
    public static let version = 1

    public struct Step: Sendable, Hashable {
        public var operation: Operation
        public var expected: ExpectedResult?
        public var note: String?
        public init(_ operation: Operation, expected: ExpectedResult? = nil, note: String? = nil) {
            self.operation = operation
            self.expected = expected
            self.note = note
        }
    }

    public var universe: Universe
    public var design: Design
    public var mutations: Mutations
    /// Fixes switched on in the `serenity` design.
    public var serenityFixes: SerenityFixes
    public var description: String?
    /// For a counterexample: the id of the property it violates, checked again on replay.
    public var violates: String?
    public var steps: [Step]
    /// For a run through `--implementation`: the library it ran on, and its hash then.
    public var implementation: TraceImplementation?

    public init(universe: Universe, design: Design = .reference, mutations: Mutations = [], serenityFixes: SerenityFixes = [],
                description: String? = nil, violates: String? = nil, steps: [Step]) {
        self.universe = universe
        self.design = design
        self.serenityFixes = serenityFixes
        self.mutations = mutations
        self.description = description
        self.violates = violates
        self.steps = steps
    }
}

/// The external implementation a trace was recorded on (`--implementation`).
public struct TraceImplementation: Sendable, Hashable {
    public var path: String
    /// FNV-1a 64 of the library's bytes, 16 hex digits.
    public var hash: String
    public init(path: String, hash: String) {
        self.path = path
        self.hash = hash
    }
}
