@testable import Checker
import Model

/// A test-only implementation under test: the reference model, except that `anywhere`
/// placement is done by a broken search of its own — the seeded bug — and the range it picks is
/// then mapped fixed-noreplace. The checker sees it only through the observation boundary,
/// so whatever it reports is judged by the real properties against their oracles.
struct MisplacingImplementation: ImplementationUnderTest {
    enum Bug: Sendable {
        /// RegionTree.fit's off-by-one: `end - aligned > size`, so an exact-fit hole is never used.
        case exactFitNeverUsed
    }

    var space: AddressSpace
    let bug: Bug

    init(universe: Universe, bug: Bug) {
        space = AddressSpace(universe: universe)
        self.bug = bug
    }

    var universe: Universe { space.universe }
    var design: Design { space.design }

    func observe() -> Observation {
        var observed = space.observation()
        observed.capabilities = .all  // not the model: its internals are not on show
        return observed
    }

    mutating func apply(_ operation: Operation) -> OperationResult {
        guard case let .mmap(size, protection, .anywhere, nil, nil, _) = operation, size > 0, size.isAligned(to: space.pageSize) else {
            return operation.apply(to: &space)
        }
        guard let base = buggyLowestFit(size: size) else { return .error(.ENOMEM) }
        return Operation.mmap(size: size, protection: protection, placement: .fixedNoReplace, address: base, alignment: nil, choice: nil)
            .apply(to: &space)
    }

    /// The lowest hole that holds more than `size` bytes (page alignment).
    private func buggyLowestFit(size: UInt64) -> UInt64? {
        var start = space.universe.totalRange.base
        for region in space.regions.regions {
            if region.range.base > start, region.range.base - start > size { return start }
            start = max(start, region.range.end)
        }
        return space.universe.end - start > size ? start : nil
    }
}
