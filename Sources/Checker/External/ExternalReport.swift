import Model

/// A shortest (explore) or shrunk (random) run that violates a property on an external
/// implementation, as a trace that `replay --implementation` re-runs.
public struct ExternalCounterexample: Sendable {
    public var steps: [Operation]
    public var violation: Violation
    public var universe: Universe
    public var implementation: ImplementationSpec
    /// Whose errno conventions the run judged by.
    public var design: Design = .reference

    public var trace: Trace {
        var trace = Trace(universe: universe, design: design, description: "\(violation.property) on \(implementation.path)",
                          violates: violation.property, steps: steps.map { Trace.Step($0) })
        trace.implementation = TraceImplementation(path: implementation.path, hash: implementation.hash)
        return trace
    }
}

/// What `explore`, `random` or `replay` with `--implementation` found.
public struct ExternalReport: Sendable {
    public struct Level: Sendable {
        public var depth: Int
        public var generated = 0
        public var distinct = 0
        public init(depth: Int) { self.depth = depth }
    }

    public enum Outcome: Sendable {
        case pass
        case violation(ExternalCounterexample)
        case inconclusive(String)
    }

    public var verb: String
    public var universe: Universe
    public var implementation: ImplementationSpec
    public var capabilities: ObservationCapabilities
    public var checked: [String]
    /// Properties the implementation's capabilities cannot feed.
    public var skipped: [String]
    public var levels: [Level] = []
    /// Distinct states, the initial one included (explore).
    public var totalDistinct = 0
    /// Steps run (random).
    public var stepsRun = 0
    public var outcome: Outcome = .pass
    public var seconds = 0.0
    /// Requests to the worker (each replays a path from a fresh instance).
    public var requests = 0

    public var counterexample: ExternalCounterexample? { if case .violation(let c) = outcome { c } else { nil } }

    public var exitCode: Int32 {
        switch outcome {
        case .pass: 0
        case .violation: 1
        case .inconclusive: 3
        }
    }

    public var generated: Int { levels.reduce(0) { $0 + $1.generated } }

    public func text(tracePath: String?) -> String {
        var lines = ["\(verb) \(universe.name) through \(implementation.path) (fnv1a \(implementation.hash))"]
        lines.append("  capabilities: \(capabilities.names.joined(separator: ", "))")
        lines.append("  checked: \(checked.joined(separator: ", "))")
        if !skipped.isEmpty { lines.append("  skipped (not reported by the implementation): \(skipped.joined(separator: ", "))") }
        for level in levels {
            lines.append("  depth \(level.depth): \(level.generated) transitions, \(level.distinct) new states")
        }
        let rate = seconds > 0 ? Int(Double(max(generated, stepsRun)) / seconds) : 0
        let work = verb == "random" ? "\(stepsRun) steps" : "\(generated) transitions, \(totalDistinct) distinct states"
        switch outcome {
        case .pass:
            lines.append("ok: \(work), \(formatSeconds(seconds)) s (\(rate)/s), no property violated")
        case .inconclusive(let why):
            lines.append("INCONCLUSIVE: \(why) (\(work))")
        case .violation(let c):
            lines.append("VIOLATION \(c.violation.property) after \(c.steps.count) step(s): \(c.violation.explanation)")
            for (i, step) in c.steps.enumerated() { lines.append("  \(i + 1). \(step)") }
            if let tracePath { lines.append("trace written to \(tracePath); reproduce: regioncheck replay \(tracePath) --implementation \(implementation.path)") }
        }
        return lines.joined(separator: "\n")
    }
}

extension ObservationCapabilities {
    /// The flags' names, as the header spells them (without RC_CAP_).
    public var names: [String] {
        let all: [(ObservationCapabilities, String)] = [(.regions, "regions"), (.pageTables, "page-tables"), (.tlb, "tlb"), (.objectsAndFrames, "objects"),
         (.heapAllocations, "heap"), (.access, "access")]
        return all.filter { contains($0.0) }.map(\.1)
    }
}
