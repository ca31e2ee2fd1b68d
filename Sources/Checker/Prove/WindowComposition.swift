import Model

/// Part 2 of the anywhere and top-down obligations (see `WindowLemma`): the loop of
/// `findAnywhere` or `findTopDown` over K symbolic regions, each window's `fit` abstracted by
/// the lemma. One case per window that can answer — the first taken (lowest) or the last
/// (highest), as in `AnywhereEncoding.cases` and `TopDownEncoding.cases` — and one for none.
struct WindowComposition {
    let layout: SymbolicLayout
    let direction: WindowDirection

    var base: String {
        let K = layout.regions, v = direction.answer
        var text = layout.text() + SMT.declare(["s", "x"], "Int") + SMT.declare(["aligned_x"], "Bool")
        text += "(assert (>= s 1))\n"
        text += SMT.define("ws_0", "Int", String(layout.basePage))
        for i in 0 ... K {
            text += SMT.declare(["\(v)_\(i)"], "Int") + SMT.declare(["fit_\(i)", "aligned_\(v)_\(i)"], "Bool")
            let ws = "ws_\(i)"
            let (considered, end): (String, String) = i < K
                ? (SMT.and([SymbolicLayout.active(i), "(> \(SymbolicLayout.base(i)) \(ws))"]), SymbolicLayout.base(i))
                : ("(< \(ws) \(layout.endPage))", String(layout.endPage))
            text += SMT.define("hit_\(i)", "Bool", SMT.and([considered, "fit_\(i)"]))
            // The lemma, assumed for this window: sound, and complete and best at x.
            text += "(assert (=> \(considered) (and (=> fit_\(i) (and aligned_\(v)_\(i) (<= \(ws) \(v)_\(i)) (<= (+ \(v)_\(i) s) \(end))))"
                + " (=> (and aligned_x (<= \(ws) x) (<= (+ x s) \(end))) (and fit_\(i) \(direction.asGood("\(v)_\(i)", as: "x")))))))\n"
            if i < K {
                text += SMT.define("ws_\(i + 1)", "Int", SMT.ite(SymbolicLayout.active(i), SMT.max(ws, SymbolicLayout.end(i)), ws))
            }
        }
        return text
    }

    var cases: [String] {
        let K = layout.regions, v = direction.answer
        let inHole = SMT.and(["aligned_x", layout.free("x", size: "s")])
        var cases: [String] = []
        for h in 0 ... K {
            let answering = switch direction {
            case .lowest: SMT.and((0 ..< h).map { "(not hit_\($0))" } + ["hit_\(h)"])
            case .highest: SMT.and(["hit_\(h)"] + ((h + 1) ..< K + 1).map { "(not hit_\($0))" })
            }
            let sound = SMT.and(["aligned_\(v)_\(h)", layout.free("\(v)_\(h)", size: "s")])
            cases.append(SMT.and([answering, SMT.or([SMT.not(sound), SMT.and([inHole, direction.better("x", than: "\(v)_\(h)")])])]))
        }
        cases.append(SMT.and((0 ... K).map { "(not hit_\($0))" } + [inHole]))
        return cases
    }
}
