import Checker
import Model
import Testing

/// `no-leak`'s hole probe runs mmap's placement step alone; it must answer exactly as the whole
/// PROT_NONE fixed-noreplace mmap does, on both designs and every mutant, on holes and on ranges
/// that are partly taken.
@Suite struct PlacementProbeTests {
    /// States from random walks: the reference and each mutant (a walk stops at its first
    /// violation, as the checkers do), and the serenity design (whose findings do not break the
    /// tree, so its walks run on).
    static func states(_ universe: Universe) -> [AddressSpace] {
        var states: [AddressSpace] = []
        for (index, mutation) in ([Mutations()] + Mutations.catalogue.map(\.mutation)).enumerated() {
            states += RandomWalk.transitions(universe: universe, mutations: mutation, seed: 0x5eed + UInt64(index), count: 300).map { $0.after.model! }
        }
        var rng = SplitMix64(seed: 0x5e4e)
        for _ in 0 ..< 30 {
            var space = AddressSpace(universe: universe, design: .serenity)
            for _ in 0 ..< 12 {
                _ = RandomWalk.operation(in: universe, using: &rng).apply(to: &space)
                states.append(space)
            }
        }
        return states
    }

    @Test(arguments: [Universe.tiny, .small])
    func theProbeAnswersAsTheWholeMmap(universe: Universe) {
        var rng = SplitMix64(seed: universe.pages)
        var compared = 0, failures = 0
        for space in Self.states(universe) {
            var ranges: [VirtualRange] = []
            space.regions.forEachHole { start, end in ranges.append(try! VirtualRange(base: start, size: end - start)); return false }
            let P = universe.pageSize
            let base = universe.base + UInt64.random(in: 0 ..< universe.pages, using: &rng) * P
            ranges.append(try! VirtualRange(base: base, size: UInt64.random(in: 1 ... 3, using: &rng) * P))
            for range in ranges {
                var whole = space
                whole.faults = FaultInjection()
                var mmapError: KernelError?
                do throws(KernelError) { _ = try whole.mmap(size: range.size, protection: .none, placement: .fixedNoReplace(range.base)) }
                catch { mmapError = error }
                var probeError: KernelError?
                do throws(KernelError) { try space.probeFixedPlacement(of: range) } catch { probeError = error }
                #expect(probeError == mmapError, "\(space.design) \(space.mutations) \(range) in\n\(space.picture)")
                compared += 1
                if mmapError != nil { failures += 1 }
            }
        }
        #expect(compared > 4000, "compared \(compared)")
        #expect(failures > 300, "partly taken ranges must exercise the failing placements too (\(failures))")
    }
}
