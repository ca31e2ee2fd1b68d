import Model

/// `fixed-noreplace` placement as the Swift code runs it — `placeRange`'s
/// `VirtualRange(base:size:)` (a range whose end wraps past 2^64 is ENOMEM), then
/// `RegionTree.checkSpecific` (outside the total range → ENOMEM; the region found by
/// `tree.floor(probe)` intersects the range → EEXIST) — in 64-bit bit-vectors over bytes,
/// because wrap-around is part of the behaviour: a request just below 2^64 must end in ENOMEM,
/// not wrap into the user range. The `specific-check-keyed-on-base` seam changes the probe
/// from the range's last byte to its base.
///
/// Layout: K regions `[b_i, e_i)` as bit-vectors, page-aligned, sorted, disjoint, inside the
/// total range; `n` of them in use. Request: `addr`, `size` (page-aligned, `size > 0`, and
/// `size + P` does not wrap: mmap's EINVAL check). Names the model reports: `result`,
/// `expected` (0 ok, 12 ENOMEM, 17 EEXIST).
struct SpecificEncoding {
    let regions: Int
    let universe: Universe
    let mutations: Mutations

    var P: String { SMT.bv(universe.pageSize) }
    var totalBase: String { SMT.bv(universe.base) }
    var totalEnd: String { SMT.bv(universe.end) }

    func pageAligned(_ x: String) -> String { "(= (bvand \(x) \(SMT.bv(universe.pageSize - 1))) \(SMT.bv(0)))" }

    var layout: String {
        var text = SMT.declare(["n"], "Int") + "(assert (and (<= 0 n) (<= n \(regions))))\n"
        for i in 0 ..< regions { text += SMT.declare([SymbolicLayout.base(i), SymbolicLayout.end(i)], "(_ BitVec 64)") }
        for i in 0 ..< regions {
            let b = SymbolicLayout.base(i), e = SymbolicLayout.end(i)
            var facts = [pageAligned(b), pageAligned(e), "(bvule \(totalBase) \(b))", "(bvult \(b) \(e))", "(bvule \(e) \(totalEnd))"]
            if i + 1 < regions { facts.append("(=> \(SymbolicLayout.active(i + 1)) (bvule \(e) \(SymbolicLayout.base(i + 1))))") }
            text += "(assert (ite \(SymbolicLayout.active(i)) \(SMT.and(facts)) (and (= \(b) \(SMT.bv(0))) (= \(e) \(SMT.bv(0))))))\n"
        }
        return text
    }

    var request: String {
        SMT.declare(["addr", "size"], "(_ BitVec 64)")
            + "(assert (and \(pageAligned("addr")) \(pageAligned("size")) (not (= size \(SMT.bv(0)))) (bvuge (bvadd size \(P)) size)))\n"
    }

    /// Region `i` intersects `[addr, end)` (`VirtualRange.intersects`).
    func intersects(_ i: Int) -> String {
        "(and (bvult addr \(SymbolicLayout.end(i))) (bvult \(SymbolicLayout.base(i)) end))"
    }

    /// The algorithm: defines `end`, `wraps`, `probe`, `result`.
    var algorithm: String {
        var text = SMT.define("end", "(_ BitVec 64)", "(bvadd addr size)")
        text += SMT.define("wraps", "Bool", "(bvult end addr)")
        text += SMT.define("inside", "Bool", "(and (bvuge addr \(totalBase)) (bvule end \(totalEnd)))")
        // The seam: the floor lookup keyed on the base misses a region starting inside the range.
        let probe = mutations.contains(.specificCheckKeyedOnBase) ? "addr" : "(bvsub end \(SMT.bv(1)))"
        text += SMT.define("probe", "(_ BitVec 64)", probe)
        // tree.floor(probe): the region with the largest base ≤ probe; the regions are sorted,
        // so it is the first one from the top that starts at or below the probe.
        var floorHits = "false"
        for i in 0 ..< regions {
            floorHits = SMT.ite(SMT.and([SymbolicLayout.active(i), "(bvule \(SymbolicLayout.base(i)) probe)"]), intersects(i), floorHits)
        }
        text += SMT.define("floor_hits", "Bool", floorHits)
        text += SMT.define("result", "Int", SMT.ite("wraps", "12", SMT.ite("(not inside)", "12", SMT.ite("floor_hits", "17", "0"))))
        return text
    }

    /// SPEC §2: ENOMEM outside the total range (a wrapping end is outside), else EEXIST when any
    /// region overlaps, else success. Violated when the algorithm answers otherwise.
    var violation: String {
        let overlaps = SMT.or((0 ..< regions).map { SMT.and([SymbolicLayout.active($0), intersects($0)]) })
        var text = SMT.define("expected", "Int", SMT.ite("(or wraps (not inside))", "12", SMT.ite(overlaps, "17", "0")))
        text += "(assert (not (= result expected)))\n"
        return text
    }

    var obligation: String { layout + request + algorithm + violation }
}
