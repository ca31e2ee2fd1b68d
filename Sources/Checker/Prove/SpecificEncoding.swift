import Model

/// `fixed-noreplace` placement as the Swift code runs it — `placeRange`'s
/// `VirtualRange(base:size:)` (a range whose end wraps past 2^64 is ENOMEM), then
/// `RegionTree.checkSpecific` (outside the total range → ENOMEM; the region found by
/// `tree.floor(probe)` intersects the range → EEXIST) — over a `SymbolicLayout`, in linear
/// integer arithmetic over pages with the 64-bit bound explicit: the Swift `UInt64` sum
/// `addr + size` wraps exactly when the integer sum reaches 2^64, and no later step can wrap
/// once that is excluded. The `specific-check-keyed-on-base` seam changes the probe from the
/// range's last byte to its base (in pages: `b_i·P ≤ end·P − 1` ⇔ `b_i ≤ end − 1`).
///
/// Request: `addr` (page number, `0 ≤ addr < 2^52`), `s` pages (`s ≥ 1`, and `s·P + P` does
/// not wrap: mmap's EINVAL check). Names the model reports: `result`, `expected` (0 ok,
/// 12 ENOMEM, 17 EEXIST).
struct SpecificEncoding {
    let layout: SymbolicLayout
    let mutations: Mutations

    var request: String {
        SMT.declare(["addr", "s"], "Int")
            + "(assert (and (<= 0 addr) (< addr \(layout.wrapPages)) (>= s 1) (< (+ s 1) \(layout.wrapPages))))\n"
    }

    /// Region `i` intersects `[addr, end)` (`VirtualRange.intersects`).
    func intersects(_ i: Int) -> String {
        "(and (< addr \(SymbolicLayout.end(i))) (< \(SymbolicLayout.base(i)) end))"
    }

    /// `end`, `wraps`, `inside`, `probe`, and `expected` (SPEC §2: ENOMEM outside the total
    /// range — a wrapping end is outside —, else EEXIST when any region overlaps, else success).
    var common: String {
        var text = SMT.define("end", "Int", "(+ addr s)")
        text += SMT.define("wraps", "Bool", "(>= end \(layout.wrapPages))")
        text += SMT.define("inside", "Bool", "(and (>= addr \(layout.basePage)) (<= end \(layout.endPage)))")
        // The seam: the floor lookup keyed on the base misses a region starting inside the range.
        text += SMT.define("probe", "Int", mutations.contains(.specificCheckKeyedOnBase) ? "addr" : "(- end 1)")
        let overlaps = SMT.or((0 ..< layout.regions).map { SMT.and([SymbolicLayout.active($0), intersects($0)]) })
        text += SMT.define("expected", "Int", SMT.ite("(or wraps (not inside))", "12", SMT.ite(overlaps, "17", "0")))
        return text
    }

    func result(floorHits: String) -> String {
        SMT.ite("wraps", "12", SMT.ite("(not inside)", "12", SMT.ite(floorHits, "17", "0")))
    }

    /// The algorithm in one piece: `tree.floor(probe)` is the first region from the top that
    /// starts at or below the probe (the regions are sorted). Defines `result`.
    var algorithm: String {
        var floorHits = "false"
        for i in 0 ..< layout.regions {
            floorHits = SMT.ite(SMT.and([SymbolicLayout.active(i), "(<= \(SymbolicLayout.base(i)) probe)"]), intersects(i), floorHits)
        }
        return common + SMT.define("result", "Int", result(floorHits: floorHits))
    }

    /// The violation `result ≠ expected`, cut by which region `tree.floor(probe)` finds: case
    /// `f < K` is region f (in use, starts at or below the probe, the next one does not), case
    /// `K` is none. The cases are exclusive and cover every layout.
    var cases: [String] {
        let K = layout.regions
        var cases: [String] = []
        for f in 0 ..< K {
            let next = f + 1 < K ? "(or (not \(SymbolicLayout.active(f + 1))) (> \(SymbolicLayout.base(f + 1)) probe))" : "true"
            let floorIs = SMT.and([SymbolicLayout.active(f), "(<= \(SymbolicLayout.base(f)) probe)", next])
            cases.append(SMT.and([floorIs, "(= result \(result(floorHits: intersects(f))))", "(not (= result expected))"]))
        }
        let none = "(or (not \(SymbolicLayout.active(0))) (> \(SymbolicLayout.base(0)) probe))"
        cases.append(SMT.and([none, "(= result \(result(floorHits: "false")))", "(not (= result expected))"]))
        return cases
    }

    var caseBase: String { layout.text() + request + common + SMT.declare(["result"], "Int") }

    /// The obligation in one query (for small K and for inspection).
    var obligation: String { layout.text() + request + algorithm + "(assert (not (= result expected)))\n" }
}
