@testable import Checker
@testable import Model
import Testing

/// The observation patched from what the storage recorded each step wrote (`IncrementalObserver`)
/// is, after every step, the observation made afresh, and the windows taken from the record
/// cover every element the checker's own diff finds changed: on random runs of the reference,
/// every mutant, the `serenity` design with each fix, and steps that also write far from the
/// operated range, inside the step (recorded) or outside it (not recorded: observed in full).
struct ObservationPatchTests {
    /// A far write made inside a step, besides the step's operation.
    enum FarWrite: CaseIterable, Sendable {
        case none, frameData, staleTLB, objectReference, tableDropped
    }

    /// Runs `steps` random steps on `space` through an observer, checking the observation and
    /// the windows after each; returns how many observations were patched.
    @discardableResult
    static func compare(_ space: AddressSpace, seed: UInt64, steps: Int, farWrite: FarWrite = .none, judge: Bool = false) -> Int {
        var observer = IncrementalObserver(space: space)
        // With `judge`, the step checker fed the recorded windows says what checking in full says.
        let full = PropertySet()
        var checker = StepChecker(full)
        var current = ObservedState(model: observer.space, observation: observer.observation)
        if judge { _ = checker.allViolations(initial: current) }
        var recorded = 0
        var rng = SplitMix64(seed: seed)
        let generator = StepGenerator(universe: space.universe)
        for index in 0 ..< steps {
            let operation = generator.draw(in: observer.space, &rng).resolve(in: observer.space)
            let before = observer.observation
            let pick = rng.next()
            let (result, delta) = observer.step { space -> OperationResult in
                let result = operation.apply(to: &space)
                if index % 3 == 2 { write(farWrite, in: &space, pick: pick) }
                return result
            }
            let fresh = observer.space.observation()
            #expect(observer.observation == fresh, "step \(index + 1) (\(operation) → \(result)) of seed \(seed), \(farWrite)")
            if let delta {
                recorded += 1
                expectCovers(delta, ObservationDelta(from: before, to: fresh), before: before, "step \(index + 1) of seed \(seed)")
            }
            if judge {
                let after = ObservedState(model: observer.space, observation: observer.observation)
                let transition = Transition(before: current, operation: operation, result: result, after: after)
                #expect(checker.allViolations(transition, delta: delta) == full.allViolations(transition), "step \(index + 1) of seed \(seed)")
                current = after.withoutModel()
            }
        }
        // The windows come from the record on most steps a patch is made for.
        #expect(recorded >= observer.patched)
        return observer.patched
    }

    /// The windows `recorded` lie around `diffed`'s: no element outside them changed.
    static func expectCovers(_ recorded: ObservationDelta, _ diffed: ObservationDelta, before: Observation, _ context: String) {
        let pairs: [(ChangedWindow, ChangedWindow, Int, String)] = [
            (recorded.regions, diffed.regions, before.regions.count, "regions"),
            (recorded.pageTables, diffed.pageTables, before.pageTables.count, "tables"),
            (recorded.ptes, diffed.ptes, before.ptes.count, "PTEs"), (recorded.tlb, diffed.tlb, before.tlb.count, "TLB"),
            (recorded.objects, diffed.objects, before.objects.count, "objects"),
            (recorded.framesInUse, diffed.framesInUse, before.framesInUse.count, "frames"),
        ]
        for (r, d, count, name) in pairs {
            // Same shift (the lists' lengths change alike), a lower start and a shorter untouched tail.
            #expect(r.afterUpper - r.beforeUpper == d.afterUpper - d.beforeUpper, "\(name) at \(context)")
            #expect(d.isEmpty || (r.lower <= d.lower && count - r.beforeUpper <= count - d.beforeUpper), "\(name) \(r) does not cover \(d) at \(context)")
        }
    }

    /// Writes somewhere the step's operation did not name, through the storage (so the journal records it).
    static func write(_ kind: FarWrite, in space: inout AddressSpace, pick: UInt64) {
        switch kind {
        case .none:
            break
        case .frameData:
            let frames = space.frames.inUse
            if !frames.isEmpty { _ = space.accessFrame(frames[Int(pick % UInt64(frames.count))], write: true, value: UInt32(truncatingIfNeeded: pick)) }
        case .staleTLB:
            space.tlb.fill(PageTableEntry(page: space.universe.totalRange.end / space.pageSize - 1 - pick % 4, frame: 3, writable: true))
        case .objectReference:
            let live = space.objects.live
            if !live.isEmpty { try? space.objects.modify(live[Int(pick % UInt64(live.count))].id) { $0.referenceCount += 1 } }
        case .tableDropped:
            let tables = space.directory.tables
            if !tables.isEmpty { try? space.directory.freeTable(tables[Int(pick % UInt64(tables.count))]) }
        }
    }

