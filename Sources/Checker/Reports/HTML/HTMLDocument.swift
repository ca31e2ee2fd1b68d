/// One self-contained HTML page (inline CSS, SVG and script, nothing fetched), written as
/// XHTML-compatible markup so a test can parse it with an XML parser. All user text goes
/// through `htmlEscaped(_:)`.
struct HTMLDocument {
    var title: String
    /// The run's setup, shown as a key/value table under the title.
    var setup: [(key: String, value: String)]
    /// The outcome line (PASS, VIOLATION …) and its CSS class.
    var verdict: (text: String, kind: String)
    /// Markup of the sections that follow, in order.
    var sections: [String] = []

    var markup: String {
        var out = "<!DOCTYPE html>\n<html xmlns=\"http://www.w3.org/1999/xhtml\" lang=\"en\">\n<head>\n<meta charset=\"utf-8\"/>\n"
        out += "<title>\(htmlEscaped(title))</title>\n<style>\n\(Self.style)</style>\n</head>\n<body>\n"
        out += "<header>\n<h1>\(htmlEscaped(title))</h1>\n<table class=\"setup\">\n"
        for row in setup { out += "<tr><th>\(htmlEscaped(row.key))</th><td>\(htmlEscaped(row.value))</td></tr>\n" }
        out += "</table>\n<p class=\"verdict \(verdict.kind)\">\(htmlEscaped(verdict.text))</p>\n</header>\n"
        for section in sections { out += section + "\n" }
        out += "<footer>Keys: j / k move between steps. Written by regioncheck.</footer>\n"
        out += "<script>\n\(Self.script)</script>\n</body>\n</html>\n"
        return out
    }

    static let style = """
        body { font: 14px/1.4 system-ui, sans-serif; margin: 1.5em auto; padding: 0 1em; max-width: 1000px; color: #222; }
        h1 { font-size: 1.4em; margin-bottom: .3em; }
        h2 { font-size: 1.15em; border-bottom: 1px solid #ccc; margin-top: 1.5em; }
        h3 { font-size: 1em; margin: .2em 0; }
        code, pre, .setup td { font-family: ui-monospace, monospace; }
        table { border-collapse: collapse; }
        th, td { text-align: left; padding: 2px 8px; border-bottom: 1px solid #eee; vertical-align: top; }
        .setup th { color: #555; font-weight: normal; white-space: nowrap; }
        .verdict { font-weight: bold; padding: .4em .6em; border-radius: 4px; }
        .pass { background: #e3f4e3; } .violation { background: #fbe3e3; } .inconclusive { background: #fdf3d8; }
        section.step { border-left: 4px solid #ddd; padding: .3em .8em; margin: .8em 0; }
        section.step.violating { border-left-color: #d33; }
        section.step.current { background: #f6f8ff; }
        .violations { color: #a00; margin: .2em 0; }
        .err { color: #a40; } .ok { color: #171; }
        td.num { text-align: right; font-family: ui-monospace, monospace; }
        td.good { background: #e3f4e3; } td.bad { background: #fbe3e3; } td.undecided { background: #fdf3d8; }
        svg text { font: 11px ui-monospace, monospace; }
        details pre { background: #f7f7f7; padding: .5em; overflow-x: auto; }
        footer { color: #888; margin-top: 2em; font-size: .9em; }

        """

    /// j / k move between steps. Written without '<' or '&' so the page stays well-formed XML.
    static let script = """
        document.addEventListener('keydown', function (e) {
          var steps = Array.prototype.slice.call(document.querySelectorAll('section.step'));
          if (steps.length === 0) { return; }
          var i = steps.findIndex(function (s) { return s.classList.contains('current'); });
          if (e.key === 'j') { i = Math.min(steps.length - 1, i + 1); } else if (e.key === 'k') { i = Math.max(0, i - 1); } else { return; }
          steps.forEach(function (s) { s.classList.remove('current'); });
          steps[i].classList.add('current');
          steps[i].scrollIntoView({ block: 'start' });
        });

        """
}

/// Escapes text for HTML element content or a quoted attribute.
func htmlEscaped(_ text: String) -> String { xmlEscaped(text) }
