import Model

/// What a concurrent run checks in every state it reaches: a step's own finding
/// (placement-atomicity), `no-deadlock`, the state invariants that hold at every step, the TLB
/// shootdown of an munmap or mprotect about to unlock, and — where no thread is inside an
/// operation — every state property of the catalogue, with `tlb-coherence` on every CPU's TLB.
public struct ConcurrentProperties: Sendable {
    public let selection: PropertySet
    /// The catalogue properties that must hold between any two atomic steps: the tree is only
    /// changed under the address-space lock, one whole insert or removal at a time.
    let everyStep: [Property]

    public static let everyStepIDs: Set<String> = ["no-overlap", "in-bounds", "tree-shape"]
    /// The properties only a run with several threads checks (SPEC §3).
    public static let concurrentIDs = ["no-deadlock", "placement-atomicity", "shootdown-complete"]

    /// The concurrent properties switched on (all unless `--properties` leaves one out).
    public let concurrent: Set<String>

    public init(selection: PropertySet, concurrent: Set<String> = Set(concurrentIDs)) {
        self.selection = selection
        self.everyStep = selection.properties.filter { Self.everyStepIDs.contains($0.id) }
        self.concurrent = concurrent
    }

    /// From `--properties`: catalogue ids go to the catalogue's selection, the concurrent ids
    /// (`no-deadlock`, `-shootdown-complete`, ...) switch the concurrent checks; a list naming
    /// only concurrent ids checks those and the catalogue's always-checked one.
    public init(selection text: String?) throws(InputError) {
        let items = (text ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
        let isConcurrent = { (item: String) in Self.concurrentIDs.contains(item.hasPrefix("-") ? String(item.dropFirst()) : item) }
        let mine = items.filter(isConcurrent)
        let rest = items.filter { !isConcurrent($0) }
        var enabled = Set(Self.concurrentIDs)
        if mine.contains(where: { !$0.hasPrefix("-") }) { enabled = Set(mine.filter { !$0.hasPrefix("-") }) }
        for item in mine where item.hasPrefix("-") { enabled.remove(String(item.dropFirst())) }
        let catalogue = rest.isEmpty && !mine.isEmpty && mine.contains(where: { !$0.hasPrefix("-") })
            ? PropertySet.alwaysChecked : rest.joined(separator: ",")
        self.init(selection: try PropertySet(selection: catalogue.isEmpty ? nil : catalogue), concurrent: enabled)
    }

    public var ids: [String] { selection.ids + Self.concurrentIDs.filter(concurrent.contains) }

    public func firstViolation(_ state: ConcurrentState, system: ConcurrentSystem) -> Violation? {
        if concurrent.contains("placement-atomicity") {
            for thread in state.threads { if let v = thread.violation { return v } }
        }
        if concurrent.contains("no-deadlock"), let cycle = deadlockCycle(state, system: system) {
            return Violation(property: "no-deadlock", explanation: describe(cycle: cycle, in: state, system: system))
        }
        for property in everyStep { if let v = property.check(state: state.space) { return v } }
        if concurrent.contains("shootdown-complete"), let v = shootdownViolation(state, system: system) { return v }
        if state.isQuiescent {
            if let v = selection.firstViolation(state: state.space) { return v }
            if selection.ids.contains("tlb-coherence"), let v = staleTLBEntry(state) { return v }
        }
        return nil
    }

    /// Threads each waiting for a lock the next one holds, back to the first; nil if none.
    public func deadlockCycle(_ state: ConcurrentState, system: ConcurrentSystem) -> [Int]? {
        for start in state.threads.indices {
            var chain = [start]
            var current = start
            while let lock = state.waitsFor(current, programs: system.programs), let holder = state.holder(of: lock) {
                if holder == start { return chain }
                if chain.contains(holder) { break }
                chain.append(holder)
                current = holder
            }
        }
        return nil
    }

    func describe(cycle: [Int], in state: ConcurrentState, system: ConcurrentSystem) -> String {
        let links = cycle.map { t -> String in
            let lock = state.waitsFor(t, programs: system.programs)!
            let held = state.threads[t].held.map(\.description).joined(separator: ", ")
            return "thread \(t) holds {\(held)} and waits for \(lock) (held by thread \(state.holder(of: lock)!))"
        }
        return "wait-for cycle: " + links.joined(separator: "; ")
    }

    /// A thread in munmap or mprotect that has done its flushes and is about to unlock the space:
    /// no CPU may still translate a page it removed, or allow a write it took away.
    func shootdownViolation(_ state: ConcurrentState, system: ConcurrentSystem) -> Violation? {
        for t in state.threads.indices {
            let thread = state.threads[t]
            guard let letter = thread.letter, !thread.unwinding,
                  system.programs[letter][thread.pc] == .release(.addressSpace),
                  let pages = system.operatedPages(system.letters[letter])
            else { continue }
            for cpu in state.tlbs.indices {
                for entry in state.tlbs[cpu].entries(in: pages) {
                    let pte = state.space.directory.ptes.entry(for: entry.page)
                    let stale = pte == nil || pte!.frame != entry.frame || (entry.writable && !pte!.writable)
                    guard stale else { continue }
                    let now = pte.map { "the page table has \($0)" } ?? "the page is unmapped"
                    return Violation(property: "shootdown-complete", explanation:
                        "thread \(t)'s \(system.letters[letter]) has finished its TLB flushes, but CPU \(cpu)'s TLB "
                        + "still holds \(entry) (\(now))")
                }
            }
        }
        return nil
    }

    /// `tlb-coherence` on every CPU: each cached entry equals the current PTE.
    func staleTLBEntry(_ state: ConcurrentState) -> Violation? {
        for cpu in state.tlbs.indices {
            for entry in state.tlbs[cpu].entries where state.space.directory.ptes.entry(for: entry.page) != entry {
                let pte = state.space.directory.ptes.entry(for: entry.page).map { "\($0)" } ?? "no PTE"
                return Violation(property: "tlb-coherence", explanation: "CPU \(cpu)'s TLB holds \(entry) but the page table has \(pte)")
            }
        }
        return nil
    }
}

extension ConcurrentProperties {
    /// The concurrent properties' lines of `regioncheck properties`.
    static func listing(width: Int) -> [String] {
        let summaries = [
            "no thread waits forever: no state where the threads form a cycle, each waiting for a lock the next holds",
            "two placements never return overlapping ranges: the hole a thread found is still free when it inserts",
            "once munmap or mprotect has flushed, no CPU's TLB translates a removed page or allows a removed write",
        ]
        return zip(concurrentIDs, summaries).map { id, summary in
            id + String(repeating: " ", count: max(0, width - id.count)) + "  threads     " + summary
        }
    }
}
