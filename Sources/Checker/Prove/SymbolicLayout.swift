import Model

/// K symbolic regions of a universe, in pages (linear integer arithmetic): `n` of them are in
/// use (`0 ≤ n ≤ K`), region `i < n` is `[b_i, e_i)`, non-empty, inside the total range, and
/// the regions are sorted and disjoint (`e_i ≤ b_{i+1}`), which is what the region tree
/// guarantees. Unused slots are pinned to 0 so that each layout has one model.
struct SymbolicLayout {
    let regions: Int
    let universe: Universe

    var pageSize: Int { Int(universe.pageSize) }
    /// First and end page of the total range.
    var basePage: Int { Int(universe.base / universe.pageSize) }
    var endPage: Int { Int(universe.end / universe.pageSize) }
    /// 2^64 bytes in pages: a byte sum wraps in the Swift code iff the page sum reaches this.
    var wrapPages: Int { Int(1 << (64 - universe.pageSize.trailingZeroBitCount)) }

    static func base(_ i: Int) -> String { "b_\(i)" }
    static func end(_ i: Int) -> String { "e_\(i)" }
    static func offset(_ i: Int) -> String { "o_\(i)" }
    /// Region `i` exists.
    static func active(_ i: Int) -> String { "(< \(i) n)" }

    /// Declarations and the layout constraints; `offsets` adds each region's VMObject offset in
    /// pages (`o_i ≥ 0`).
    func text(offsets: Bool = false) -> String {
        var text = SMT.declare(["n"], "Int")
        text += "(assert (and (<= 0 n) (<= n \(regions))))\n"
        for i in 0 ..< regions {
            text += SMT.declare([Self.base(i), Self.end(i)] + (offsets ? [Self.offset(i)] : []), "Int")
        }
        for i in 0 ..< regions {
            let b = Self.base(i), e = Self.end(i)
            var facts = ["(<= \(basePage) \(b))", "(< \(b) \(e))", "(<= \(e) \(endPage))"]
            if offsets { facts.append("(<= 0 \(Self.offset(i)))") }
            if i + 1 < regions { facts.append("(=> \(Self.active(i + 1)) (<= \(e) \(Self.base(i + 1))))") }
            var unused = ["(= \(b) 0)", "(= \(e) 0)"]
            if offsets { unused.append("(= \(Self.offset(i)) 0)") }
            text += "(assert (ite \(Self.active(i)) \(SMT.and(facts)) \(SMT.and(unused))))\n"
        }
        return text
    }

    /// `[x, x + size)` (pages) lies inside the total range and intersects no region.
    func free(_ x: String, size: String) -> String {
        var terms = ["(<= \(basePage) \(x))", "(<= (+ \(x) \(size)) \(endPage))"]
        for i in 0 ..< regions {
            terms.append("(or (not \(Self.active(i))) (<= (+ \(x) \(size)) \(Self.base(i))) (<= \(Self.end(i)) \(x)))")
        }
        return SMT.and(terms)
    }
}
