import Checker
import Model

/// Random operation sequences over a small universe, for comparing checks on many states and
/// steps (mutated ones included). Independent of the explorer and the random runner.
enum RandomWalk {
    static func operation(in u: Universe, using rng: inout SplitMix64) -> Operation {
        let P = u.pageSize
        let page = { (rng: inout SplitMix64) in u.base + UInt64.random(in: 0 ..< u.pages, using: &rng) * P }
        let pages = { (rng: inout SplitMix64) in UInt64.random(in: 1 ... 4, using: &rng) }
        let prot: [Protection] = [.readWrite, .read, .none, [.read, .execute]]
        switch UInt64.random(in: 0 ..< 100, using: &rng) {
        case 0 ..< 22:
            let align: UInt64? = Bool.random(using: &rng) ? nil : P << UInt64.random(in: 0 ... 2, using: &rng)
            return .mmap(pages(&rng) * P, prot.randomElement(using: &rng)!, at: .anywhere, alignment: align)
        case 22 ..< 28:
            return .mmap(pages(&rng) * P, .readWrite, at: .randomized, choice: UInt64.random(in: 0 ..< 8, using: &rng))
        case 28 ..< 38:
            return .mmap(pages(&rng) * P, prot.randomElement(using: &rng)!, at: .fixedNoReplace(page(&rng)))
        case 38 ..< 44:
            return .mmap(pages(&rng) * P, .readWrite, at: .fixed(page(&rng)))
        case 44 ..< 62:
            return .munmap(address: page(&rng), size: pages(&rng) * P)
        case 62 ..< 76:
            return .mprotect(address: page(&rng), size: pages(&rng) * P, protection: prot.randomElement(using: &rng)!)
        case 76 ..< 90:
            return .touch(address: page(&rng), write: Bool.random(using: &rng), value: UInt32.random(in: 1 ... 99, using: &rng))
        case 90 ..< 97:
            return .failNext(kind: Bool.random(using: &rng) ? .pageTable : .frame, count: 1)
        default:
            return .teardown
        }
    }

    /// `count` steps in walks of up to `length` steps from the empty address space. A walk ends
    /// at its first step that violates a catalogue property (that step included), as the
    /// explorer and random runs stop there: a mutant's broken state (overlapping regions, say)
    /// is not a state the model promises to operate on.
    static func transitions(universe: Universe, mutations: Mutations, seed: UInt64, count: Int, length: Int = 14) -> [Transition] {
        var rng = SplitMix64(seed: seed)
        var result: [Transition] = []
        result.reserveCapacity(count)
        let all = PropertySet()
        while result.count < count {
            var space = AddressSpace(universe: universe, mutations: mutations)
            for _ in 0 ..< length where result.count < count {
                let t = Transition(applying: operation(in: universe, using: &rng), to: space)
                result.append(t)
                if all.firstViolation(t) != nil { break }
                space = t.after.model!
            }
        }
        return result
    }
}
