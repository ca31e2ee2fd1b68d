@testable import Checker
import Model
import Testing
import Z3Bridge

/// The encodings `prove` proves things about are the Swift algorithms: on hundreds of random
/// concrete layouts of the 64-bit serenity range, with the same values pinned, Z3's evaluation
/// of each encoding gives exactly the answer the Swift code gives — for the reference and for
/// each mutant whose seam the encoding contains.
@Suite struct ProveDifferentialTests {
    static let universe = Universe.serenity
    static let P = Universe.serenity.pageSize

    /// Sorted, disjoint, page-aligned regions (bytes) with offsets (pages): near the bottom of the
    /// range, near its top (so the tail window is small), or spread out; gaps of 0 pages happen.
    static func layout(_ rng: inout SplitMix64, maxRegions: Int, offsets: Bool = false) -> [(base: UInt64, end: UInt64, offset: UInt64)] {
        let n = Int.random(in: 0 ... maxRegions, using: &rng)
        let totalPages = universe.pages
        let span: UInt64 = [64, 4096, totalPages / 2][Int.random(in: 0 ... 2, using: &rng)]
        let atTop = Bool.random(using: &rng)
        var page = atTop ? max(0, Int64(totalPages) - Int64(span) - 64) : 0
        var regions: [(base: UInt64, end: UInt64, offset: UInt64)] = []
        for _ in 0 ..< n {
            let gap = Int64([0, 0, 1, 2, 3, Int.random(in: 1 ... 16, using: &rng), Int(span / 8)][Int.random(in: 0 ... 6, using: &rng)])
            let size = Int64([1, 1, 2, 3, Int.random(in: 1 ... 8, using: &rng), Int(span / 16) + 1][Int.random(in: 0 ... 5, using: &rng)])
            let offset = offsets && gap > 0 ? UInt64.random(in: 0 ... UInt64(gap), using: &rng) : 0
            page += gap
            guard UInt64(page + size) <= totalPages else { break }
            regions.append((universe.base + UInt64(page) * P, universe.base + UInt64(page + size) * P, offset))
            page += size
        }
        return regions
    }

    static func pins(_ regions: [(base: UInt64, end: UInt64, offset: UInt64)], pages: Bool, offsets: Bool = false) -> String {
        var text = "(assert (= n \(regions.count)))\n"
        for (i, r) in regions.enumerated() {
            let b = pages ? String(r.base / P) : SMT.bv(r.base), e = pages ? String(r.end / P) : SMT.bv(r.end)
            text += "(assert (= \(SymbolicLayout.base(i)) \(b)))\n(assert (= \(SymbolicLayout.end(i)) \(e)))\n"
            if offsets { text += "(assert (= \(SymbolicLayout.offset(i)) \(r.offset)))\n" }
        }
        return text
    }

    static func int(_ value: Z3Value?) -> Int { if case let .int(v) = value { v } else { -1 } }
    static func bool(_ value: Z3Value?) -> Bool { if case let .bool(v) = value { v } else { false } }

