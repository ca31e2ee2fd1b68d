@testable import Checker
@testable import Model
import Testing

/// The explorer calls each property through a handle that holds no reference count
/// (`Property.Unretained`), and its state boxes hold the model unwrapped, with an empty space
/// standing in for another implementation's. Both must answer as before: the handle as the
/// property itself on every step of random runs of the reference and of every mutant (so that
/// violations are compared too), and a box without a model as one with none.
struct UnretainedCheckTests {
    /// Random steps from `start`; every property's handle and the property agree on each.
    static func compare(_ start: AddressSpace, seed: UInt64, steps: Int) -> Int {
        var space = start
        var rng = SplitMix64(seed: seed)
        let generator = StepGenerator(universe: space.universe)
        let properties = PropertyCatalogue.all
        let handles = properties.map(Property.Unretained.init)
        let conventions = ErrorConventions(of: space.design)
        var violations = 0
        for index in 0 ..< steps {
            let operation = generator.draw(in: space, &rng).resolve(in: space)
            let before = ObservedState(model: space)
            let result = operation.apply(to: &space)
            let transition = Transition(before: before, operation: operation, result: result, after: ObservedState(model: space))
            for (property, handle) in zip(properties, handles) {
                for stateIsNew in [true, false] {
                    let expected = property.check(checkable: transition, conventions: conventions, stateIsNew: stateIsNew)
                    #expect(handle.check(checkable: transition, conventions: conventions, stateIsNew: stateIsNew) == expected,
                            "\(property.id), step \(index + 1) (\(operation)) of seed \(seed)")
                    if expected != nil { violations += 1 }
                }
            }
        }
        return violations
    }

    @Test func theReferenceAndEveryMutant() {
        for seed in 1 ... 3 as ClosedRange<UInt64> {
            #expect(Self.compare(AddressSpace(universe: .tiny), seed: seed, steps: 60) == 0)
        }
        var violations = 0
        for (_, mutation) in Mutations.catalogue {
            for seed in 1 ... 2 as ClosedRange<UInt64> {
                violations += Self.compare(AddressSpace(universe: .tiny, mutations: mutation), seed: seed, steps: 60)
            }
        }
        // Not vacuous: the mutants' violations were compared too.
        #expect(violations > 0)
    }

    /// A state of another implementation (and a model state let go of) has no model, and its
    /// universe, design and counts are the ones it was given or observed.
    @Test func aStateWithoutAModel() {
        var space = AddressSpace(universe: .small, design: .serenity)
        _ = Operation.mmap(0x2000, .readWrite).apply(to: &space)
        _ = Operation.touch(address: 0x10000, write: true, value: 7).apply(to: &space)
        let observation = space.observation()
        let external = ObservedState(observation: observation, universe: .small, design: .serenity)
        let letGo = ObservedState(model: space).withoutModel()
        for state in [external, letGo] {
            #expect(state.model == nil && !state.canProbe)
            #expect(state.universe == .small && state.design == .serenity)
            #expect(state.observation == observation)
            #expect(state.regionCount == 1 && state.tlbEntryCount == observation.tlb.count && state.hasAccessibleRegion)
            #expect(state.placementHeapAllocations == observation.placementHeapAllocations)
            #expect(state.withModelIfAny { _ in true } == nil)
        }
        #expect(ObservedState(model: space).model?.sameContents(as: space) == true)
    }
}
