import Model

/// The threads, their operations and how a step changes a `ConcurrentState`: the transition
/// relation the concurrent explorer and random runs share.
public struct ConcurrentSystem: Sendable {
    public let letters: [Operation]
    public let programs: [[AtomicStep]]
    public let threadCount: Int
    public let mutations: Mutations
    public let universe: Universe

    /// Most threads a run may have (each CPU's TLB is a bit of a step's footprint).
    public static let maxThreads = 8

    public init(letters: [Operation], threads: Int, universe: Universe, mutations: Mutations) {
        self.letters = letters
        self.programs = letters.map { OperationProgram.steps(of: $0, mutations: mutations) }
        self.threadCount = threads
        self.mutations = mutations
        self.universe = universe
    }

    public func initialState() -> ConcurrentState {
        ConcurrentState(space: AddressSpace(universe: universe, mutations: mutations), threads: threadCount)
    }

    /// The moves the scheduler can make from `state`, in a fixed order (thread, then letter): a
    /// thread blocked on a lock, or whose next operation would begin by blocking, has none.
    public func moves(from state: ConcurrentState) -> [ThreadMove] {
        var moves: [ThreadMove] = []
        for t in 0 ..< threadCount {
            if state.threads[t].isIdle {
                for letter in letters.indices where isEnabled(programs[letter][0], in: state) {
                    moves.append(ThreadMove(thread: t, letter: letter))
                }
            } else if let step = state.nextStep(of: t, programs: programs), isEnabled(step, in: state) {
                moves.append(ThreadMove(thread: t))
            }
        }
        return moves
    }

    func isEnabled(_ step: AtomicStep, in state: ConcurrentState) -> Bool {
        if case .acquire(let lock) = step { return state.holder(of: lock) == nil }
        return true
    }

    /// The step a move runs.
    public func step(of move: ThreadMove, in state: ConcurrentState) -> AtomicStep {
        if let letter = move.letter { return programs[letter][0] }
        return state.nextStep(of: move.thread, programs: programs) ?? .returnToUser
    }

    /// The operation thread `t` is inside, if any.
    public func operation(of t: Int, in state: ConcurrentState) -> Operation? {
        state.threads[t].letter.map { letters[$0] }
    }

    func footprint(of move: ThreadMove, in state: ConcurrentState) -> Footprint {
        let cpu = move.thread
        var f = Footprint()
        switch step(of: move, in: state) {
        case .acquire(let lock), .release(let lock): f.writes = Footprint.lock(lock)
        case .kmalloc: f.writes = Footprint.heapData
        case .findHole: f.reads = Footprint.space
        case .insertRegion, .mapRegion, .unmapRegions, .protectRegions: f.writes = Footprint.space
        case .flushLocalTLB: f.writes = Footprint.tlb(cpu)
        case .sendShootdown, .returnToUser: break
        case .completeShootdown:
            for other in 0 ..< threadCount where other != cpu { f.writes |= Footprint.tlb(other) }
        case .hardwareAccess:
            var write = false
            if let letter = move.letter ?? state.threads[cpu].letter, case .touch(_, let w, _) = letters[letter] { write = w }
            f.reads = Footprint.space
            f.writes = Footprint.tlb(cpu) | (write ? Footprint.space : 0)
        case .resolveFault: f.writes = Footprint.space | Footprint.tlb(cpu)
        }
        return f
    }

