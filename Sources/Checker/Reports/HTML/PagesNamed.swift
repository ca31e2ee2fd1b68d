import Model

/// The virtual pages a violation's explanation names — every `[0xA, 0xB)` range and every lone
/// address inside the universe — so a picture can highlight them. Explanations are written to
/// say "which region, which page, which hole", so their addresses are the evidence.
func pagesNamed(in explanation: String, universe: Universe) -> Set<UInt64> {
    var tokens: [(value: UInt64, start: String.Index, end: String.Index)] = []
    var i = explanation.startIndex
    while i < explanation.endIndex {
        if explanation[i...].hasPrefix("0x") {
            let digitsStart = explanation.index(i, offsetBy: 2)
            var j = digitsStart
            while j < explanation.endIndex, explanation[j].isHexDigit { j = explanation.index(after: j) }
            if j > digitsStart, let value = UInt64(explanation[digitsStart ..< j], radix: 16) { tokens.append((value, i, j)) }
            i = j
        } else {
            i = explanation.index(after: i)
        }
    }
    let P = universe.pageSize
    var pages: Set<UInt64> = []
    func add(_ start: UInt64, _ end: UInt64) {
        let lo = max(start, universe.base), hi = min(end, universe.end)
        guard lo < hi else { return }
        for page in lo / P ..< (hi + P - 1) / P { pages.insert(page) }
    }
    var k = 0
    while k < tokens.count {
        let t = tokens[k]
        let opensRange = t.start > explanation.startIndex && explanation[explanation.index(before: t.start)] == "["
        if opensRange, k + 1 < tokens.count, explanation[t.end ..< tokens[k + 1].start] == ", ",
           tokens[k + 1].end < explanation.endIndex, explanation[tokens[k + 1].end] == ")" {
            add(t.value, tokens[k + 1].value)
            k += 2
        } else {
            if t.value >= universe.base && t.value < universe.end { add(t.value, t.value + 1) }
            k += 1
        }
    }
    return pages
}
