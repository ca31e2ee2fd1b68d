import Model
import Z3Bridge

extension EncodingConformance {
    /// The alignments whose anywhere encoding is checked: P·2^j for these j (the branch models
    /// and samples of each).
    static let checkedAlignmentExponents = [0, 1, 3, 20]

    static func probes(_ obligation: ProveObligation, regions K: Int, mutations: Mutations, universe: Universe) -> [Probe] {
        let layout = SymbolicLayout(regions: K, universe: universe)
        var samples = ConformanceSamples(universe: universe, maxRegions: K, rng: SplitMix64(seed: seed &+ UInt64(K)))
        let P = universe.pageSize
        switch obligation {
        case .anywhere:
            return checkedAlignmentExponents.map { j in
                let encoding = AnywhereEncoding(layout: layout, alignmentExponent: j, mutations: mutations)
                // Every branch at page alignment; at the larger alignments (where the rounding
                // makes Z3 slow over K windows) the first window, the middle one, the tail and none.
                let branches = j == 0 ? encoding.branches : encoding.branches.enumerated().filter { index, _ in
                    let window = index / 2
                    return window == 0 || window == K / 2 || window >= K
                }.map(\.element)
                return Probe(
                    name: "alignment 2^\(j) pages", base: encoding.branchBase, branches: branches,
                    samples: samples.anywhere(alignmentExponent: j, count: randomSamples),
                    read: { (model) throws(Z3Error) in
                        let regions = try ProveDecoding.pageLayout(model, layout)
                        let size = UInt64(try ProveDecoding.int(model, "s")) * P
                        return ConformanceSample(origin: "", regions: regions, operation: .mmap(size, .none, at: .anywhere, alignment: P << UInt64(j)))
                    },
                    pins: { sample in pins(sample.regions, P: P) + "(declare-const s Int)\n(assert (= s \((sample.operation.requestSize ?? 0) / P)))\n" },
                    encoded: { (model, _) throws(Z3Error) in
                        guard try ProveDecoding.bool(model, "found") else { return ConformanceAnswer(result: .error(.ENOMEM)) }
                        let base = UInt64(try ProveDecoding.int(model, "res_base")) * P, size = UInt64(try ProveDecoding.int(model, "res_size")) * P
                        return ConformanceAnswer(result: .ok(base), placed: [base, base + size])
                    },
                    specified: { sample in ProveOracle.anywhere(sample.regions, size: sample.operation.requestSize ?? 0, alignment: P << UInt64(j), universe: universe) },
                    observed: { result, after, _ in
                        guard case let .ok(base?) = result else { return ConformanceAnswer(result: result) }
                        let end = after.regions.regions.first { $0.range.base == base }?.range.end ?? base
                        return ConformanceAnswer(result: result, placed: [base, end])
                    })
            }
        case .topDown:
            return checkedAlignmentExponents.map { j in
                // As for anywhere: every window at page alignment; at the larger ones the first,
                // the middle one and the tail.
                topDownProbe(TopDownEncoding(layout: layout, alignmentExponent: j), windows: j == 0 ? Set(0 ... K) : [0, K / 2, K],
                             samples: samples.anywhere(alignmentExponent: j, count: randomSamples, placement: .topDown), universe: universe)
            }
        case .fixedNoReplace:
            let encoding = SpecificEncoding(layout: layout, mutations: mutations)
            return [Probe(
                name: "fixed-noreplace", base: encoding.branchBase, branches: encoding.branches, samples: samples.fixedNoReplace(count: randomSamples),
                read: { (model) throws(Z3Error) in
                    let regions = try ProveDecoding.pageLayout(model, layout)
                    let address = UInt64(try ProveDecoding.int(model, "addr")) * P, size = UInt64(try ProveDecoding.int(model, "s")) * P
                    return ConformanceSample(origin: "", regions: regions, operation: .mmap(size, .none, at: .fixedNoReplace(address)))
                },
                pins: { sample in
                    pins(sample.regions, P: P) + "(declare-const s Int)\n(declare-const addr Int)\n"
                        + "(assert (= s \((sample.operation.requestSize ?? 0) / P)))\n(assert (= addr \((sample.operation.requestAddress ?? 0) / P)))\n"
                },
                encoded: { (model, sample) throws(Z3Error) in
                    switch try ProveDecoding.int(model, "result") {
                    case 0: ConformanceAnswer(result: .ok(sample.operation.requestAddress ?? 0))
                    case 12: ConformanceAnswer(result: .error(.ENOMEM))
                    case 17: ConformanceAnswer(result: .error(.EEXIST))
                    default: ConformanceAnswer(result: .error(.EINVAL)) // not an answer the encoding gives: it shows as a difference
                    }
                },
                specified: { sample in
                    ProveOracle.fixedNoReplace(sample.regions, address: sample.operation.requestAddress ?? 0, size: sample.operation.requestSize ?? 0, universe: universe)
                },
                observed: { result, _, _ in ConformanceAnswer(result: result) })]
        case .split:
            let encoding = SplitEncoding(layout: layout, mutations: mutations)
            return [Probe(
                name: "munmap", base: encoding.branchBase, branches: encoding.branches, samples: samples.munmap(count: randomSamples),
                read: { (model) throws(Z3Error) in
                    let regions = try ProveDecoding.pageLayout(model, layout, offsets: true)
                    let low = UInt64(try ProveDecoding.int(model, "rb")) * P, high = UInt64(try ProveDecoding.int(model, "re")) * P
                    return ConformanceSample(origin: "", regions: regions, operation: .munmap(address: low, size: high - low))
                },
                pins: { sample in
                    let low = (sample.operation.requestAddress ?? 0) / P, high = low + (sample.operation.requestSize ?? 0) / P
                    return pins(sample.regions, P: P, offsets: true) + "(declare-const rb Int)\n(declare-const re Int)\n(assert (= rb \(low)))\n(assert (= re \(high)))\n"
                },
                encoded: { (model, sample) throws(Z3Error) in
                    // Unaffected regions stay; an affected one leaves its parts below and above.
                    var after: [[UInt64]] = []
                    for (i, r) in sample.regions.enumerated() {
                        guard try ProveDecoding.bool(model, "aff_\(i)") else { after.append([r.base, r.end, r.offset]); continue }
                        for piece in [SplitEncoding.Piece.below, .above] where try ProveDecoding.bool(model, "has_\(piece.rawValue)_\(i)") {
                            let name = "\(piece.rawValue)_\(i)"
                            after.append([UInt64(try ProveDecoding.int(model, "lo_" + name)) * P, UInt64(try ProveDecoding.int(model, "hi_" + name)) * P,
                                          UInt64(try ProveDecoding.int(model, "off_" + name))])
                        }
                    }
                    return ConformanceAnswer(result: .ok(nil), after: after)
                },
                specified: { sample in
                    let low = sample.operation.requestAddress ?? 0
                    return ProveOracle.munmap(sample.regions, low: low, high: low + (sample.operation.requestSize ?? 0), universe: universe)
                },
                observed: { result, after, _ in
                    ConformanceAnswer(result: result, after: after.regions.regions.map { [$0.range.base, $0.range.end, $0.offset] })
                })]
        }
    }

