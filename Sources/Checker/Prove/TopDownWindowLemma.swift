import Model

/// The top-down obligation cut as the anywhere one is (see `WindowLemma`), so that no query
/// mixes the K-region loop with integer division:
///
/// 1. `TopDownWindowLemma`, per alignment: `fit` on ONE window `[start, end)` inside the total
///    range is sound — when it accepts, `[top, top + s)` is aligned and inside the window — and
///    complete and highest — when an aligned `y` with `[y, y + s)` inside the window exists, it
///    accepts, at or above `y`. The tail window runs the same `fit`, so one lemma covers both.
/// 2. `TopDownComposition`, once for all alignments: the loop over a K-region layout, with each
///    window's `fit` replaced by fresh values (`fit_i`, `tp_i`, and an "aligned" Boolean per
///    address) only assumed to satisfy the lemma at the addresses the specification asks about.
///
/// Real values satisfy the assumptions, so where the lemma holds an unsatisfiable composition
/// proves the obligation; where it fails, the whole loop is asked (`TopDownEncoding.obligation`).
struct TopDownWindowLemma {
    let encoding: TopDownEncoding

    var text: String {
        let layout = encoding.layout, a = encoding.alignment
        var text = SMT.declare(["start", "end", "s", "y", "q"], "Int")
        text += "(assert (and (<= \(layout.basePage) start) (< start end) (<= end \(layout.endPage))))\n"
        text += "(assert (and (>= s 1) (< (+ s \(a)) \(layout.wrapPages))))\n"
        let (top, fits) = encoding.fit("start", "end")
        text += SMT.define("tp", "Int", top) + SMT.define("fits", "Bool", fits)
        let sound = SMT.and(["(= (mod tp \(a)) 0)", "(<= start tp)", "(<= (+ tp s) end)"])
        let inWindow = SMT.and(["(= y (* \(a) q))", "(<= start y)", "(<= (+ y s) end)"])
        text += "(assert (or (and fits (not \(sound))) (and \(inWindow) (or (not fits) (> y tp)))))\n"
        return text
    }
}

/// Part 2 of the top-down obligation: the loop of `findTopDown` over K symbolic regions, each
/// window's `fit` abstracted by the lemma. One case per window that can be the last taken, as
/// in `TopDownEncoding.cases`.
struct TopDownComposition {
    let layout: SymbolicLayout

    var base: String {
        let K = layout.regions
        var text = layout.text() + SMT.declare(["s", "x"], "Int") + SMT.declare(["aligned_x"], "Bool")
        text += "(assert (>= s 1))\n"
        text += SMT.define("ws_0", "Int", String(layout.basePage))
        for i in 0 ... K {
            text += SMT.declare(["tp_\(i)"], "Int") + SMT.declare(["fit_\(i)", "aligned_tp_\(i)"], "Bool")
            let ws = "ws_\(i)"
            let (hole, end): (String, String) = i < K
                ? (SMT.and([SymbolicLayout.active(i), "(> \(SymbolicLayout.base(i)) \(ws))"]), SymbolicLayout.base(i))
                : ("(< \(ws) \(layout.endPage))", String(layout.endPage))
            text += SMT.define("hit_\(i)", "Bool", SMT.and([hole, "fit_\(i)"]))
            // The lemma, assumed for this window: sound, and complete and highest at x.
            text += "(assert (=> \(hole) (and (=> fit_\(i) (and aligned_tp_\(i) (<= \(ws) tp_\(i)) (<= (+ tp_\(i) s) \(end))))"
                + " (=> (and aligned_x (<= \(ws) x) (<= (+ x s) \(end))) (and fit_\(i) (>= tp_\(i) x))))))\n"
            if i < K {
                text += SMT.define("ws_\(i + 1)", "Int", SMT.ite(SymbolicLayout.active(i), SMT.max(ws, SymbolicLayout.end(i)), ws))
            }
        }
        return text
    }

    var cases: [String] {
        let K = layout.regions
        let inHole = SMT.and(["aligned_x", layout.free("x", size: "s")])
        var cases: [String] = []
        for h in 0 ... K {
            let last = SMT.and(["hit_\(h)"] + ((h + 1) ..< K + 1).map { "(not hit_\($0))" })
            let sound = SMT.and(["aligned_tp_\(h)", layout.free("tp_\(h)", size: "s")])
            cases.append(SMT.and([last, SMT.or([SMT.not(sound), SMT.and([inHole, "(> x tp_\(h))"])])]))
        }
        cases.append(SMT.and((0 ... K).map { "(not hit_\($0))" } + [inHole]))
        return cases
    }
}
