import Model
import Z3Bridge

/// Reads a satisfying model of an obligation back into a layout, a request, the algorithm's
/// answer and the specification's, and runs the Swift code on the same layout to confirm it.
enum ProveDecoding {
    static func value(_ model: Z3Model, _ name: String, bool: Bool = false) throws(Z3Error) -> Z3Value {
        if let v = try model.value(of: name) { return v }
        // Unconstrained in this model: model completion gives the default.
        let constant = bool ? try model.context.boolConstant(name) : try model.context.intConstant(name)
        return try model.evaluate(constant)
    }

    static func int(_ model: Z3Model, _ name: String) throws(Z3Error) -> Int {
        switch try value(model, name) {
        case let .int(v): return v
        case let other: throw .witness(property: "prove", message: "\(name) = \(other) is not a machine integer")
        }
    }

    /// A 64-bit bit-vector's value (above 2^63 Z3 gives it as decimal text).
    static func word(_ model: Z3Model, _ name: String) throws(Z3Error) -> UInt64 {
        switch try value(model, name) {
        case let .int(v): return UInt64(bitPattern: Int64(v))
        case let .other(text):
            guard let v = UInt64(text) else { throw .witness(property: "prove", message: "\(name) = \(text) is not a 64-bit value") }
            return v
        case let other: throw .witness(property: "prove", message: "\(name) = \(other) is not a bit-vector")
        }
    }

    static func bool(_ model: Z3Model, _ name: String) throws(Z3Error) -> Bool {
        if case let .bool(v) = try value(model, name, bool: true) { return v }
        return false
    }

    /// Regions `0..<n` of a page-number layout, in bytes.
    static func pageLayout(_ model: Z3Model, _ layout: SymbolicLayout, offsets: Bool = false) throws(Z3Error) -> [(base: UInt64, end: UInt64, offset: UInt64)] {
        let n = try int(model, "n")
        let P = UInt64(layout.pageSize)
        var regions: [(base: UInt64, end: UInt64, offset: UInt64)] = []
        for i in 0 ..< n {
            let offset = offsets ? UInt64(try int(model, SymbolicLayout.offset(i))) : 0
            regions.append((UInt64(try int(model, SymbolicLayout.base(i))) * P, UInt64(try int(model, SymbolicLayout.end(i))) * P, offset))
        }
        return regions
    }

    static func range(_ base: UInt64, _ size: UInt64) -> String { "[\(base.hex), \((base &+ size).hex))" }

    static func anywhere(_ model: Z3Model, _ encoding: AnywhereEncoding) throws(Z3Error) -> ProveCounterexample {
        let P = UInt64(encoding.layout.pageSize)
        let regions = try pageLayout(model, encoding.layout)
        let size = UInt64(try int(model, "s")) * P
        let alignment = UInt64(encoding.alignment) * P
        let found = try bool(model, "found")
        let base = UInt64(try int(model, "res_base")) * P
        let returnedSize = UInt64(try int(model, "res_size")) * P
        let x = UInt64(try int(model, "x")) * P
        let returned = found ? "\(range(base, returnedSize)) (\(ProveCounterexample.pages(returnedSize / P)))" : "ENOMEM"
        let witness: String
        if try bool(model, "bad_complete") {
            witness = "the aligned hole \(x.hex)..\((x + size).hex) was free when mmap returned ENOMEM"
        } else if try bool(model, "bad_lowest") {
            witness = "the aligned hole \(x.hex)..\((x + size).hex) lies below the returned range \(range(base, returnedSize))"
        } else {
            witness = "the returned range \(range(base, returnedSize)) is \(returnedSize / P) pages, not \(size / P)"
                + (base % alignment == 0 ? "" : ", or not aligned to \(alignment.hex)") + ", or not inside a hole"
        }
        var result = ProveCounterexample(
            regions: regions, request: "mmap anywhere of \(size.hex) bytes (\(ProveCounterexample.pages(size / P))), alignment \(alignment.hex)",
            returned: returned, expected: "?", witness: witness)
        result.operation = .mmap(size, .none, at: .anywhere, alignment: alignment)
        if let space = ProveLayoutSpace.build(regions, universe: encoding.layout.universe, mutations: encoding.mutations) {
            func answer(_ mutations: Mutations) -> (String, VirtualRange?) {
                do throws(KernelError) {
                    let r = try space.regions.findAnywhere(size: size, alignment: alignment, mutations: mutations)
                    return ("\(r) (\(ProveCounterexample.pages(r.size / P)))", r)
                } catch { return ("\(error)", nil) }
            }
            result.expected = answer([]).0
            let (swift, swiftRange) = answer(encoding.mutations)
            result.swiftReturned = swift
            result.swiftAgrees = found ? (swiftRange?.base == base && swiftRange?.size == returnedSize) : swiftRange == nil
        }
        return result
    }

