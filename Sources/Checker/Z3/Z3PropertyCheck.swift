import Foundation
import Model
import Z3Bridge

/// The SMT-LIB2 property files (`Properties/*.smt2` plus `--properties-dir` folders) checked by
/// Z3 on model states and steps. The explorer and the random runner call `checkIfSelected` per
/// transition; counterexamples found by the Swift properties are confirmed with `confirm`.
///
/// Not thread-safe (a Z3 context is not): a parallel run makes one per worker, sharing the
/// loaded `properties` (plain values).
public final class Z3PropertyCheck {
    public let mode: Z3CheckMode
    public let sampling: Z3Sampling
    public let properties: [Z3Property]
    /// Seconds per query.
    public let timeout: Double
    let checker: Z3PropertyChecker

    /// Loads and validates the built-in property files and those of `extraDirectories`. A file
    /// Z3 rejects is an input error naming the file, line and column.
    public static func loadProperties(extraDirectories: [String] = [], builtIn: String? = nil) throws(InputError) -> [Z3Property] {
        do {
            let checker = try Z3PropertyChecker()
            return try Z3PropertyLoader.loadAll(builtIn: builtIn, extraDirectories: extraDirectories, checker: checker)
        } catch {
            throw Self.inputError(error)
        }
    }

    /// `properties` nil loads the built-in files plus `extraDirectories`.
    public init(mode: Z3CheckMode = .all, sampling: Z3Sampling = Z3Sampling(), properties: [Z3Property]? = nil,
                extraDirectories: [String] = [], timeout: Double = 10) throws(InputError) {
        self.mode = mode
        self.sampling = sampling
        self.timeout = timeout
        if let properties {
            self.properties = properties
        } else {
            self.properties = try Self.loadProperties(extraDirectories: extraDirectories)
        }
        do {
            checker = try Z3PropertyChecker(context: Z3Context(timeout: timeout))
        } catch {
            throw Self.inputError(error)
        }
    }

    public var ids: [String] { properties.map(\.id) }

    /// Whether the mode asks for `transition` to be checked.
    public func selects(_ transition: Transition) -> Bool {
        switch mode {
        case .all: true
        case .sampled: sampling.selects(transition)
        case .off: false
        }
    }

    /// The per-step hook: nil when the mode skips the step, else the verdict of every property
    /// file (state files on the state after the step, transition files on the step).
    public func checkIfSelected(_ transition: Transition) -> Z3StepVerdict? {
        selects(transition) ? check(transition) : nil
    }

    /// Checks every property file on the step: a violation wins over an undecided property.
    public func check(_ transition: Transition, only ids: Set<String>? = nil) -> Z3StepVerdict {
        var undecided: Z3StepVerdict?
        var stateFacts: Z3Facts?
        var transitionFacts: Z3Facts?
        for property in properties where ids?.contains(property.id) ?? true {
            let facts: Z3Facts
            switch property.kind {
            case .state:
                if stateFacts == nil { stateFacts = Z3FactsTranslator.state(transition.after.model!) }
                facts = stateFacts!
            case .transition:
                if transitionFacts == nil { transitionFacts = Z3FactsTranslator.transition(transition) }
                facts = transitionFacts!
            }
            switch verdict(property, facts) {
            case .holds: continue
            case let .violated(witness): return .violated(Violation(property: property.id, explanation: witness))
            case let .unknown(reason): undecided = undecided ?? .inconclusive(property: property.id, reason: reason)
            }
        }
        return undecided ?? .holds
    }

    /// Checks one state (the initial state of a run) against the state property files.
    public func check(state space: AddressSpace) -> Z3StepVerdict {
        let facts = Z3FactsTranslator.state(space)
        var undecided: Z3StepVerdict?
        for property in properties where property.kind == .state {
            switch verdict(property, facts) {
            case .holds: continue
            case let .violated(witness): return .violated(Violation(property: property.id, explanation: witness))
            case let .unknown(reason): undecided = undecided ?? .inconclusive(property: property.id, reason: reason)
            }
        }
        return undecided ?? .holds
    }

    /// Confirms a counterexample step with Z3: the verdict of the property file named like the
    /// Swift violation's property (`nil` when no file has that id), with Z3's witness text.
    public func confirm(_ violation: Violation, in transition: Transition) -> Z3StepVerdict? {
        guard properties.contains(where: { $0.id == violation.property }) else { return nil }
        return check(transition, only: [violation.property])
    }

    enum Answer { case holds, violated(String), unknown(String) }

    func verdict(_ property: Z3Property, _ facts: Z3Facts) -> Answer {
        do {
            switch try checker.check(property, facts: facts, timeout: timeout) {
            case .holds: return .holds
            case let .violated(witness): return .violated(witness.text)
            case let .unknown(reason): return .unknown(reason.description)
            }
        } catch {
            // An API failure is not a verdict: report it, never read it as "holds".
            return .unknown(error.description)
        }
    }

    /// A load-time Z3 error as bad input: `FILE:LINE:COLUMN: message` for a file Z3 rejected.
    static func inputError(_ error: Z3Error) -> InputError {
        switch error {
        case let .parse(file, line, column, message):
            InputError(source: "\(file):\(line):\(column)", message: message)
        case let .header(file, line, message):
            InputError(source: "\(file):\(line)", message: message)
        case let .io(path, message):
            InputError(source: path, message: message)
        default:
            InputError(source: "--properties-dir", message: error.description)
        }
    }
}
