import Model

/// Re-runs a trace step by step on a fresh address space, compares each result with the step's
/// expectation, and checks every selected property around every step.
public struct ReplayReport: Sendable {
    public struct StepOutcome: Sendable {
        public var index: Int
        public var step: Trace.Step
        public var result: OperationResult
        /// nil when the step carries no expectation.
        public var matched: Bool?
        /// Every selected property the step violates, in catalogue order.
        public var violations: [Violation]
        /// The address space after the step, as the implementation reported it (nil once a
        /// streamed replay has handed the step on: a long trace keeps no state per step).
        public var observation: Observation?
        /// The counterexample's stable object numbers after the step (empty once a streamed
        /// replay has handed the step on).
        public var identities: ObjectIdentities
        /// The address space after the step, drawn from `observation` with `identities` (empty
        /// when the replay draws no pictures).
        public var picture: String
    }

    public var trace: Trace
    public var source: String
    public var steps: [StepOutcome]
    /// The properties checked.
    public var propertyIDs: [String]
    /// What the steps exercised.
    public var coverage = Coverage()
    public var mismatches: Int { steps.count { $0.matched == false } }
    /// Outcomes that still hold a picture or an observation (0 for a streamed replay).
    public var statesKept: Int { steps.count { !$0.picture.isEmpty || $0.observation != nil } }
    public var expectationsChecked: Int { steps.count { $0.matched != nil } }
    /// Steps on which at least one property is violated.
    public var violatingSteps: [StepOutcome] { steps.filter { !$0.violations.isEmpty } }
    /// The first step that violates the trace's `violates` property; nil when it is not
    /// violated again (or the trace names none).
    public var reproduction: StepOutcome? {
        guard let id = trace.violates else { return nil }
        return steps.first { $0.violations.contains { $0.property == id } }
    }
    /// Every expectation matched (whatever the properties say).
    public var passed: Bool { mismatches == 0 }
    /// Every expectation matched and no property is violated: what `replay` exits 0 on.
    public var clean: Bool { passed && violatingSteps.isEmpty }
}

public enum Replayer {
    /// What a replay keeps of each step's address space.
    public enum Pictures: Sendable {
        /// Kept in every outcome (for reports that show the steps afterwards: text, HTML).
        case kept
        /// Drawn, handed to `each`, and dropped with the observation: a long trace's steps never pile up.
        case streamed
        /// Not drawn at all (`--quiet`, CI formats); the observation is dropped too.
        case none
    }

    /// With `z3`, the property files it selects are checked on every step too (a user file's
    /// violation is reported like a Swift property's, so its counterexamples reproduce).
    /// `each` sees every outcome as soon as its step ran (with its picture unless `.none`).
    public static func run(_ trace: Trace, source: String, properties: PropertySet = PropertySet(), z3: Z3PropertyCheck? = nil,
                           pictures: Pictures = .kept, each: ((ReplayReport.StepOutcome) -> Void)? = nil) -> ReplayReport {
        // In place: a failed step undoes its writes from the journal instead of copying the state.
        // The observer records what each step writes (the region tree's slots, so that `tree-shape`
        // judges only those, and every stored array's positions, so that the observation is
        // patched rather than rebuilt).
        var observer = IncrementalObserver(space: AddressSpace(
            universe: trace.universe, design: trace.design, mutations: trace.mutations, serenityFixes: trace.serenityFixes, rollback: .journal))
        var outcomes: [ReplayReport.StepOutcome] = []
        outcomes.reserveCapacity(trace.steps.count)
        var identities = ObjectIdentities()
        var coverage = Coverage()
        // The state after a step is the next step's state before (observed once), and the
        // checker judges the state parts on what each step changed.
        var checker = StepChecker(properties)
        var current = ObservedState(model: observer.space, observation: observer.observation)
        for (i, step) in trace.steps.enumerated() {
            let (result, delta) = observer.step(step.operation)
            var transition = Transition(before: current, operation: step.operation, result: result,
                                        after: ObservedState(model: observer.space, observation: observer.observation))
            // The next step's state before keeps only its observation (Z3's facts need the model):
            // holding the model would make the next step copy every array it writes.
            current = z3 == nil ? transition.after.withoutModel() : transition.after
            // The after-state's own observation, made once and shared with the properties; none
            // at all when no picture is drawn and no property asks.
            let observed = pictures == .none ? nil : transition.after.observation
            if let observed {
                identities.advance(to: observed, created: ObjectIdentities.created(by: step.operation, result: transition.result, after: observed))
            }
            // Checked in place; coverage's lookups then bisect by the order facts the checker set on it.
            var violations = checker.allViolations(preparing: &transition, delta: delta)
            coverage.record(transition)
            if let z3, z3.selects(transition), let disagreement = z3.check(transition).disagreement,
               !violations.contains(where: { $0.property == disagreement.property }) {
                violations.append(disagreement)
            }
            var outcome = ReplayReport.StepOutcome(
                index: i + 1, step: step, result: transition.result,
                matched: step.expected.map { $0.matches(transition.result) },
                violations: violations, observation: observed, identities: identities,
                picture: observed?.picture(universe: trace.universe, identities: identities, notes: observer.space.pictureNotes) ?? "")
            each?(outcome)
            if pictures != .kept {
                // Nothing of the state stays behind: a step's outcome is O(1) in the trace's length.
                outcome.picture = ""
                outcome.observation = nil
                outcome.identities = ObjectIdentities()
            }
            outcomes.append(outcome)
        }
        withExtendedLifetime(observer) {}
        let z3IDs = (z3?.ids ?? []).filter { !properties.ids.contains($0) }
        return ReplayReport(trace: trace, source: source, steps: outcomes, propertyIDs: properties.ids + z3IDs, coverage: coverage)
    }
}

