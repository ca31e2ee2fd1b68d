@testable import Checker
import Model
import Testing

/// The generator reaches every kind of choice, and relative choices resolve against the state.
struct GeneratorTests {
    @Test func everyKindOfChoiceIsDrawn() {
        let generator = StepGenerator(universe: .small)
        var rng = SplitMix64(seed: 21)
        var space = AddressSpace(universe: .small)
        var kinds = Set<AbstractStep.Kind>(), placements = Set<Operation.PlacementKind>()
        var anchors = Set<String>(), sizes = Set<String>()
        var misaligned = false, aligned = false, trimmed = false, failKinds = Set<AllocationKind>()
        for _ in 0 ..< 4000 {
            let step = generator.draw(in: space, &rng)
            kinds.insert(step.kind)
            if step.kind == .mmap { placements.insert(step.placement) }
            if step.kind == .failNext { failKinds.insert(step.failKind) }
            if step.kind != .failNext && step.kind != .teardown {
                anchors.insert(String(describing: step.anchor).prefix { $0 != "(" }.description)
                sizes.insert(String(describing: step.size).prefix { $0 != "(" }.description)
            }
            misaligned = misaligned || step.misalign != 0
            aligned = aligned || step.alignmentPages > 1
            trimmed = trimmed || step.sizeTrim != 0
            _ = RandomExecution.apply(step, to: &space)
        }
        // exec is drawn with weight 0 for now (StepGenerator.kindWeights).
        #expect(kinds == Set(AbstractStep.Kind.allCases).subtracting([.exec]))
        #expect(placements == Set(Operation.PlacementKind.allCases))
        #expect(anchors == ["rangeStart", "rangeEnd", "regionStart", "regionEnd", "hole", "page", "belowRange"])
        #expect(sizes == ["pages", "hole", "region"])
        #expect(failKinds == [.frame, .pageTable])
        #expect(misaligned && aligned && trimmed)
    }

    @Test func relativeChoicesResolveAgainstTheState() {
        var space = AddressSpace(universe: .tiny)
        let base = Universe.tiny.base, P = Universe.tiny.pageSize
        _ = try? space.mmap(size: 2 * P, protection: .readWrite, placement: .fixedNoReplace(base + 2 * P))
        var step = AbstractStep(.munmap)
        step.anchor = .regionStart(index: 0, pages: 1)
        step.size = .region(index: 0)
        #expect(step.resolve(in: space) == .munmap(address: base + 3 * P, size: 2 * P))
        step.anchor = .hole(index: 1, pages: 0)
        step.size = .hole(index: 1)
        #expect(step.resolve(in: space) == .munmap(address: base + 4 * P, size: 4 * P), "the 2nd hole is the one above the region")
        step.anchor = .regionEnd(index: 3, pages: 0)
        #expect(step.resolve(in: space).description.hasPrefix("munmap \((base + 4 * P).hex)"), "indices wrap around the region count")
        step.anchor = .rangeEnd(pages: 0)
        step.size = .pages(1)
        #expect(step.resolve(in: space) == .munmap(address: base + 7 * P, size: P))
        // With no region at all, a region anchor falls back to the range start.
        step.anchor = .regionStart(index: 2, pages: 1)
        #expect(step.resolve(in: AddressSpace(universe: .tiny)) == .munmap(address: base + P, size: P))
    }
}
