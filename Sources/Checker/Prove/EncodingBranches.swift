/// Each encoding's branches, for the conformance check (`EncodingConformance`): a query `base`
/// holding the layout, the request and the encoded algorithm (its answer defined by name), and
/// one condition per branch of the algorithm. A satisfying model of `base ∧ condition` is a
/// concrete layout and request that take that branch, on which the Swift code must answer as
/// the encoding does. An unsatisfiable branch is one no layout of K regions takes.
struct EncodingBranch {
    let name: String
    let condition: String
}

extension AnywhereEncoding {
    var branchBase: String { layout.text() + request + algorithm }

    /// Window `h` answers first (a window between regions, or the tail for `h = K`), with room
    /// to spare and as an exact fit (`end − aligned = s`, the boundary of `fit`'s size test);
    /// no window fits; and no window fits although one is a single page short.
    var branches: [EncodingBranch] {
        let K = layout.regions
        var branches: [EncodingBranch] = []
        func end(_ h: Int) -> String { h < K ? SymbolicLayout.base(h) : String(layout.endPage) }
        for h in 0 ... K {
            let first = SMT.and((0 ..< h).map { "(not hit_\($0))" } + ["hit_\(h)"])
            let window = h < K ? "window below region \(h)" : "the tail window"
            branches.append(EncodingBranch(name: "\(window) answers first", condition: SMT.and([first, "(> (- \(end(h)) al_\(h)) s)"])))
            branches.append(EncodingBranch(name: "\(window) answers first, an exact fit", condition: SMT.and([first, "(= (- \(end(h)) al_\(h)) s)"])))
        }
        let none = (0 ... K).map { "(not hit_\($0))" }
        branches.append(EncodingBranch(name: "no window fits", condition: SMT.and(none)))
        let short = (0 ..< K).map { SMT.and([SymbolicLayout.active($0), "(> \(SymbolicLayout.base($0)) ws_\($0))", "(= (- \(SymbolicLayout.base($0)) al_\($0)) (- s 1))"]) }
        branches.append(EncodingBranch(name: "no window fits, one is a page short", condition: SMT.and(none + [SMT.or(short)])))
        return branches
    }
}

extension TopDownEncoding {
    var branchBase: String { layout.text() + request + algorithm }

    /// For each window `h` in `windows` (between regions, and the tail for `h = K`): `h` is the
    /// last taken, with room below the answer and with the answer at the window's start (an
    /// exact fit, or the round-down landing on the start: the boundary of `fit`'s `top ≥ start`),
    /// and — for `h > 0` — while a lower window fits too (the answer is the last fit, not the
    /// first). Then: no window fits; none although one is a single page short; and none although
    /// one holds `s` pages with no aligned start in it (only at alignments above P).
    func branches(windows: Set<Int>) -> [EncodingBranch] {
        let K = layout.regions
        var branches: [EncodingBranch] = []
        for h in 0 ... K where windows.contains(h) {
            let window = h < K ? "window below region \(h)" : "the tail window"
            branches.append(EncodingBranch(name: "\(window) answers last", condition: SMT.and([last(h), "(> tp_\(h) ws_\(h))"])))
            branches.append(EncodingBranch(name: "\(window) answers last, at its start", condition: SMT.and([last(h), "(= tp_\(h) ws_\(h))"])))
            if h > 0 {
                branches.append(EncodingBranch(name: "\(window) answers last, a lower window fits too",
                                               condition: SMT.and([last(h), SMT.or((0 ..< h).map { "hit_\($0)" })])))
            }
        }
        let none = (0 ... K).map { "(not hit_\($0))" }
        func hole(_ i: Int) -> String {
            i < K ? SMT.and([SymbolicLayout.active(i), "(> \(end(i)) ws_\(i))"]) : "(< ws_\(i) \(end(i)))"
        }
        branches.append(EncodingBranch(name: "no window fits", condition: SMT.and(none)))
        let short = (0 ... K).map { SMT.and([hole($0), "(= (- \(end($0)) ws_\($0)) (- s 1))"]) }
        branches.append(EncodingBranch(name: "no window fits, one is a page short", condition: SMT.and(none + [SMT.or(short)])))
        if alignment > 1 {
            let unaligned = (0 ... K).map { SMT.and([hole($0), "(>= (- \(end($0)) ws_\($0)) s)"]) }
            branches.append(EncodingBranch(name: "no window fits, one holds the size but no aligned start", condition: SMT.and(none + [SMT.or(unaligned)])))
        }
        return branches
    }
}

extension SpecificEncoding {
    var branchBase: String { layout.text() + request + algorithm }

    /// Which region `tree.floor(probe)` finds (region f, or none) crossed with each answer
    /// (ok, ENOMEM, EEXIST), and a request whose end wraps past 2^64.
    var branches: [EncodingBranch] {
        let K = layout.regions
        var floors: [(String, String)] = []
        for f in 0 ..< K {
            let next = f + 1 < K ? "(or (not \(SymbolicLayout.active(f + 1))) (> \(SymbolicLayout.base(f + 1)) probe))" : "true"
            floors.append(("tree.floor finds region \(f)", SMT.and([SymbolicLayout.active(f), "(<= \(SymbolicLayout.base(f)) probe)", next])))
        }
        floors.append(("tree.floor finds no region", "(or (not \(SymbolicLayout.active(0))) (> \(SymbolicLayout.base(0)) probe))"))
        var branches: [EncodingBranch] = []
        for (floor, condition) in floors {
            for (answer, errno) in [("ok", 0), ("ENOMEM", 12), ("EEXIST", 17)] {
                branches.append(EncodingBranch(name: "\(floor), \(answer)", condition: SMT.and([condition, "(= result \(errno))", "(not wraps)"])))
            }
        }
        branches.append(EncodingBranch(name: "the end wraps past 2^64", condition: "wraps"))
        return branches
    }
}

extension SplitEncoding {
    /// Offsets small enough that the layout can be built (a region at offset o is mapped o
    /// pages lower).
    var branchBase: String {
        var text = layout.text(offsets: true) + range + algorithm
        for i in 0 ..< layout.regions {
            text += "(assert (=> \(SymbolicLayout.active(i)) (and (<= \(SymbolicLayout.offset(i)) 64) (>= (- \(SymbolicLayout.base(i)) \(SymbolicLayout.offset(i))) \(layout.basePage)))))\n"
        }
        return text
    }

    /// Region r is cut with or without a part below and above; and a range that cuts nothing.
    var branches: [EncodingBranch] {
        var branches: [EncodingBranch] = []
        for r in 0 ..< layout.regions {
            for below in [false, true] {
                for above in [false, true] {
                    let b = below ? "has_below_\(r)" : "(not has_below_\(r))", a = above ? "has_above_\(r)" : "(not has_above_\(r))"
                    branches.append(EncodingBranch(name: "region \(r) cut, \(below ? "a part below" : "nothing below"), \(above ? "a part above" : "nothing above")",
                                                   condition: SMT.and(["aff_\(r)", b, a, "(> \(SymbolicLayout.offset(r)) 0)"])))
                }
            }
        }
        branches.append(EncodingBranch(name: "the range cuts no region", condition: SMT.and((0 ..< layout.regions).map { "(not aff_\($0))" })))
        return branches
    }
}
