@testable import Model
import Testing

/// Every operation is atomic: on any error the state is exactly as before. Checked for every
/// operation of a broad alphabet, from many reachable states, with a failure aimed at each
/// allocation point in turn.
@Suite struct AtomicityTests {
    static func alphabet(_ s: AddressSpace) -> [(String, (inout AddressSpace) throws(KernelError) -> Void)] {
        var ops: [(String, (inout AddressSpace) throws(KernelError) -> Void)] = []
        let u = s.universe
        for pages in [1, 2, 3, 5] as [UInt64] {
            ops.append(("mmap \(pages)", { (x: inout AddressSpace) throws(KernelError) in _ = try x.mmap(size: pages * P, protection: .readWrite) }))
            ops.append(("mmap rand \(pages)", { (x: inout AddressSpace) throws(KernelError) in
                _ = try x.mmap(size: pages * P, protection: .readWrite, placement: .randomized, choose: { $0 / 2 }) }))
        }
        for page in 0 ..< u.pages {
            let a = u.base + page * P
            ops.append(("fixed \(page)", { (x: inout AddressSpace) throws(KernelError) in _ = try x.mmap(size: 2 * P, protection: .readWrite, placement: .fixed(a)) }))
            ops.append(("noreplace \(page)", { (x: inout AddressSpace) throws(KernelError) in _ = try x.mmap(size: 2 * P, protection: .read, placement: .fixedNoReplace(a)) }))
            ops.append(("munmap \(page)", { (x: inout AddressSpace) throws(KernelError) in try x.munmap(address: a, size: P) }))
            ops.append(("munmap3 \(page)", { (x: inout AddressSpace) throws(KernelError) in try x.munmap(address: a, size: 3 * P) }))
            ops.append(("mprotect \(page)", { (x: inout AddressSpace) throws(KernelError) in try x.mprotect(address: a, size: 2 * P, protection: .read) }))
            ops.append(("mprotect rw \(page)", { (x: inout AddressSpace) throws(KernelError) in try x.mprotect(address: a, size: 3 * P, protection: .readWrite) }))
            ops.append(("write \(page)", { (x: inout AddressSpace) throws(KernelError) in _ = try x.touch(address: a, write: true, value: 9) }))
            ops.append(("read \(page)", { (x: inout AddressSpace) throws(KernelError) in _ = try x.touch(address: a, write: false) }))
        }
        ops.append(("mmap 0", { (x: inout AddressSpace) throws(KernelError) in _ = try x.mmap(size: 0, protection: .readWrite) }))
        return ops
    }

    /// Random reachable states of `universe`.
    static func states(_ universe: Universe, count: Int, seed: UInt64) -> [AddressSpace] {
        var random = TestRandom(seed: seed)
        var result: [AddressSpace] = []
        var s = AddressSpace.fresh(universe)
        let ops = alphabet(s)
        for _ in 0 ..< count {
            let (_, op) = ops[Int(random.below(UInt64(ops.count)))]
            try? op(&s)
            result.append(s)
            if random.below(20) == 0 { try? s.teardown() }
        }
        return result
    }

    @Test(arguments: [Universe.tiny, Universe.small])
    func errorsLeaveTheStateUnchanged(universe: Universe) {
        var errorsSeen: [KernelError: Int] = [:]
        var failuresAimed = 0
        for start in Self.states(universe, count: 60, seed: 7) {
            for (name, op) in Self.alphabet(start) {
                // Plain run, then with a failure aimed at the 1st, 2nd, 3rd allocation of each kind.
                var plans: [(AllocationKind, Int)?] = [nil]
                for kind in AllocationKind.allCases { for grace in 0 ..< 3 { plans.append((kind, grace)) } }
                for plan in plans {
                    var s = start
                    if let (kind, grace) = plan { s.faults.schedule(kind, after: grace); failuresAimed += 1 }
                    let before = s.snapshot(includeFaults: false)
                    do throws(KernelError) {
                        try op(&s)
                    } catch {
                        errorsSeen[error, default: 0] += 1
                        #expect(s.snapshot(includeFaults: false) == before, "\(name) failed with \(error) but changed the state")
                    }
                }
            }
        }
        // The sweep really reached every error path.
        for errno in [KernelError.EINVAL, .ENOMEM, .EEXIST, .EFAULT] {
            #expect((errorsSeen[errno] ?? 0) > 0, "no \(errno) seen")
        }
        #expect(failuresAimed > 1000)
    }

    @Test func aConsumedFailureStaysConsumedAfterRollback() throws {
        var s = AddressSpace.fresh()
        s.injectFailure(.pageTable)
        #expect(expectError(.ENOMEM) { () throws(KernelError) in _ = try s.mmap(size: P, protection: .readWrite) })
        #expect(s.faults.pendingPageTableFailures == 0)
        #expect(s.map(1) == s.page(0))
    }

    @Test func frameExhaustionIsENOMEMOnTouch() throws {
        var s = AddressSpace.fresh()  // 4 frames
        s.map(8)
        for page in 0 ..< 4 as Range<UInt64> { try s.touch(address: s.page(page), write: true, value: 1) }
        let before = s.snapshot()
        #expect(expectError(.ENOMEM) { () throws(KernelError) in _ = try s.touch(address: s.page(4), write: false) })
        #expect(s.snapshot() == before)
    }
}

@Suite struct TeardownTests {
    @Test func teardownReleasesEverything() throws {
        var s = AddressSpace.fresh(.small)
        s.map(3); s.map(2, .none); s.map(4, .read)
        try s.touch(address: s.page(0), write: true, value: 3)
        try s.touch(address: s.page(6), write: false)
        try s.munmap(address: s.page(1), size: P)
        try s.teardown()
        #expect(s.regions.isEmpty)
        #expect(s.objects.live.isEmpty)
        #expect(s.frames.usedCount == 0)
        #expect(s.directory.tables.isEmpty)
        #expect(s.directory.ptes.count == 0)
        #expect(s.tlb.count == 0, "the new address space starts with a clean TLB")
        #expect(s.snapshot() == AddressSpace.fresh(.small).snapshot())
        #expect(s.map(2) == s.page(0))
    }
}
