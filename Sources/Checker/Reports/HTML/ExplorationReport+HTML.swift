/// `explore --format html`: the setup, the verdict, the per-depth chart and the counterexample
/// with a map of the address space after every step.
extension ExplorationReport {
    public func html(tracePath: String? = nil) -> String {
        let verdict: (String, String)
        switch outcome {
        case .pass(let exhausted):
            verdict = ("PASS: all \(propertyIDs.count) properties hold on every transition up to depth \(depthBound)"
                + (exhausted ? " (the reachable state space is exhausted)" : ""), "pass")
        case .inconclusive(let reason): verdict = ("INCONCLUSIVE: \(reason)", "inconclusive")
        case .violation(let c): verdict = ("VIOLATION of \(c.violation.property) at depth \(c.depth): \(c.violation.explanation)", "violation")
        }
        var document = HTMLDocument(title: "regioncheck explore — \(universe.name), \(design.rawValue)", setup: [
            ("design", design.rawValue), ("mutants", "\(mutations)"), ("universe", "\(universe)"),
            ("alphabet", "\(alphabetSize) letters: \(settings.summary)"), ("depth bound", "\(depthBound)"),
            ("properties", propertyIDs.joined(separator: ", ")), ("workers", "\(workers)"),
            ("states", "\(totalDistinct.grouped) distinct, \(totalGenerated.grouped) transitions"),
        ], verdict: verdict)
        document.sections.append(DepthChartHTML.section(levels))
        if let c = counterexample {
            document.sections.append(CounterexampleHTML.section(
                c.replay, anchor: "cx", heading: "Counterexample, \(c.trace.steps.count) steps from the empty address space", tracePath: tracePath))
        }
        // After the counterexample, which is what a reader came for.
        document.sections.append(CoverageHTML.section(coverage, properties: propertyIDs))
        return document.markup
    }
}
