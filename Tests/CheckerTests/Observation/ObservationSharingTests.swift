@testable import Checker
@testable import Model
import Testing

/// A random run's state after a step takes from its parent's observation the list of every array
/// the step left in the parent's storage (`ObservedState(model:recycling:sharingWith:)`). After
/// every step the observation must equal one made afresh: on random runs of the reference, every
/// mutant and the `serenity` design, and with steps that also write far from the operated range (a
/// frame's data, a stale TLB entry, an object's reference count, a page table freed), whose lists
/// must then be made again, not taken from the parent.
struct ObservationSharingTests {
    /// Runs `steps` random steps from `start` as a random run observes them; returns how many
    /// lists were taken from the parent.
    @discardableResult
    static func compare(_ start: AddressSpace, seed: UInt64, steps: Int, farWrite: ObservationPatchTests.FarWrite = .none) -> Int {
        var space = start
        var rng = SplitMix64(seed: seed)
        let generator = StepGenerator(universe: space.universe)
        var before = ObservedState(model: space)
        _ = before.observation
        var spare: Observation?
        var shared = 0
        for index in 0 ..< steps {
            let operation = generator.draw(in: space, &rng).resolve(in: space)
            let pick = rng.next()
            let result = operation.apply(to: &space)
            if index % 3 == 2 { ObservationPatchTests.write(farWrite, in: &space, pick: pick) }
            let after = ObservedState(model: space, recycling: spare, sharingWith: before)
            spare = nil
            let made = after.observation, parent = before.observation
            #expect(made == space.observation(), "step \(index + 1) (\(operation) → \(result)) of seed \(seed), \(farWrite)")
            shared += [made.regions.sharesStorage(with: parent.regions), made.ptes.sharesStorage(with: parent.ptes),
                       made.tlb.sharesStorage(with: parent.tlb), made.objects.sharesStorage(with: parent.objects),
                       made.framesInUse.sharesStorage(with: parent.framesInUse)].filter { $0 }.count
            spare = before.takeObservationForReuse()
            before = after
        }
        return shared
    }

    @Test(arguments: [Universe.tiny, .small, .serenity])
    func theReferenceAndTheSerenityDesign(universe: Universe) {
        var shared = 0
        for seed in 1 ... 3 as ClosedRange<UInt64> {
            shared += Self.compare(AddressSpace(universe: universe), seed: seed, steps: 200)
            shared += Self.compare(AddressSpace(universe: universe, design: .serenity), seed: seed, steps: 200)
            shared += Self.compare(AddressSpace(universe: universe, design: .serenity, serenityFixes: .all), seed: seed, steps: 200)
        }
        // Not vacuous: most steps leave most lists in the parent's storage.
        #expect(shared > 9 * 200)
    }

    @Test func everyMutant() {
        for (_, mutation) in Mutations.catalogue {
            for universe in [Universe.tiny, .small] {
                Self.compare(AddressSpace(universe: universe, mutations: mutation), seed: 3, steps: 100)
            }
        }
    }

    @Test(arguments: ObservationPatchTests.FarWrite.allCases)
    func aWriteFarFromTheOperatedRange(farWrite: ObservationPatchTests.FarWrite) {
        for seed in 1 ... 3 as ClosedRange<UInt64> {
            for universe in [Universe.small, .serenity] {
                Self.compare(AddressSpace(universe: universe), seed: seed, steps: 90, farWrite: farWrite)
            }
        }
    }

    /// An object the step did not write keeps its list of pages from the parent's observation,
    /// even when another object's pages changed; the written one gets a list of its own.
    @Test func anUnwrittenObjectKeepsItsPages() {
        var space = AddressSpace(universe: .small)
        for op in [Operation.mmap(0x2000, .readWrite), .mmap(0x2000, .readWrite), .touch(address: 0x10000, write: true, value: 1),
                   .touch(address: 0x12000, write: true, value: 2)] {
            _ = op.apply(to: &space)
        }
        let before = ObservedState(model: space)
        let parent = before.observation
        _ = Operation.touch(address: 0x11000, write: true, value: 3).apply(to: &space)
        let made = ObservedState(model: space, sharingWith: before).observation
        #expect(made == space.observation())
        #expect(made.objects.count == 2 && parent.objects.count == 2)
        #expect(made.objects[0].populated.count == 2 && !made.objects[0].populated.sharesStorage(with: parent.objects[0].populated))
        #expect(made.objects[1].populated.sharesStorage(with: parent.objects[1].populated))
    }
}