extension PropertySet {
    /// Every selected property a step violates, in catalogue order.
    public func allViolations(_ transition: Transition) -> [Violation] {
        let conventions = conventions ?? ErrorConventions(of: transition.before.design)
        return properties.compactMap { $0.check(transition, conventions: conventions) }
    }
}

extension ReplayReport {
    /// Each step, its result, whether it matched, the properties it violates, and the address
    /// space after it; the last line is the summary.
    public var text: String {
        var lines = Self.header(of: trace, source: source)
        for outcome in steps { lines += Self.lines(of: outcome) }
        lines += coverageLines
        lines.append(summary)
        return lines.joined(separator: "\n")
    }

    /// What the steps exercised (printed after them, before the summary).
    public var coverageLines: [String] { coverage.lines(properties: propertyIDs, setup: "\(steps.count) trace steps") }

    /// The lines before the steps (what `replay` prints before streaming them).
    public static func header(of trace: Trace, source: String) -> [String] {
        var lines: [String] = []
        lines.append("replay \(source)")
        if let description = trace.description { lines.append("  \(description)") }
        lines.append("  universe \(trace.universe)")
        lines.append("  design \(trace.design.rawValue), mutants \(trace.mutations)")
        return lines
    }

    /// One step: operation, result, expectation, note, violations, then its picture if drawn.
    public static func lines(of outcome: StepOutcome) -> [String] {
        var lines: [String] = []
        var line = "\(outcome.index). \(outcome.step.operation) → \(outcome.result)"
        switch (outcome.matched, outcome.step.expected) {
        case (true?, let e?): line += "   ✓ expected \(e)"
        case (false?, let e?): line += "   ✗ MISMATCH: expected \(e)"
        default: break
        }
        if let note = outcome.step.note { line += "   (\(note))" }
        lines.append(line)
        for violation in outcome.violations { lines.append("   ✗ VIOLATES \(violation)") }
        if !outcome.picture.isEmpty { lines.append(outcome.picture) }
        return lines
    }

    /// Each step as "N. operation → result", the short form reports and CI outputs list.
    public var stepLines: [String] { steps.map { "\($0.index). \($0.step.operation) → \($0.result)" } }

    /// One line: expectations, violations, and whether the trace's `violates` came back.
    public var summary: String {
        var parts: [String] = []
        parts.append(mismatches == 0
            ? "\(expectationsChecked) expectations matched"
            : "\(mismatches) of \(expectationsChecked) expectations did not match")
        let violated = violatingSteps
        if violated.isEmpty {
            parts.append("no property violated (\(propertyIDs.count) checked)")
        } else {
            let first = violated[0]
            parts.append("\(violated.count) step(s) violate a property, first step \(first.index): \(first.violations[0].property)")
        }
        if let id = trace.violates {
            let unchecked = propertyIDs.contains(id) ? "" : " (not checked: give its file with --properties-dir)"
            parts.append(reproduction.map { "\(id) reproduced at step \($0.index)" } ?? "\(id) NOT reproduced\(unchecked)")
        }
        return verdictWord + ": \(steps.count) steps, " + parts.joined(separator: ", ")
    }

    /// "ok" for a clean replay; "reproduced" when every expectation matched and the trace's
    /// `violates` came back (what a counterexample trace is for); "FAILED" otherwise.
    public var verdictWord: String {
        if clean { return "ok" }
        if passed, reproduction != nil { return "reproduced" }
        return "FAILED"
    }

    /// The summary prefixed with the trace file, so `--quiet` over many files says which is which.
    public var namedSummary: String { "\(source): \(summary)" }
}
