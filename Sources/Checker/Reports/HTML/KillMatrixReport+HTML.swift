/// `mutants --format html`: the kill matrix as a table whose cells link to each detector's
/// counterexample, then every counterexample with a map after each step.
extension KillMatrixReport {
    public var html: String {
        let kind = switch exitCode { case 0: "pass"; case 1: "violation"; default: "inconclusive" }
        var document = HTMLDocument(title: "regioncheck mutants — the kill matrix", setup: [
            ("detectors", detectors.joined(separator: ", ")), ("budgets", budgets.joined(separator: "; ")),
            ("properties", properties.joined(separator: ", ")), ("workers", "\(workers)"), ("traces", outputDirectory),
        ], verdict: (headline, kind))
        var table = "<section id=\"matrix\">\n<h2>Kill matrix</h2>\n<table class=\"matrix\"><tr><th>subject</th>"
        for detector in detectors { table += "<th>\(htmlEscaped(detector))</th>" }
        table += "<th>verdict</th></tr>\n"
        var counterexamples: [String] = []
        for row in rows + [reference] {
            table += "<tr><th><code>\(htmlEscaped(row.subject.name))</code></th>"
            // Green is what the matrix wants: a violation on a mutant, silence on the reference.
            let isReference = row.subject == .reference
            for result in row.results {
                switch result.verdict {
                case .violation(let f):
                    // An id without spaces, so the link's fragment needs no escaping.
                    let anchor = "cx-\(row.subject.name)-\(result.detector)".map { $0.isLetter || $0.isNumber || $0 == "-" ? $0 : "-" }.map(String.init).joined()
                    table += "<td class=\"\(isReference ? "bad" : "good")\"><a href=\"#\(htmlEscaped(anchor))\">\(htmlEscaped(f.violation.property))</a>, \(f.length) steps</td>"
                    let replay = Replayer.run(f.trace, source: f.tracePath)
                    counterexamples.append(CounterexampleHTML.section(
                        replay, anchor: anchor, heading: "\(row.subject.name) — \(result.detector): \(f.violation.property)", tracePath: f.tracePath))
                case .clean: table += "<td class=\"\(isReference ? "good" : "bad")\">clean</td>"
                case .inconclusive(let reason): table += "<td class=\"undecided\">inconclusive: \(htmlEscaped(reason))</td>"
                case .notApplicable(let reason): table += "<td>n/a: \(htmlEscaped(reason))</td>"
                }
            }
            let verdict = switch row.verdict { case .violated: row.subject == .reference ? "FALSE ALARM" : "killed"
                                               case .clean: row.subject == .reference ? "clean" : "SURVIVED"
                                               case .undecided: "undecided" }
            table += "<td>\(verdict)</td></tr>\n"
        }
        document.sections.append(table + "</table>\n</section>")
        document.sections.append(contentsOf: counterexamples)
        return document.markup
    }
}
