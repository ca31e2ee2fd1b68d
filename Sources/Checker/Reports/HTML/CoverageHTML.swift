/// The coverage of a run as HTML: steps judged non-vacuously per property (a property never
/// exercised is marked), and the results of each operation.
enum CoverageHTML {
    static func section(_ coverage: Coverage, properties ids: [String]) -> String {
        var out = "<section id=\"coverage\">\n<h2>Coverage: \(coverage.steps.grouped) steps</h2>\n"
        out += "<p>\(htmlEscaped(coverage.passPhrase(ids)))</p>\n<table class=\"coverage\"><tr><th>property</th><th>steps judged non-vacuously</th></tr>\n"
        for id in ids {
            let n = coverage.judged(id)
            out += "<tr><td><code>\(htmlEscaped(id))</code></td><td class=\"num\(n == 0 ? " bad" : "")\">\(n == 0 ? "never" : n.grouped)</td></tr>\n"
        }
        out += "</table>\n"
        let shown = coverage.resultsSeen
        out += "<table class=\"results\"><tr><th>operation</th><th>steps</th>" + shown.map { "<th>\(htmlEscaped($0))</th>" }.joined() + "</tr>\n"
        for kind in OperationKind.allCases where coverage.count(kind) > 0 {
            out += "<tr><td>\(htmlEscaped(kind.name))</td><td class=\"num\">\(coverage.count(kind).grouped)</td>"
                + shown.map { "<td class=\"num\">\(coverage.count(kind, $0).grouped)</td>" }.joined() + "</tr>\n"
        }
        return out + "</table>\n</section>"
    }
}
