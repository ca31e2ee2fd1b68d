import Model

/// Which end of the fitting range a placement takes: `findAnywhere` the lowest (its first window
/// that fits answers), `findTopDown` the highest (every window that fits overwrites the answer,
/// so the last one answers). The window lemma and its composition differ in nothing else.
enum WindowDirection {
    case lowest, highest

    /// The name of the start `fit` computes in a window: `al` (aligned up) or `tp` (the top).
    var answer: String {
        switch self {
        case .lowest: "al"
        case .highest: "tp"
        }
    }

    /// `y` lies beyond the answer `v` in the direction the placement prefers (strictly).
    func better(_ y: String, than v: String) -> String {
        switch self {
        case .lowest: "(< \(y) \(v))"
        case .highest: "(> \(y) \(v))"
        }
    }

    /// `v` is at least as good as `y` (the lemma's "at or below" / "at or above").
    func asGood(_ v: String, as y: String) -> String {
        switch self {
        case .lowest: "(<= \(v) \(y))"
        case .highest: "(>= \(v) \(y))"
        }
    }
}

/// The anywhere and top-down obligations in two parts, so that no query mixes the K-region loop
/// with integer division (together they made Z3 take minutes at K = 16):
///
/// 1. `WindowLemma`, per alignment: `fit` on ONE window `[start, end)` (any window inside the
///    total range; for anywhere the tail window separately) is sound — when it accepts, the range
///    it returns is `s` pages, aligned, inside the window — and complete and best — when an
///    aligned `y` with `[y, y + s)` inside the window exists, it accepts, at or below `y` (lowest)
///    or at or above it (highest).
/// 2. `WindowComposition`, once for all alignments: the loop over a K-region layout, with each
///    window's `fit` replaced by fresh values (`fit_i`, `al_i` or `tp_i`, and an "aligned"
///    Boolean per address) that are only assumed to satisfy the lemma at the addresses the
///    specification asks about; no alignment arithmetic is left.
///
/// If the lemma holds for an alignment, a real violation at that alignment would satisfy the
/// composition's assumptions (its real values do), so an unsatisfiable composition proves the
/// obligation. Where the lemma fails (a mutant), the whole loop is asked directly
/// (`AnywhereEncoding.obligation`, `TopDownEncoding.obligation`), which then yields a real
/// layout or proves that alignment.
struct WindowLemma {
    let layout: SymbolicLayout
    let alignment: Int
    let direction: WindowDirection
    /// The encoding's `fit` on the window: the start it computes and whether it accepts.
    let fit: (start: String, fits: String)
    /// Only the tail window (`end` is the total range's end), which anywhere asks apart.
    let isTail: Bool
    /// The size of the range `fit` returns, when the encoding computes one (anywhere: `s`, or
    /// the whole tail under `tail-window-untrimmed`); nil when it is `s` by construction.
    let returnedSize: String?

    init(encoding: AnywhereEncoding, isTail: Bool) {
        layout = encoding.layout
        alignment = encoding.alignment
        direction = .lowest
        let (aligned, fits) = encoding.fit("start", "end")
        fit = (aligned, fits)
        self.isTail = isTail
        returnedSize = isTail && encoding.mutations.contains(.tailWindowUntrimmed) ? "(- end al)" : "s"
    }

    /// The tail window runs the same `fit`, so one lemma covers every window.
    init(encoding: TopDownEncoding) {
        layout = encoding.layout
        alignment = encoding.alignment
        direction = .highest
        let (top, fits) = encoding.fit("start", "end")
        fit = (top, fits)
        isTail = false
        returnedSize = nil
    }

    var text: String {
        let a = alignment, v = direction.answer
        var text = SMT.declare(["start", "end", "s", "y", "q"], "Int")
        text += "(assert (and (<= \(layout.basePage) start) (< start end) (<= end \(layout.endPage))))\n"
        if isTail { text += "(assert (= end \(layout.endPage)))\n" }
        text += "(assert (and (>= s 1) (< (+ s \(a)) \(layout.wrapPages))))\n"
        text += SMT.define(v, "Int", fit.start) + SMT.define("fits", "Bool", fit.fits)
        let size = returnedSize ?? "s"
        let sizeIsS = returnedSize.map { ["(= \($0) s)"] } ?? []
        let sound = SMT.and(sizeIsS + ["(= (mod \(v) \(a)) 0)", "(<= start \(v))", "(<= (+ \(v) \(size)) end)"])
        let inWindow = SMT.and(["(= y (* \(a) q))", "(<= start y)", "(<= (+ y s) end)"])
        text += "(assert (or (and fits (not \(sound))) (and \(inWindow) (or (not fits) \(direction.better("y", than: v))))))\n"
        return text
    }
}
