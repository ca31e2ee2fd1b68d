import Foundation

/// The explorer's per-depth table as a small bar chart (new distinct states per depth, on a log
/// scale, with the count over each bar) followed by the table itself.
enum DepthChartHTML {
    static func section(_ levels: [LevelStatistics]) -> String {
        guard !levels.isEmpty else { return "" }
        let barWidth = 44.0, gap = 14.0, height = 120.0, top = 16.0
        let maxLog = levels.map { log10(Double(max($0.distinct, 1))) + 1 }.max() ?? 1
        let width = 60 + Double(levels.count) * (barWidth + gap)
        var out = "<section id=\"depths\">\n<h2>States per depth</h2>\n"
        out += "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" width=\"\(Int(width))\" height=\"\(Int(height + top + 20))\">\n"
        for (i, level) in levels.enumerated() {
            let h = (log10(Double(max(level.distinct, 1))) + 1) / maxLog * height
            let x = 40 + Double(i) * (barWidth + gap)
            let y = top + height - h
            out += "<rect class=\"bar\" x=\"\(Int(x))\" y=\"\(Int(y))\" width=\"\(Int(barWidth))\" height=\"\(Int(h))\" fill=\"\(level.complete ? "#6a9fd8" : "#e0a040")\">"
                + "<title>depth \(level.depth): \(level.distinct) new distinct states\(level.complete ? "" : " (stopped part-way)")</title></rect>\n"
            out += "<text x=\"\(Int(x + barWidth / 2))\" y=\"\(Int(y - 3))\" text-anchor=\"middle\">\(level.distinct.grouped)</text>\n"
            out += "<text x=\"\(Int(x + barWidth / 2))\" y=\"\(Int(top + height + 14))\" text-anchor=\"middle\">\(level.depth)\(level.complete ? "" : "*")</text>\n"
        }
        out += "<text x=\"2\" y=\"\(Int(top + height + 14))\">depth</text>\n</svg>\n"
        out += "<table class=\"levels\"><tr><th>depth</th><th>generated</th><th>distinct</th><th>total</th><th>layouts</th><th>seconds</th></tr>\n"
        for level in levels {
            out += "<tr><td class=\"num\">\(level.depth)\(level.complete ? "" : "*")</td><td class=\"num\">\(level.generated.grouped)</td>"
                + "<td class=\"num\">\(level.distinct.grouped)</td><td class=\"num\">\(level.totalDistinct.grouped)</td>"
                + "<td class=\"num\">\(level.layouts.grouped)</td><td class=\"num\">\(String(format: "%.2f", level.seconds))</td></tr>\n"
        }
        return out + "</table>\n</section>"
    }
}