    @Test(arguments: [Universe.tiny, .small, .serenity])
    func theReferenceAndTheSerenityDesign(universe: Universe) {
        var patched = 0
        for seed in 1 ... 3 as ClosedRange<UInt64> {
            patched += Self.compare(AddressSpace(universe: universe, rollback: .journal), seed: seed, steps: 150, judge: true)
            patched += Self.compare(AddressSpace(universe: universe, design: .serenity, rollback: .journal), seed: seed, steps: 150, judge: true)
            patched += Self.compare(AddressSpace(universe: universe, design: .serenity, serenityFixes: .all, rollback: .journal),
                                    seed: seed, steps: 150)
        }
        // Not vacuous: most observations were patched, not made afresh.
        #expect(patched > 9 * 150 / 2)
    }

    @Test func eachSerenityFix() {
        for (_, fix) in SerenityFixes.catalogue {
            for universe in [Universe.tiny, .serenity] {
                Self.compare(AddressSpace(universe: universe, design: .serenity, serenityFixes: fix, rollback: .journal), seed: 7, steps: 80)
            }
        }
    }

    @Test func everyMutant() {
        var patched = 0
        for (_, mutation) in Mutations.catalogue {
            for universe in [Universe.tiny, .small] {
                patched += Self.compare(AddressSpace(universe: universe, mutations: mutation, rollback: .journal), seed: 3, steps: 80)
            }
        }
        #expect(patched > 0)
    }

    @Test(arguments: FarWrite.allCases)
    func aWriteFarFromTheOperatedRange(farWrite: FarWrite) {
        for seed in 1 ... 3 as ClosedRange<UInt64> {
            for universe in [Universe.small, .serenity] {
                Self.compare(AddressSpace(universe: universe, rollback: .journal), seed: seed, steps: 60, farWrite: farWrite, judge: true)
            }
        }
    }

    /// A layout longer than a chunk of `ObservedList` (the long replay traces'): the patched
    /// region and object lists turn chunked, and after every step equal the observation made
    /// afresh, through fills from the bottom, touches, splits in the middle and frees from the
    /// bottom until they are flat again.
    @Test func aLayoutLongerThanAChunk() {
        var observer = IncrementalObserver(space: AddressSpace(universe: .serenity, rollback: .journal))
        let P: UInt64 = 0x1000
        var address: UInt64 = 0x10000
        var made: [(base: UInt64, size: UInt64)] = []
        func expectFresh(_ context: String) { #expect(observer.observation == observer.space.observation(), "\(context)") }
        for i in 0 ..< 2600 {
            let size = UInt64(i % 3 + 1) * P
            _ = observer.step(.mmap(size, .readWrite, at: .fixedNoReplace(address)))
            if i % 7 == 0 { _ = observer.step(.touch(address: address, write: true, value: UInt32(i))) }
            made.append((address, size))
            address += size
            if i % 250 == 0 { expectFresh("fill \(i)") }
        }
        expectFresh("filled")
        #expect(!observer.observation.regions.isFlat && !observer.observation.objects.isFlat)
        // Splits in the middle of the list: one region becomes three.
        for k in stride(from: 2, to: made.count, by: 300) where made[k].size == 3 * P {
            _ = observer.step(.mprotect(address: made[k].base + P, size: P, protection: .read))
            expectFresh("split \(k)")
        }
        for (k, region) in made.enumerated() {
            _ = observer.step(.munmap(address: region.base, size: region.size))
            if k % 250 == 0 { expectFresh("free \(k)") }
        }
        expectFresh("freed")
        #expect(observer.observation.regions.isEmpty && observer.observation.regions.isFlat)
        #expect(observer.patched > 5000)
    }

    /// A write outside any step is in no record: the next observation is made in full, and the
    /// patch resumes after.
    @Test func aWriteOutsideAStep() {
        var observer = IncrementalObserver(space: AddressSpace(universe: .small, rollback: .journal))
        for size in [0x1000, 0x2000, 0x3000] as [UInt64] { _ = observer.step(.mmap(size, .readWrite)) }
        _ = observer.step(.touch(address: 0x10000, write: true, value: 5))
        _ = observer.step(.touch(address: 0x11000, write: true, value: 6))
        let patchedBefore = observer.patched
        #expect(patchedBefore > 0)
        observer.modifySpace { space in _ = space.accessFrame(space.frames.inUse[0], write: true, value: 99) }
        #expect(observer.observation == observer.space.observation())
        for address in [0x12000, 0x13000, 0x14000] as [UInt64] {
            _ = observer.step(.touch(address: address, write: false, value: 0))
            #expect(observer.observation == observer.space.observation())
        }
        #expect(observer.observation.framesInUse.contains { $0.contents == 99 })
        #expect(observer.patched > patchedBefore)
    }

    /// A space that rolls back by copying records nothing (a copy made while a journal is open
    /// would share it): every observation is made in full.
    @Test func aCopyingSpaceIsObservedInFull() {
        var observer = IncrementalObserver(space: AddressSpace(universe: .small, rollback: .copy))
        for size in [0x1000, 0x2000, 0x3000, 0x1000] as [UInt64] {
            let (_, delta) = observer.step(.mmap(size, .readWrite))
            #expect(delta == nil)
            #expect(observer.observation == observer.space.observation())
        }
        #expect(observer.patched == 0)
    }
}
