import Model

/// The one place where bit-level arithmetic matters to the anywhere and top-down obligations (the
/// latter's round-down is `downCases`): Swift rounds a
/// window start up with `roundedUp(to:)` — `(x + a − 1) & ~(a − 1)` on `UInt64`, reporting
/// wrap-around — while `AnywhereEncoding` states the rounding in integers (`a·⌈x/a⌉`, wrapping
/// iff `x + a > 2^64`). This lemma, in 64-bit bit-vectors, shows the two agree for every
/// 64-bit `x` and every alignment `a = P·2^j`, `j = 0…20`: without wrap-around the bit-level
/// result is the unique multiple of `a` in `[x, x + a)` (which is what `a·⌈x/a⌉` is), and it
/// wraps exactly when `x > 2^64 − a`. Satisfiable = the lemma fails.
struct RoundingLemma {
    let universe: Universe

    /// The common part: `x` and the names the cases use.
    var base: String { SMT.declare(["x"], "(_ BitVec 64)") }

    /// One case per alignment: the lemma fails for `a = P·2^j`.
    var cases: [String] {
        ProveObligation.alignmentExponents.map { j in
            let a = SMT.bv(universe.pageSize << UInt64(j)), mask = SMT.bv((universe.pageSize << UInt64(j)) - 1)
            let sum = "(bvadd x \(mask))", v = "(bvand \(sum) (bvnot \(mask)))"
            let wraps = "(bvult \(sum) x)"
            let unique = SMT.and(["(= (bvand \(v) \(mask)) \(SMT.bv(0)))", "(bvuge \(v) x)", "(bvult (bvsub \(v) x) \(a))"])
            return "(not (and (= \(wraps) (bvugt x (bvneg \(a)))) (=> (not \(wraps)) \(unique))))"
        }
    }

    /// One case per alignment for the top-down obligation: `findTopDown` rounds down with
    /// `x & ~(a − 1)`, which must be the unique multiple of `a` in `(x − a, x]` (what the integer
    /// encoding's `a·⌊x/a⌋` is) for every 64-bit `x`; it cannot wrap.
    var downCases: [String] {
        ProveObligation.alignmentExponents.map { j in
            let a = SMT.bv(universe.pageSize << UInt64(j)), mask = SMT.bv((universe.pageSize << UInt64(j)) - 1)
            let v = "(bvand x (bvnot \(mask)))"
            return SMT.not(SMT.and(["(= (bvand \(v) \(mask)) \(SMT.bv(0)))", "(bvule \(v) x)", "(bvult (bvsub x \(v)) \(a))"]))
        }
    }
}
