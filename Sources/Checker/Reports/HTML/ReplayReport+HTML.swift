/// `replay --format html`: one page for every trace replayed, each trace a section of steps
/// with a map after every step.
extension ReplayOutputs {
    public static func html(_ reports: [ReplayReport]) -> String {
        let clean = reports.allSatisfy(\.clean)
        var document = HTMLDocument(title: "regioncheck replay — \(reports.count) trace\(reports.count == 1 ? "" : "s")", setup: [
            ("traces", reports.map(\.source).joined(separator: ", ")),
            ("properties", reports.first?.propertyIDs.joined(separator: ", ") ?? ""),
        ], verdict: (clean ? "ok: every expectation matched, no property violated"
                           : "\(reports.count { !$0.clean }) of \(reports.count) traces failed or reproduced a violation", clean ? "pass" : "violation"))
        for (i, report) in reports.enumerated() {
            var section = "<section class=\"trace\" id=\"trace-\(i + 1)\">\n<h2>\(htmlEscaped(report.source))</h2>\n"
            if let description = report.trace.description { section += "<p>\(htmlEscaped(description))</p>\n" }
            section += "<p>universe <code>\(htmlEscaped(report.trace.universe.description))</code>, design \(report.trace.design.rawValue), mutants \(htmlEscaped("\(report.trace.mutations)"))</p>\n"
            section += "<p class=\"verdict \(report.clean ? "pass" : "violation")\">\(htmlEscaped(report.summary))</p>\n"
            section += CounterexampleHTML.sections(report, anchor: "t\(i + 1)") + "</section>"
            document.sections.append(section)
        }
        return document.markup
    }
}