    static func topDown(_ model: Z3Model, _ encoding: TopDownEncoding) throws(Z3Error) -> ProveCounterexample {
        let P = UInt64(encoding.layout.pageSize)
        let regions = try pageLayout(model, encoding.layout)
        let size = UInt64(try int(model, "s")) * P
        let alignment = UInt64(encoding.alignment) * P
        let found = try bool(model, "found")
        let base = UInt64(try int(model, "res_base")) * P
        let x = UInt64(try int(model, "x")) * P
        let universe = encoding.layout.universe
        let witness: String
        if try bool(model, "bad_complete") {
            witness = "the aligned hole \(x.hex)..\((x + size).hex) was free when mmap top-down returned ENOMEM"
        } else if try bool(model, "bad_highest") {
            witness = "the aligned hole \(x.hex)..\((x + size).hex) lies above the returned range \(range(base, size))"
        } else {
            witness = "the returned range \(range(base, size))" + (base % alignment == 0 ? "" : " is not aligned to \(alignment.hex), or") + " is not inside a hole"
        }
        var result = ProveCounterexample(
            regions: regions, request: "mmap top-down of \(size.hex) bytes (\(ProveCounterexample.pages(size / P))), alignment \(alignment.hex)",
            returned: found ? "ok \(base.hex) \(range(base, size))" : "ENOMEM",
            expected: "\(ProveOracle.topDown(regions, size: size, alignment: alignment, universe: universe))", witness: witness)
        result.operation = .mmap(size, .none, at: .topDown, alignment: alignment)
        if let space = ProveLayoutSpace.build(regions, universe: universe, mutations: []) {
            do throws(KernelError) {
                let r = try space.regions.findTopDown(size: size, alignment: alignment)
                result.swiftReturned = "ok \(r.base.hex) \(r)"
                result.swiftAgrees = found && r.base == base && r.size == size
            } catch {
                result.swiftReturned = "\(error)"
                result.swiftAgrees = !found
            }
        }
        return result
    }

    static func specific(_ model: Z3Model, _ encoding: SpecificEncoding) throws(Z3Error) -> ProveCounterexample {
        let P = UInt64(encoding.layout.pageSize)
        let regions = try pageLayout(model, encoding.layout)
        let address = UInt64(try int(model, "addr")) * P, size = UInt64(try int(model, "s")) * P
        func errno(_ code: Int) -> String { code == 0 ? "ok \(address.hex)" : code == 12 ? "ENOMEM" : code == 17 ? "EEXIST" : "errno \(code)" }
        let result = try int(model, "result"), expected = try int(model, "expected")
        let wraps = address.addingReportingOverflow(size).overflow
        let target = wraps ? "[\(address.hex), 2^64 + \((address &+ size).hex))" : range(address, size)
        let overlapping = regions.first { !wraps && $0.base < address &+ size && address < $0.end }
        let witness = expected == 17 && overlapping != nil
            ? "\(target) overlaps the region \(range(overlapping!.base, overlapping!.end - overlapping!.base)) but fixed-noreplace returned \(errno(result))"
            : "fixed-noreplace \(target) should return \(errno(expected)) but returned \(errno(result))"
        var counterexample = ProveCounterexample(
            regions: regions, request: "mmap fixed-noreplace at \(address.hex) of \(size.hex) bytes",
            returned: errno(result), expected: errno(expected), witness: witness)
        counterexample.operation = .mmap(size, .none, at: .fixedNoReplace(address))
        if let space = ProveLayoutSpace.build(regions, universe: encoding.layout.universe, mutations: encoding.mutations) {
            var probe = space
            let swift: Int
            do throws(KernelError) {
                _ = try probe.mmap(size: size, protection: .none, placement: .fixedNoReplace(address))
                swift = 0
            } catch { swift = Int(error.errno) }
            counterexample.swiftReturned = errno(swift)
            counterexample.swiftAgrees = swift == result
        }
        return counterexample
    }

    static func split(_ model: Z3Model, _ encoding: SplitEncoding) throws(Z3Error) -> ProveCounterexample {
        let P = UInt64(encoding.layout.pageSize)
        let regions = try pageLayout(model, encoding.layout, offsets: true)
        let rb = UInt64(try int(model, "rb")) * P, re = UInt64(try int(model, "re")) * P
        let r = try int(model, "r"), page = UInt64(try int(model, "p")) * P, why = try int(model, "why")
        var parts: [String] = []
        var expectedParts: [String] = []
        let source = regions[r]
        for piece in SplitEncoding.Piece.allCases where try bool(model, "has_\(piece.rawValue)_\(r)") {
            let lo = UInt64(try int(model, "lo_\(piece.rawValue)_\(r)")) * P
            let hi = UInt64(try int(model, "hi_\(piece.rawValue)_\(r)")) * P
            let offset = try int(model, "off_\(piece.rawValue)_\(r)")
            parts.append("\(piece.rawValue) \(range(lo, hi - lo)) offset \(offset)")
            expectedParts.append("\(piece.rawValue) \(range(lo, hi - lo)) offset \(source.offset + (lo - source.base) / P)")
        }
        let reasons = ["is lost: no part holds it", "is held by two parts", "is in a part but not in the source", "belongs to an empty part",
                       "is shown at the wrong VMObject page"]
        let reason = reasons.indices.contains(why) ? reasons[why] : "why \(why)"
        var counterexample = ProveCounterexample(
            regions: regions, request: "munmap/mprotect of \(range(rb, re - rb)), splitting region \(r) \(range(source.base, source.end - source.base)) (offset \(source.offset))",
            returned: parts.joined(separator: "; "), expected: expectedParts.joined(separator: "; ") + " (offset = source offset + distance in pages)",
            witness: "page \(page.hex) of region \(range(source.base, source.end - source.base)) \(reason)")
        counterexample.operation = .munmap(address: rb, size: re - rb)
        return counterexample
    }
}
