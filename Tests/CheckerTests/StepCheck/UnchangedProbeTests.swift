@testable import Checker
@testable import Model
import Testing

/// `no-leak`'s change check skips the hole probe when the model's probe certainly answers as it
/// did on the step's parent (`AddressSpace.probesAnswerAsOn(_:)`: the same tree storage, no legacy
/// allocator): a step that leaves the tree alone is not probed again, and a leak only the probe
/// can see, beside an unchanged tree, is still found.
struct UnchangedProbeTests {
    @Test func onlyAnUnwrittenTreeWithoutALegacyAllocatorAnswersAlike() {
        var space = AddressSpace(universe: .small)
        _ = Operation.mmap(0x2000, .readWrite).apply(to: &space)
        let parent = space
        _ = Operation.touch(address: 0x10000, write: true, value: 1).apply(to: &space)
        #expect(space.probesAnswerAsOn(parent), "a touch writes no region")
        let touched = space
        #expect(!Operation.mmap(0x1000, .readWrite, at: .fixedNoReplace(0x10000)).apply(to: &space).isSuccess)
        #expect(space.probesAnswerAsOn(touched), "a failed mmap returns to its start copy")
        _ = Operation.mmap(0x1000, .read).apply(to: &space)
        #expect(!space.probesAnswerAsOn(touched), "an mmap writes the tree")
        var legacy = AddressSpace(universe: .small, mutations: .dualAuthority)
        _ = Operation.mmap(0x2000, .readWrite).apply(to: &legacy)
        let legacyParent = legacy
        _ = Operation.touch(address: 0x10000, write: true, value: 1).apply(to: &legacy)
        #expect(!legacy.probesAnswerAsOn(legacyParent), "the legacy allocator is read by the probe too")
    }

    /// The legacy allocator keeps a reservation in a hole while the step leaves the tree as it
    /// was: no observation shows it, only the probe of that hole does.
    @Test func aLeakOnlyTheProbeSeesIsFound() throws {
        var space = AddressSpace(universe: .small, mutations: .dualAuthority)
        _ = Operation.mmap(0x2000, .readWrite).apply(to: &space)
        var checker = StepChecker(PropertySet())
        let before = ObservedState(model: space)
        #expect(checker.allViolations(initial: before).isEmpty)
        let operation = Operation.touch(address: 0x10000, write: true, value: 1)
        let result = operation.apply(to: &space)
        var allocator = space.legacyAllocator!, heap = space.heap
        let free = try #require(allocator.free.last)
        try allocator.allocateSpecific(try VirtualRange(base: free.end - 0x1000, size: 0x1000), heap: &heap)
        space.legacyAllocator = allocator
        space.heap = heap
        #expect(space.regions.isUnchangedCopy(of: before.model!.regions))
        let after = ObservedState(model: space)
        let violations = checker.allViolations(Transition(before: before, operation: operation, result: result, after: after))
        #expect(violations.map(\.property).contains("no-leak"), "\(violations)")
    }
}