    @Test(arguments: [Mutations(), .windowNeedsSizePlusAlignment, .tailWindowUntrimmed, [.windowNeedsSizePlusAlignment, .tailWindowUntrimmed]])
    func anywhereMatchesFindAnywhere(_ mutations: Mutations) throws {
        var rng = SplitMix64(seed: 0xa11 &+ UInt64(mutations.rawValue))
        let K = 6
        var found = 0, enomem = 0
        for case_ in 0 ..< 150 {
            let regions = Self.layout(&rng, maxRegions: K)
            let j = [0, 0, 1, 2, 3, Int.random(in: 0 ... 20, using: &rng)][Int.random(in: 0 ... 5, using: &rng)]
            let holes = Self.holes(regions)
            let sizePages: UInt64 = Bool.random(using: &rng) && !holes.isEmpty
                ? holes.randomElement(using: &rng)! // exactly a hole's size: the exact-fit edge
                : [1, 2, 3, UInt64.random(in: 1 ... 64, using: &rng), Self.universe.pages / 3, Self.universe.pages + 1][Int.random(in: 0 ... 5, using: &rng)]
            let encoding = AnywhereEncoding(layout: SymbolicLayout(regions: K, universe: Self.universe), alignmentExponent: j, mutations: mutations)
            let text = encoding.layout.text() + encoding.request + encoding.algorithm + Self.pins(regions, pages: true) + "(assert (= s \(sizePages)))\n"
            let z3 = try EncodingEvaluation.evaluate(text, names: ["found", "res_base", "res_size"])
            let space = try #require(ProveLayoutSpace.build(regions, universe: Self.universe, mutations: mutations))
            let swift = try? space.regions.findAnywhere(size: sizePages * Self.P, alignment: Self.P << UInt64(j), mutations: mutations)
            #expect(Self.bool(z3["found"]) == (swift != nil), "case \(case_): layout \(regions), \(sizePages) pages, 2^\(j): Z3 \(z3), Swift \(String(describing: swift))")
            if let swift {
                found += 1
                #expect(UInt64(Self.int(z3["res_base"])) * Self.P == swift.base && UInt64(Self.int(z3["res_size"])) * Self.P == swift.size,
                        "case \(case_): layout \(regions), \(sizePages) pages, 2^\(j): Z3 \(z3), Swift \(swift)")
            } else { enomem += 1 }
        }
        #expect(found > 20 && enomem > 10, "both answers exercised: \(found) found, \(enomem) ENOMEM")
    }

    /// Hole sizes in pages.
    static func holes(_ regions: [(base: UInt64, end: UInt64, offset: UInt64)]) -> [UInt64] {
        var start = universe.base
        var sizes: [UInt64] = []
        for r in regions {
            if r.base > start { sizes.append((r.base - start) / P) }
            start = r.end
        }
        if start < universe.end { sizes.append((universe.end - start) / P) }
        return sizes
    }

    @Test(arguments: [Mutations(), .specificCheckKeyedOnBase])
    func fixedNoReplaceMatchesMmap(_ mutations: Mutations) throws {
        var rng = SplitMix64(seed: 0xf1d &+ UInt64(mutations.rawValue))
        let K = 5
        var answers: [Int: Int] = [:]
        for case_ in 0 ..< 200 {
            let regions = Self.layout(&rng, maxRegions: K)
            // Addresses at, inside, around and past regions, below the range and near 2^64.
            var addresses: [UInt64] = [Self.universe.base, 0, Self.universe.end - Self.P, UInt64.max - Self.P + 1 - UInt64.random(in: 0 ... 4, using: &rng) * Self.P]
            for r in regions { addresses += [r.base, r.end, r.base &- Self.P, r.end - Self.P] }
            let address = addresses.randomElement(using: &rng)! & ~(Self.P - 1)
            let sizePages: UInt64 = [1, 2, 3, UInt64.random(in: 1 ... 32, using: &rng), 1 << 40, (UInt64.max / Self.P) - 1][Int.random(in: 0 ... 5, using: &rng)]
            let size = sizePages * Self.P
            let encoding = SpecificEncoding(layout: SymbolicLayout(regions: K, universe: Self.universe), mutations: mutations)
            let text = encoding.layout.text() + encoding.request + encoding.algorithm + Self.pins(regions, pages: true)
                + "(assert (= addr \(address / Self.P)))\n(assert (= s \(sizePages)))\n"
            let z3 = try EncodingEvaluation.evaluate(text, names: ["result"])
            var space = try #require(ProveLayoutSpace.build(regions, universe: Self.universe, mutations: mutations))
            let swift: Int
            do throws(KernelError) {
                _ = try space.mmap(size: size, protection: .none, placement: .fixedNoReplace(address))
                swift = 0
            } catch { swift = Int(error.errno) }
            #expect(Self.int(z3["result"]) == swift, "case \(case_): layout \(regions), fixed-noreplace \(address.hex) + \(size.hex): Z3 \(z3), Swift \(swift)")
            answers[swift, default: 0] += 1
        }
        #expect(answers.count == 3, "ok, ENOMEM and EEXIST all exercised: \(answers)")
    }

    @Test(arguments: [Mutations(), .splitOffsetIgnoresSource])
    func splitMatchesMunmapAndMprotect(_ mutations: Mutations) throws {
        var rng = SplitMix64(seed: 0x5b1 &+ UInt64(mutations.rawValue))
        let K = 5
        var compared = 0
        for case_ in 0 ..< 200 {
            // Small layouts near the bottom, so that mprotect's page tables stay few.
            var regions = Self.layout(&rng, maxRegions: K, offsets: true).filter { $0.end - Self.universe.base < 1 << 24 }
            // A region with offset o is mapped o pages lower and its first o pages unmapped.
            var space = AddressSpace(universe: Self.universe, mutations: mutations)
            for r in regions {
                let low = r.base - r.offset * Self.P
                try space.mmap(size: r.end - low, protection: .none, placement: .fixedNoReplace(low))
                if r.offset > 0 { try space.munmap(address: low, size: r.offset * Self.P) }
            }
            #expect(space.regions.regions.map { $0.offset } == regions.map(\.offset))
            let lowest = regions.first?.base ?? Self.universe.base, highest = regions.last?.end ?? Self.universe.base + Self.P
            let rb = Self.universe.base + UInt64.random(in: 0 ... (highest - Self.universe.base) / Self.P, using: &rng) * Self.P
            let re = min(Self.universe.end, max(rb + Self.P, lowest) + UInt64.random(in: 0 ... 8, using: &rng) * Self.P)
            let isMprotect = Bool.random(using: &rng)
            let operation: Operation = isMprotect ? .mprotect(address: rb, size: re - rb, protection: .read) : .munmap(address: rb, size: re - rb)
            let t = Transition(applying: operation, to: space)
            guard t.result.isSuccess else { continue } // mprotect over a hole: ENOMEM, nothing split
            compared += 1
            regions = regions.map { ($0.base, $0.end, $0.offset) }
            let encoding = SplitEncoding(layout: SymbolicLayout(regions: K, universe: Self.universe), mutations: mutations)
            let names = (0 ..< K).flatMap { i in ["aff_\(i)"] + SplitEncoding.Piece.allCases.flatMap { p in ["has_", "lo_", "hi_", "off_"].map { "\($0)\(p.rawValue)_\(i)" } } }
            let text = encoding.layout.text(offsets: true) + encoding.range + encoding.algorithm + Self.pins(regions, pages: true, offsets: true)
                + "(assert (= rb \(rb / Self.P)))\n(assert (= re \(re / Self.P)))\n"
            let z3 = try EncodingEvaluation.evaluate(text, names: names)
            // The after-state the encoding predicts: unaffected regions, plus the kept pieces.
            var predicted: [[UInt64]] = []
            for (i, r) in regions.enumerated() {
                guard Self.bool(z3["aff_\(i)"]) else { predicted.append([r.base, r.end, r.offset]); continue }
                for piece in SplitEncoding.Piece.allCases where Self.bool(z3["has_\(piece.rawValue)_\(i)"]) && (isMprotect || piece != .middle) {
                    let name = "\(piece.rawValue)_\(i)"
                    predicted.append([UInt64(Self.int(z3["lo_" + name])) * Self.P, UInt64(Self.int(z3["hi_" + name])) * Self.P, UInt64(Self.int(z3["off_" + name]))])
                }
            }
            let actual = t.after.model!.regions.regions.map { [$0.range.base, $0.range.end, $0.offset] }
            #expect(predicted == actual, "case \(case_): layout \(regions), \(operation): Z3 predicts \(predicted), Swift has \(actual)")
        }
        #expect(compared > 100, "only \(compared) splits compared")
    }
}
