import Model

/// `RegionTree.findAnywhere` as SMT-LIB2, step for step, in pages, for one alignment
/// `P·2^J` (alignment exponent `J`), over a `SymbolicLayout`; and SPEC §2's `anywhere` as its
/// specification. The loop over the tree becomes one window per region slot, guarded by
/// "the slot is in use"; `fit` is the same test as the Swift `fit(in:_:size:alignment:isTail:mutations:)`,
/// with the same mutant seams (`window-needs-size-plus-alignment`, `tail-window-untrimmed`).
///
/// Names the model reports: `s` (request, pages), `found`, `res_base`, `res_size` (what the
/// algorithm returns), and for a violation `x` (the aligned hole the specification points at)
/// and `bad_sound`, `bad_complete`, `bad_lowest` (which clause failed).
struct AnywhereEncoding {
    let layout: SymbolicLayout
    let alignmentExponent: Int
    let mutations: Mutations

    var alignment: Int { 1 << alignmentExponent }

    /// The aligned start of the window `[start, end)` and whether the window is taken, as
    /// `fit` decides. Rounding up reports wrap-around in Swift (`roundedUp(to:)`): in pages,
    /// `start·P + a·P − 1` wraps iff `start + a > 2^64/P`.
    func fit(_ start: String, _ end: String) -> (aligned: String, fits: String) {
        let a = alignment
        let aligned = a == 1 ? start : "(* \(a) (div (+ \(start) \(a - 1)) \(a)))"
        let overflow = "(> (+ \(start) \(a)) \(layout.wrapPages))"
        if mutations.contains(.windowNeedsSizePlusAlignment) {
            // The seam: the window must hold size + alignment (and that sum must not wrap).
            let needOverflow = "(>= (+ s \(a)) \(layout.wrapPages))"
            return (aligned, SMT.and([SMT.not(needOverflow), "(>= (- \(end) \(start)) (+ s \(a)))", SMT.not(overflow)]))
        }
        return (aligned, SMT.and([SMT.not(overflow), "(< \(aligned) \(end))", "(>= (- \(end) \(aligned)) s)"]))
    }

    /// The request: `s` pages with `s ≥ 1`, and (mmap's EINVAL check) `s·P + alignment` does not wrap.
    var request: String {
        SMT.declare(["s"], "Int") + "(assert (and (>= s 1) (< (+ s \(alignment)) \(layout.wrapPages))))\n"
    }

    /// The windows the loop visits: `ws_i` (where window i starts), `hit_i` (window i is
    /// taken: the slot is in use, the region starts past the window start, and `fit` accepts),
    /// `al_i` (the aligned start `fit` returns); the tail window is `i = K`.
    var windows: String {
        var text = SMT.define("ws_0", "Int", String(layout.basePage))
        for i in 0 ..< layout.regions {
            let ws = "ws_\(i)", b = SymbolicLayout.base(i), e = SymbolicLayout.end(i), active = SymbolicLayout.active(i)
            let (aligned, fits) = fit(ws, b)
            text += SMT.define("al_\(i)", "Int", aligned)
            text += SMT.define("hit_\(i)", "Bool", SMT.and([active, "(> \(b) \(ws))", fits]))
            text += SMT.define("ws_\(i + 1)", "Int", SMT.ite(active, SMT.max(ws, e), ws))
        }
        let K = layout.regions, last = "ws_\(K)", end = String(layout.endPage)
        let (aligned, fits) = fit(last, end)
        text += SMT.define("al_\(K)", "Int", aligned)
        text += SMT.define("hit_\(K)", "Bool", SMT.and(["(< \(last) \(end))", fits]))
        return text
    }

    /// The size window `h`'s answer has: `s`, or for the tail under `tail-window-untrimmed`, the
    /// whole rest of the window.
    func size(_ h: Int) -> String {
        h == layout.regions && mutations.contains(.tailWindowUntrimmed) ? "(- \(layout.endPage) al_\(h))" : "s"
    }

    /// The loop's answer: the first window taken. Defines `found`, `res_base`, `res_size`.
    var algorithm: String {
        var text = windows
        let hits = 0 ... layout.regions
        text += SMT.define("found", "Bool", SMT.or(hits.map { "hit_\($0)" }))
        var base = "0", size = "0"
        for h in hits.reversed() {
            base = SMT.ite("hit_\(h)", "al_\(h)", base)
            size = SMT.ite("hit_\(h)", self.size(h), size)
        }
        text += SMT.define("res_base", "Int", base)
        text += SMT.define("res_size", "Int", size)
        return text
    }

    /// The specification's violation, cut into cases that together are exactly
    /// `found ∧ ¬sound ∨ ¬found ∧ hole(x) ∨ found ∧ hole(x) ∧ x < res_base`:
    /// case `h ≤ K`: window h is the first taken (so the answer is `al_h`, `size(h)`), and that
    /// range is not `s` pages, aligned and in a hole, or an aligned hole `x` lies below it;
    /// case `K + 1`: no window is taken, yet an aligned hole `x` exists. Asked one by one, each
    /// case's answer is fixed, so Z3 need not search the loop's if-chain.
    var cases: [String] {
        let K = layout.regions
        let inHole = SMT.and(["(= x (* \(alignment) q))", layout.free("x", size: "s")])
        var cases: [String] = []
        for h in 0 ... K {
            let first = SMT.and((0 ..< h).map { "(not hit_\($0))" } + ["hit_\(h)"])
            let sound = SMT.and(["(= \(size(h)) s)", "(= (mod al_\(h) \(alignment)) 0)", layout.free("al_\(h)", size: size(h))])
            let answer = "found (= res_base al_\(h)) (= res_size \(size(h)))"
            let clauses = "(= bad_sound \(SMT.not(sound))) (= bad_lowest \(SMT.and([inHole, "(< x al_\(h))"]))) (not bad_complete)"
            cases.append("(and \(first) \(answer) \(clauses) (or bad_sound bad_lowest))")
        }
        let none = SMT.and((0 ... K).map { "(not hit_\($0))" })
        cases.append("(and \(none) (not found) (= res_base 0) (= res_size 0) (not bad_sound) (not bad_lowest) bad_complete \(inHole))")
        return cases
    }

    /// The common part of every case query: the layout, the request and the windows.
    var caseBase: String {
        layout.text() + request + SMT.declare(["x", "q", "res_base", "res_size"], "Int")
            + SMT.declare(["found", "bad_sound", "bad_lowest", "bad_complete"], "Bool") + windows
    }

    /// SPEC §2 `anywhere` negated: a returned range that is not `s` pages, aligned and in a hole
    /// (sound); ENOMEM although an aligned hole `x` exists (complete); or an aligned hole `x`
    /// below the returned one (lowest).
    var violation: String {
        var text = SMT.declare(["x", "q"], "Int")
        text += "(assert (= x (* \(alignment) q)))\n"
        let inHole = layout.free("x", size: "s")
        text += SMT.define("bad_sound", "Bool",
                           SMT.and(["found", SMT.not(SMT.and(["(= res_size s)", "(= (mod res_base \(alignment)) 0)", layout.free("res_base", size: "res_size")]))]))
        text += SMT.define("bad_complete", "Bool", SMT.and(["(not found)", inHole]))
        text += SMT.define("bad_lowest", "Bool", SMT.and(["found", "(< x res_base)", inHole]))
        text += "(assert (or bad_sound bad_complete bad_lowest))\n"
        return text
    }

    /// The whole obligation: satisfiable iff some layout and request break the specification.
    var obligation: String { layout.text() + request + algorithm + violation }
}
