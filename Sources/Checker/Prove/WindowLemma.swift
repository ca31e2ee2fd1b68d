import Model

/// The anywhere obligation in two parts, so that no query mixes the K-region loop with integer
/// division (together they made Z3 take minutes at K = 16):
///
/// 1. `WindowLemma`, per alignment: `fit` on ONE window `[start, end)` (any window inside the
///    total range, the tail window separately) is sound — when it accepts, the range it returns
///    is `s` pages, aligned, inside the window — and complete and lowest — when an aligned
///    `y` with `[y, y + s)` inside the window exists, it accepts, at or below `y`.
/// 2. `WindowComposition`, once for all alignments: the loop over a K-region layout, with each
///    window's `fit` replaced by fresh values (`fit_i`, `al_i`, and an "aligned" Boolean per
///    address) that are only assumed to satisfy the lemma at the addresses the specification
///    asks about; no alignment arithmetic is left.
///
/// If the lemma holds for an alignment, a real violation at that alignment would satisfy the
/// composition's assumptions (its real values do), so an unsatisfiable composition proves the
/// obligation. Where the lemma fails (a mutant), the whole loop is asked directly
/// (`AnywhereEncoding.obligation`), which then yields a real layout or proves that alignment.
struct WindowLemma {
    let encoding: AnywhereEncoding
    let isTail: Bool

    var text: String {
        let layout = encoding.layout, a = encoding.alignment
        var text = SMT.declare(["start", "end", "s", "y", "q"], "Int")
        text += "(assert (and (<= \(layout.basePage) start) (< start end) (<= end \(layout.endPage))))\n"
        if isTail { text += "(assert (= end \(layout.endPage)))\n" }
        text += "(assert (and (>= s 1) (< (+ s \(a)) \(layout.wrapPages))))\n"
        let (aligned, fits) = encoding.fit("start", "end")
        text += SMT.define("al", "Int", aligned) + SMT.define("fits", "Bool", fits)
        let size = isTail && encoding.mutations.contains(.tailWindowUntrimmed) ? "(- end al)" : "s"
        let sound = SMT.and(["(= \(size) s)", "(= (mod al \(a)) 0)", "(<= start al)", "(<= (+ al \(size)) end)"])
        let inWindow = SMT.and(["(= y (* \(a) q))", "(<= start y)", "(<= (+ y s) end)"])
        text += "(assert (or (and fits (not \(sound))) (and \(inWindow) (or (not fits) (< y al)))))\n"
        return text
    }
}

/// Part 2 of the anywhere obligation (see `WindowLemma`): the loop of `findAnywhere` over K
/// symbolic regions, each window's `fit` abstracted by the lemma. One case per answering
/// window, as in `AnywhereEncoding.cases`.
struct WindowComposition {
    let layout: SymbolicLayout

    var base: String {
        let K = layout.regions
        var text = layout.text() + SMT.declare(["s", "x"], "Int") + SMT.declare(["aligned_x"], "Bool")
        text += "(assert (>= s 1))\n"
        text += SMT.define("ws_0", "Int", String(layout.basePage))
        for i in 0 ... K {
            text += SMT.declare(["al_\(i)"], "Int") + SMT.declare(["fit_\(i)", "aligned_al_\(i)"], "Bool")
            let ws = "ws_\(i)"
            let (considered, end): (String, String) = i < K
                ? (SMT.and([SymbolicLayout.active(i), "(> \(SymbolicLayout.base(i)) \(ws))"]), SymbolicLayout.base(i))
                : ("(< \(ws) \(layout.endPage))", String(layout.endPage))
            text += SMT.define("hit_\(i)", "Bool", SMT.and([considered, "fit_\(i)"]))
            // The lemma, assumed for this window: sound, and complete and lowest at x.
            text += "(assert (=> \(considered) (and (=> fit_\(i) (and aligned_al_\(i) (<= \(ws) al_\(i)) (<= (+ al_\(i) s) \(end))))"
                + " (=> (and aligned_x (<= \(ws) x) (<= (+ x s) \(end))) (and fit_\(i) (<= al_\(i) x))))))\n"
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
            let first = SMT.and((0 ..< h).map { "(not hit_\($0))" } + ["hit_\(h)"])
            let sound = SMT.and(["aligned_al_\(h)", layout.free("al_\(h)", size: "s")])
            cases.append(SMT.and([first, SMT.or([SMT.not(sound), SMT.and([inHole, "(< x al_\(h))"])])]))
        }
        cases.append(SMT.and((0 ... K).map { "(not hit_\($0))" } + [inHole]))
        return cases
    }
}
