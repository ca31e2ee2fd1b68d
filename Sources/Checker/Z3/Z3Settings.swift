import Model
import Z3Bridge

/// What `--z3`, `--z3-timeout` and `--properties-dir` ask of an explore or random run: the mode,
/// and the property files, loaded and validated once (a malformed file is bad input before
/// anything runs). Each thread makes its own `Z3PropertyCheck` from it (Z3 contexts are not
/// thread-safe); the files are plain values shared by all.
public struct Z3Settings: Sendable {
    public var mode: Z3CheckMode
    public var sampling: Z3Sampling
    public var properties: [Z3Property]
    /// Seconds per query.
    public var timeout: Double

    public init(mode: Z3CheckMode, sampling: Z3Sampling = Z3Sampling(), extraDirectories: [String] = [], timeout: Double = 10) throws(InputError) {
        self.mode = mode
        self.sampling = sampling
        self.properties = try Z3PropertyCheck.loadProperties(extraDirectories: extraDirectories)
        self.timeout = timeout
    }

    public func makeCheck() throws(InputError) -> Z3PropertyCheck {
        try Z3PropertyCheck(mode: mode, sampling: sampling, properties: properties, timeout: timeout)
    }
}

extension Z3StepVerdict {
    /// A step the Swift properties passed but a Z3 property file rejects, as a violation of
    /// that file's property with Z3's witness.
    var disagreement: Violation? {
        guard case let .violated(v) = self else { return nil }
        return Violation(property: v.property, explanation: "\(v.explanation) (Z3, from the property file; the Swift properties hold)")
    }
}

/// Confirms a counterexample with Z3: replays the trace to its last step and asks the property
/// file named like the violated property.
public enum Z3Confirmation {
    /// "Z3 confirms: <witness>", "Z3 does not confirm: ...", "Z3 undecided: ...", or nil when
    /// no property file has the violation's id (or the trace has no step).
    public static func text(for violation: Violation, trace: Trace, check: Z3PropertyCheck) -> String? {
        var space = AddressSpace(universe: trace.universe, design: trace.design, mutations: trace.mutations, serenityFixes: trace.serenityFixes)
        var last: Transition?
        for step in trace.steps {
            let t = Transition(applying: step.operation, to: space)
            last = t
            space = t.after.model!
        }
        guard let last, let verdict = check.confirm(violation, in: last) else { return nil }
        switch verdict {
        case let .violated(v): return "Z3 confirms \(v.property): \(v.explanation)"
        case .holds: return "Z3 does not confirm \(violation.property): its property file holds on this step"
        case let .inconclusive(property, reason): return "Z3 could not decide \(property): \(reason)"
        }
    }

    /// As `text(for:trace:check:)` with the built-in property files; nil when they cannot be loaded.
    public static func text(for violation: Violation, trace: Trace, settings: Z3Settings?) -> String? {
        let check: Z3PropertyCheck
        do throws(InputError) {
            if let settings { check = try settings.makeCheck() } else { check = try Z3PropertyCheck(mode: .off) }
        } catch {
            return nil
        }
        return text(for: violation, trace: trace, check: check)
    }
}