    /// The top-down question at the alignment of `samples` (`P·2^j`): the encoding's branches
    /// over `windows` and its answer read back, the code's and the oracle's. The encoding's own
    /// alignment is `encoding`'s, which a test sets apart from the samples' to show a mismatch.
    static func topDownProbe(_ encoding: TopDownEncoding, windows: Set<Int>, samples: [ConformanceSample], universe: Universe,
                             alignmentExponent: Int? = nil) -> Probe {
        let P = universe.pageSize, j = alignmentExponent ?? encoding.alignmentExponent
        return Probe(
            name: "top-down, alignment 2^\(j) pages", base: encoding.branchBase, branches: encoding.branches(windows: windows), samples: samples,
            read: { (model) throws(Z3Error) in
                let regions = try ProveDecoding.pageLayout(model, encoding.layout)
                let size = UInt64(try ProveDecoding.int(model, "s")) * P
                return ConformanceSample(origin: "", regions: regions, operation: .mmap(size, .none, at: .topDown, alignment: P << UInt64(j)))
            },
            pins: { sample in pins(sample.regions, P: P) + "(declare-const s Int)\n(assert (= s \((sample.operation.requestSize ?? 0) / P)))\n" },
            encoded: { (model, sample) throws(Z3Error) in
                guard try ProveDecoding.bool(model, "found") else { return ConformanceAnswer(result: .error(.ENOMEM)) }
                let base = UInt64(try ProveDecoding.int(model, "res_base")) * P
                return ConformanceAnswer(result: .ok(base), placed: [base, base + (sample.operation.requestSize ?? 0)])
            },
            specified: { sample in ProveOracle.topDown(sample.regions, size: sample.operation.requestSize ?? 0, alignment: P << UInt64(j), universe: universe) },
            observed: { result, after, _ in
                guard case let .ok(base?) = result else { return ConformanceAnswer(result: result) }
                let end = after.regions.regions.first { $0.range.base == base }?.range.end ?? base
                return ConformanceAnswer(result: result, placed: [base, end])
            })
    }

    /// Pins `n` and every region slot in use (unused slots are pinned to 0 by the layout).
    static func pins(_ regions: ProveOracle.Layout, P: UInt64, offsets: Bool = false) -> String {
        var text = "(declare-const n Int)\n(assert (= n \(regions.count)))\n"
        for (i, r) in regions.enumerated() {
            let b = SymbolicLayout.base(i), e = SymbolicLayout.end(i)
            text += "(declare-const \(b) Int)\n(declare-const \(e) Int)\n(assert (= \(b) \(r.base / P)))\n(assert (= \(e) \(r.end / P)))\n"
            if offsets { text += "(declare-const \(SymbolicLayout.offset(i)) Int)\n(assert (= \(SymbolicLayout.offset(i)) \(r.offset)))\n" }
        }
        return text
    }
}
