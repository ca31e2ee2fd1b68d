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

    /// The algorithm: defines `found`, `res_base`, `res_size`.
    var algorithm: String {
        var text = SMT.define("ws_0", "Int", String(layout.basePage))
        var hits: [(condition: String, base: String, size: String)] = []
        for i in 0 ..< layout.regions {
            let ws = "ws_\(i)", b = SymbolicLayout.base(i), e = SymbolicLayout.end(i), active = SymbolicLayout.active(i)
            let (aligned, fits) = fit(ws, b)
            text += SMT.define("al_\(i)", "Int", aligned)
            text += SMT.define("hit_\(i)", "Bool", SMT.and([active, "(> \(b) \(ws))", fits]))
            hits.append(("hit_\(i)", "al_\(i)", "s"))
            text += SMT.define("ws_\(i + 1)", "Int", SMT.ite(active, SMT.max(ws, e), ws))
        }
        let last = "ws_\(layout.regions)", end = String(layout.endPage)
        let (aligned, fits) = fit(last, end)
        text += SMT.define("al_tail", "Int", aligned)
        text += SMT.define("hit_tail", "Bool", SMT.and(["(< \(last) \(end))", fits]))
        // The seam: the tail window is returned whole.
        hits.append(("hit_tail", "al_tail", mutations.contains(.tailWindowUntrimmed) ? "(- \(end) al_tail)" : "s"))
        text += SMT.define("found", "Bool", SMT.or(hits.map(\.condition)))
        var base = "0", size = "0"
        for hit in hits.reversed() {
            base = SMT.ite(hit.condition, hit.base, base)
            size = SMT.ite(hit.condition, hit.size, size)
        }
        text += SMT.define("res_base", "Int", base)
        text += SMT.define("res_size", "Int", size)
        return text
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
