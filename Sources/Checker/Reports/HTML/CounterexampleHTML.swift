import Model

/// A counterexample (a replayed trace) as HTML sections: one per step, with the operation, its
/// result, the properties it violates, and the SVG map after it (the pages the violations name
/// outlined), the ASCII picture folded underneath.
enum CounterexampleHTML {
    /// `anchor` prefixes the step ids ("cx" → "cx-step-1"), unique within the page.
    static func sections(_ replay: ReplayReport, anchor: String) -> String {
        var out = ""
        for step in replay.steps {
            let violating = !step.violations.isEmpty
            out += "<section class=\"step\(violating ? " violating" : "")\" id=\"\(anchor)-step-\(step.index)\">\n"
            let resultClass = step.result.isSuccess ? "ok" : "err"
            var heading = "<h3>\(step.index). <code>\(htmlEscaped(step.step.operation.description))</code> → <span class=\"\(resultClass)\">\(htmlEscaped(step.result.description))</span>"
            if let expected = step.step.expected, step.matched == false { heading += " <span class=\"err\">(expected \(htmlEscaped(expected.description)))</span>" }
            out += heading + "</h3>\n"
            if violating {
                out += "<ul class=\"violations\">"
                for v in step.violations { out += "<li><b>\(htmlEscaped(v.property))</b>: \(htmlEscaped(v.explanation))</li>" }
                out += "</ul>\n"
            }
            var named: Set<UInt64> = []
            for v in step.violations { named.formUnion(pagesNamed(in: v.explanation, universe: replay.trace.universe)) }
            // A streamed replay drops its observations; the HTML report keeps them.
            if let observation = step.observation {
                out += AddressSpaceSVG(observation: observation, universe: replay.trace.universe, identities: step.identities,
                                       highlighted: named, idSuffix: "\(anchor)-\(step.index)").markup + "\n"
            }
            out += "<details><summary>as text</summary><pre>\(htmlEscaped(step.picture))</pre></details>\n</section>\n"
        }
        return out
    }

    /// The steps section with its heading and the replay line.
    static func section(_ replay: ReplayReport, anchor: String, heading: String, tracePath: String?) -> String {
        var out = "<section class=\"counterexample\" id=\"\(anchor)\">\n<h2>\(htmlEscaped(heading))</h2>\n"
        if let tracePath { out += "<p>Trace: <code>\(htmlEscaped(tracePath))</code> — re-run with <code>regioncheck replay \(htmlEscaped(tracePath))</code></p>\n" }
        return out + sections(replay, anchor: anchor) + "</section>"
    }
}
