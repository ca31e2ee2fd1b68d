/// `random --format html`: the setup, the verdict, the per-operation results and the shrunk
/// counterexample with a map after every step.
extension RandomReport {
    public var html: String {
        let o = options
        let verdict: (String, String)
        if let f = failure { verdict = ("FAIL \(f.violation.property): \(f.violation.explanation)", "violation") }
        else if let reason = inconclusive { verdict = ("INCONCLUSIVE: \(reason)", "inconclusive") }
        else if checking { verdict = ("PASS: no property violated in \(statistics.steps) steps of \(statistics.runs) runs", "pass") }
        else { verdict = ("done: \(statistics.steps) steps of \(statistics.runs) runs, properties not checked", "pass") }
        var document = HTMLDocument(title: "regioncheck random — \(universe.name), \(design.rawValue)", setup: [
            ("design", design.rawValue), ("mutants", "\(mutations)"), ("universe", "\(universe)"),
            ("seed", "\(o.seed)"), ("bound", "\(o.runs) runs × \(o.steps) steps"),
            ("properties", checking ? properties.joined(separator: ", ") : "not checked"), ("workers", "\(o.workers)"),
        ], verdict: verdict)
        document.sections.append("<section id=\"statistics\">\n<h2>Statistics</h2>\n<pre>\(htmlEscaped(statisticsText))</pre>\n</section>")
        if let f = failure {
            let replay = Replayer.run(f.trace, source: "counterexample")
            var heading = "Counterexample, shrunk to \(f.shrunkLength) steps"
            if case let .run(index, seed, _) = f.origin { heading += " (run \(index + 1), run seed \(seed))" }
            document.sections.append(CounterexampleHTML.section(replay, anchor: "cx", heading: heading, tracePath: f.writtenTo.first))
        }
        if checking { document.sections.append(CoverageHTML.section(statistics.coverage, properties: properties)) }
        return document.markup
    }
}
