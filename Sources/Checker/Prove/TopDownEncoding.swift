import Model

/// `RegionTree.findTopDown` as SMT-LIB2, step for step, in pages, for one alignment `P·2^J`
/// (alignment exponent `J`), over a `SymbolicLayout`; and top-down placement (the highest
/// fitting aligned range) as its specification. `forEachHole` visits the same windows as
/// `findAnywhere` — one per region slot, guarded by "the slot is in use", then the tail — and
/// every window that fits overwrites the answer, so the answer is the LAST window taken.
///
/// Per window `[start, end)` the Swift code tests `end − start ≥ size`, takes
/// `top = (end − size) & ~(alignment − 1)` and accepts iff `top ≥ start`. No `UInt64` step can
/// wrap there (`end − size ≥ start` once the first test passed); the bit-level round-down is
/// `a·⌊(end − s)/a⌋` in pages, which `RoundingLemma.downCases` shows for every 64-bit value.
///
/// Names the model reports: `s` (request, pages), `found`, `res_base` (what the algorithm
/// returns; its size is `s`), and for a violation `x` (the aligned hole the specification
/// points at) and `bad_sound`, `bad_complete`, `bad_highest` (which clause failed).
struct TopDownEncoding {
    let layout: SymbolicLayout
    let alignmentExponent: Int

    var alignment: Int { 1 << alignmentExponent }

    /// The highest aligned start `fit` takes in the window `[start, end)` and whether it accepts.
    func fit(_ start: String, _ end: String) -> (top: String, fits: String) {
        let a = alignment
        let top = a == 1 ? "(- \(end) s)" : "(* \(a) (div (- \(end) s) \(a)))"
        return (top, SMT.and(["(>= (- \(end) \(start)) s)", "(>= \(top) \(start))"]))
    }

    /// The request: `s` pages with `s ≥ 1`, and (mmap's EINVAL check) `s·P + alignment` does not wrap.
    var request: String {
        SMT.declare(["s"], "Int") + "(assert (and (>= s 1) (< (+ s \(alignment)) \(layout.wrapPages))))\n"
    }

    /// Where window `i` ends: the base of region `i`, or the end of the total range for the tail `i = K`.
    func end(_ i: Int) -> String { i < layout.regions ? SymbolicLayout.base(i) : String(layout.endPage) }

    /// The windows `forEachHole` visits: `ws_i` (where window i starts), `hit_i` (window i is a
    /// hole — the slot is in use and the region starts past the window start, or for the tail
    /// `ws_K` is below the end — and `fit` accepts), `tp_i` (the start `fit` computes).
    var windows: String {
        var text = SMT.define("ws_0", "Int", String(layout.basePage))
        for i in 0 ... layout.regions {
            let ws = "ws_\(i)"
            let hole = i < layout.regions ? SMT.and([SymbolicLayout.active(i), "(> \(end(i)) \(ws))"]) : "(< \(ws) \(end(i)))"
            let (top, fits) = fit(ws, end(i))
            text += SMT.define("tp_\(i)", "Int", top)
            text += SMT.define("hit_\(i)", "Bool", SMT.and([hole, fits]))
            if i < layout.regions {
                text += SMT.define("ws_\(i + 1)", "Int", SMT.ite(SymbolicLayout.active(i), SMT.max(ws, SymbolicLayout.end(i)), ws))
            }
        }
        return text
    }

    /// The loop's answer: the last window taken. Defines `found`, `res_base`.
    var algorithm: String {
        var text = windows
        let hits = 0 ... layout.regions
        text += SMT.define("found", "Bool", SMT.or(hits.map { "hit_\($0)" }))
        var base = "0"
        for h in hits { base = SMT.ite("hit_\(h)", "tp_\(h)", base) }
        text += SMT.define("res_base", "Int", base)
        return text
    }

    /// Window `h` is the last one taken.
    func last(_ h: Int) -> String {
        SMT.and(["hit_\(h)"] + ((h + 1) ..< layout.regions + 1).map { "(not hit_\($0))" })
    }

    /// The specification's violation, cut into cases that together are exactly
    /// `found ∧ ¬sound ∨ ¬found ∧ hole(x) ∨ found ∧ hole(x) ∧ x > res_base`:
    /// case `h ≤ K`: window h is the last taken (so the answer is `tp_h`), and `[tp_h, tp_h + s)`
    /// is not aligned and in a hole, or an aligned hole `x` lies above it; case `K + 1`: no window
    /// is taken, yet an aligned hole `x` exists.
    var cases: [String] {
        let K = layout.regions
        let inHole = SMT.and(["(= x (* \(alignment) q))", layout.free("x", size: "s")])
        var cases: [String] = []
        for h in 0 ... K {
            let sound = SMT.and(["(= (mod tp_\(h) \(alignment)) 0)", layout.free("tp_\(h)", size: "s")])
            let clauses = "(= bad_sound \(SMT.not(sound))) (= bad_highest \(SMT.and([inHole, "(> x tp_\(h))"]))) (not bad_complete)"
            cases.append("(and \(last(h)) found (= res_base tp_\(h)) \(clauses) (or bad_sound bad_highest))")
        }
        let none = SMT.and((0 ... K).map { "(not hit_\($0))" })
        cases.append("(and \(none) (not found) (= res_base 0) (not bad_sound) (not bad_highest) bad_complete \(inHole))")
        return cases
    }

    /// The common part of every case query: the layout, the request and the windows.
    var caseBase: String {
        layout.text() + request + SMT.declare(["x", "q", "res_base"], "Int")
            + SMT.declare(["found", "bad_sound", "bad_highest", "bad_complete"], "Bool") + windows
    }

    /// Top-down placement negated: a returned range that is not aligned and in a hole (sound);
    /// ENOMEM although an aligned hole `x` exists (complete); or an aligned hole `x` above the
    /// returned one (highest).
    var violation: String {
        var text = SMT.declare(["x", "q"], "Int")
        text += "(assert (= x (* \(alignment) q)))\n"
        let inHole = layout.free("x", size: "s")
        text += SMT.define("bad_sound", "Bool",
                           SMT.and(["found", SMT.not(SMT.and(["(= (mod res_base \(alignment)) 0)", layout.free("res_base", size: "s")]))]))
        text += SMT.define("bad_complete", "Bool", SMT.and(["(not found)", inHole]))
        text += SMT.define("bad_highest", "Bool", SMT.and(["found", "(> x res_base)", inHole]))
        text += "(assert (or bad_sound bad_complete bad_highest))\n"
        return text
    }

    /// The whole obligation: satisfiable iff some layout and request break the specification.
    var obligation: String { layout.text() + request + algorithm + violation }
}
