import Model

/// Splitting as munmap and mprotect do it — `VirtualRange.carve` (the parts below and above the
/// operated range), the intersection, and `AddressSpace.splitPart` (same VMObject, offset =
/// source offset + distance in pages; the `split-offset-ignores-source` seam drops the source
/// offset) — for every region of a `SymbolicLayout` (with offsets) that intersects an operated
/// range `[rb, re)` (pages, inside the total range), in linear integer arithmetic over pages.
///
/// Specification: for every affected region `r` and page `p`, `p` lies in exactly one of the
/// three pieces iff `p` lies in `r` (nothing lost, duplicated or added), no piece is empty, and
/// the piece holding `p` shows VMObject page `o_r + (p − b_r)`. Names the model reports: `rb`,
/// `re`, `r`, `p`, `why` (0 lost, 1 duplicated, 2 appeared, 3 empty piece, 4 wrong VMObject page).
struct SplitEncoding {
    let layout: SymbolicLayout
    let mutations: Mutations

    enum Piece: String, CaseIterable { case below, middle, above }

    var range: String {
        SMT.declare(["rb", "re"], "Int")
            + "(assert (and (<= \(layout.basePage) rb) (< rb re) (<= re \(layout.endPage))))\n"
    }

    /// For region `i`: whether it is affected, and each piece's presence, base, end and offset.
    var algorithm: String {
        var text = ""
        for i in 0 ..< layout.regions {
            let b = SymbolicLayout.base(i), e = SymbolicLayout.end(i), o = SymbolicLayout.offset(i)
            text += SMT.define("aff_\(i)", "Bool", SMT.and([SymbolicLayout.active(i), "(< rb \(e))", "(< \(b) re)"]))
            // carve: below = rb > base ? [base, min(rb, end)) : nil; above = re < end ? [max(re, base), end) : nil
            let pieces: [(Piece, has: String, lo: String, hi: String)] = [
                (.below, "(> rb \(b))", b, SMT.min("rb", e)),
                (.middle, "true", SMT.max(b, "rb"), SMT.min(e, "re")),
                (.above, "(< re \(e))", SMT.max("re", b), e),
            ]
            for (piece, has, lo, hi) in pieces {
                let name = "\(piece.rawValue)_\(i)"
                text += SMT.define("has_\(name)", "Bool", has)
                text += SMT.define("lo_\(name)", "Int", lo)
                text += SMT.define("hi_\(name)", "Int", hi)
                // splitPart: distance = (part.base − source.base) / P; the seam leaves out the source offset.
                let distance = "(- lo_\(name) \(b))"
                text += SMT.define("off_\(name)", "Int", mutations.contains(.splitOffsetIgnoresSource) ? distance : "(+ \(o) \(distance))")
            }
        }
        return text
    }

    func inPiece(_ piece: Piece, _ i: Int, _ p: String) -> String {
        let name = "\(piece.rawValue)_\(i)"
        return "(and has_\(name) (<= lo_\(name) \(p)) (< \(p) hi_\(name)))"
    }

    /// One case per region `r`: region r is affected and some page `p` breaks the partition.
    var cases: [String] {
        var cases: [String] = []
        for i in 0 ..< layout.regions {
            let b = SymbolicLayout.base(i), e = SymbolicLayout.end(i), o = SymbolicLayout.offset(i)
            let inSource = "(and (<= \(b) p) (< p \(e)))"
            let cover = "(+ " + Piece.allCases.map { "(ite \(inPiece($0, i, "p")) 1 0)" }.joined(separator: " ") + ")"
            let empty = SMT.or(Piece.allCases.map { "(and has_\($0.rawValue)_\(i) (<= hi_\($0.rawValue)_\(i) lo_\($0.rawValue)_\(i)))" })
            let wrongPage = SMT.or(Piece.allCases.map { piece in
                let name = "\(piece.rawValue)_\(i)"
                return "(and \(inPiece(piece, i, "p")) (not (= (+ off_\(name) (- p lo_\(name))) (+ \(o) (- p \(b))))))"
            })
            let why = SMT.or([
                "(and (= why 0) \(inSource) (= \(cover) 0))",
                "(and (= why 1) (> \(cover) 1))",
                "(and (= why 2) (not \(inSource)) (> \(cover) 0))",
                "(and (= why 3) \(empty))",
                "(and (= why 4) \(wrongPage))",
            ])
            cases.append("(and (= r \(i)) aff_\(i) \(why))")
        }
        return cases
    }

    var caseBase: String { layout.text(offsets: true) + range + algorithm + SMT.declare(["r", "p", "why"], "Int") }

    /// The obligation in one query (for inspection).
    var obligation: String { caseBase + "(assert \(SMT.or(cases)))\n" }
}