    /// Runs one move; returns the step it ran.
    @discardableResult
    public func apply(_ move: ThreadMove, to state: inout ConcurrentState) -> AtomicStep {
        let t = move.thread
        if let letter = move.letter {
            state.threads[t] = ThreadState()
            state.threads[t].letter = letter
        }
        let step = step(of: move, in: state)
        guard let letter = state.threads[t].letter else { return step }
        let operation = letters[letter]
        var thread = state.threads[t]
        func fail(_ error: KernelError) {
            thread.result = error.description
            thread.unwinding = true
            // The code under test broke one of the model's own assumptions: a finding, not an errno.
            if let broken = error.brokenAssumption {
                thread.violation = Violation(property: "internal-consistency", explanation: broken.explanation)
            }
        }
        switch step {
        case .acquire(let lock):
            state.holders[lock.rawValue] = t
            thread.held.append(lock)
        case .release(let lock):
            state.holders[lock.rawValue] = nil
            thread.held.removeAll { $0 == lock }
        case .kmalloc, .sendShootdown:
            break
        case .findHole:
            if case let .mmap(size, _, placement, address, alignment, _) = operation {
                do throws(KernelError) {
                    thread.found = try state.space.findHole(size: size, alignment: alignment ?? universe.pageSize,
                                                           placement: Operation.placement(placement, address: address))
                } catch { fail(error) }
            }
        case .insertRegion:
            if let found = thread.found, case let .mmap(_, protection, _, _, _, _) = operation {
                do throws(KernelError) {
                    if try !state.space.insertFreshRegion(found, protection: protection) {
                        let taken = try state.space.regions.regions(intersecting: found).map { $0.range.description }.joined(separator: ", ")
                        thread.violation = Violation(property: "placement-atomicity", explanation:
                            "thread \(t)'s placement found \(found) free, but when it inserts, \(taken) lies there: "
                            + "another placement returned an overlapping range in between")
                    }
                } catch { fail(error) }
            }
        case .mapRegion:
            if let found = thread.found {
                do throws(KernelError) {
                    try state.space.mapInsertedRegion(at: found.base)
                    thread.result = found.base.hex
                } catch { fail(error) }
            }
        case .unmapRegions:
            if case let .munmap(address, size) = operation {
                do throws(KernelError) {
                    try state.space.munmap(address: address, size: size)
                    thread.result = "0"
                } catch { fail(error) }
            }
        case .protectRegions:
            if case let .mprotect(address, size, protection) = operation {
                do throws(KernelError) {
                    try state.space.mprotect(address: address, size: size, protection: protection)
                    thread.result = "0"
                } catch { fail(error) }
            }
        case .flushLocalTLB:
            if let pages = operatedPages(operation) { state.tlbs[t].flush(pages: pages) }
        case .completeShootdown:
            if let pages = operatedPages(operation) {
                for cpu in state.tlbs.indices where cpu != t { state.tlbs[cpu].flush(pages: pages) }
            }
        case .hardwareAccess:
            if case let .touch(address, write, value) = operation {
                let vpn = address / universe.pageSize
                if let cached = state.tlbs[t].entry(for: vpn), cached.writable || !write {
                    thread.result = String(state.space.accessFrame(cached.frame, write: write, value: value))
                    thread.unwinding = true
                } else if let pte = state.space.directory.ptes.entry(for: vpn), pte.writable || !write {
                    state.tlbs[t].fill(pte)
                    thread.result = String(state.space.accessFrame(pte.frame, write: write, value: value))
                    thread.unwinding = true
                }
            }
        case .resolveFault:
            if case let .touch(address, write, value) = operation {
                do throws(KernelError) {
                    let entry = try state.space.resolveFault(address: address, write: write)
                    state.tlbs[t].fill(entry)
                    thread.result = String(state.space.accessFrame(entry.frame, write: write, value: value))
                } catch { fail(error) }
            }
        case .returnToUser:
            state.threads[t] = ThreadState()
            return step
        }
        // Unwinding steps are not in the program; the program's own steps advance it.
        if !state.threads[t].unwinding { thread.pc += 1 }
        state.threads[t] = thread
        return step
    }

    /// The pages munmap or mprotect operate on (nil for a range the operation rejects).
    func operatedPages(_ operation: Operation) -> Range<UInt64>? {
        let range: VirtualRange
        switch operation {
        case let .munmap(address, size), let .mprotect(address, size, _):
            guard let r = try? VirtualRange.pageRounded(address: address, size: size, pageSize: universe.pageSize) else { return nil }
            range = r
        default: return nil
        }
        return range.base / universe.pageSize ..< range.end / universe.pageSize
    }
}
