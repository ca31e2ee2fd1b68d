import Checker
import Model
import Testing

/// The explorer writes a new state's observation into the observation of a state it dropped:
/// every field must be rewritten, whatever the spare held.
struct ObservationRecyclingTests {
    /// A state with regions, populated pages, page tables, PTEs, TLB entries, frames, a pending
    /// failure and a placement count, reached by the standard alphabet's kinds of steps.
    static func rich() -> AddressSpace {
        var space = AddressSpace(universe: .small)
        for op in [Operation.mmap(0x3000, .readWrite), .mmap(0x1000, .read), .touch(address: 0x10000, write: true, value: 7),
                   .touch(address: 0x13000, write: false, value: 0), .mprotect(address: 0x11000, size: 0x1000, protection: .none),
                   .failNext(kind: .frame, count: 2)] {
            _ = op.apply(to: &space)
        }
        return space
    }

    @Test func aRecycledObservationEqualsAFreshOne() {
        let states: [AddressSpace] = [AddressSpace(universe: .tiny), Self.rich(), {
            var s = AddressSpace(universe: .tiny)
            _ = Operation.mmap(0x1000, .readWrite).apply(to: &s)
            return s
        }()]
        for spareSource in states {
            for target in states {
                var spare = spareSource.observation()
                target.observe(into: &spare)
                #expect(spare == target.observation(), "observing \(target.regions.count) regions into a spare of \(spareSource.regions.count)")
            }
        }
        // The rich state's spare really is rich (so the loop above rewrote non-empty lists).
        let rich = Self.rich().observation()
        #expect(rich.regions.count == 4 && !rich.ptes.isEmpty && rich.framesInUse.count == 2 && rich.pendingFrameFailures == 2)
    }

    @Test func aStateGivenASpareObservesTheSame() {
        let target = Self.rich()
        let state = ObservedState(model: target, recycling: AddressSpace(universe: .tiny).observation())
        #expect(state.observation == target.observation())
    }

    @Test func onlyAnUnsharedStateGivesItsObservationUp() {
        var alone = ObservedState(model: Self.rich())
        _ = alone.observation
        #expect(alone.takeObservationForReuse() != nil)
        var held = ObservedState(model: Self.rich())
        _ = held.observation
        let copy = held
        #expect(held.takeObservationForReuse() == nil, "another copy of the state could still read it")
        #expect(copy.observation == Self.rich().observation())
    }
}
