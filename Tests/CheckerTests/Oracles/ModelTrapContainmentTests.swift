@testable import Checker
@testable import Model
import Testing

/// Realistic edits of the model that break its own assumptions — a tree handle kept across a
/// removal, a fault path that populates a page twice, a change to a dead VMObject — come back as
/// ENOTRECOVERABLE and so as `internal-consistency`, never as a trap of the checker.
@Suite struct ModelTrapContainmentTests {
    static let P: UInt64 = 0x1000

    /// munmap rewritten to walk the tree in place while it removes: the handle of the region just
    /// removed names a freed slot when the walk asks for its successor.
    struct MunmapWalksWhileRemoving: ImplementationUnderTest {
        var space = AddressSpace(universe: .tiny)
        var universe: Universe { space.universe }
        var design: Design { space.design }
        func observe() -> Observation { space.observation() }

        mutating func apply(_ operation: Operation) -> OperationResult {
            guard case let .munmap(address, size) = operation, let range = try? VirtualRange(base: address, size: size) else {
                return operation.apply(to: &space)
            }
            do throws(KernelError) {
                var index = space.regions.tree.floor(range.base) ?? space.regions.tree.first
                while let i = index {
                    let region = try space.regions.tree.value(at: i)
                    if region.range.base >= range.end { break }
                    if range.contains(region.range) {
                        space.regions.remove(at: region.range.base)
                        try space.unmap(region, flush: true)
                        try space.release(objectOf: region)
                    }
                    index = try space.regions.tree.successor(of: i)
                }
                return .ok(nil)
            } catch {
                return .error(error)
            }
        }
    }

    /// touch rewritten to take the fault path every time (no TLB or PTE lookup), and the fault
    /// path without looking for the page's frame first: a second access populates the page again.
    struct FaultPopulatesWithoutLooking: ImplementationUnderTest {
        var space = AddressSpace(universe: .tiny)
        var universe: Universe { space.universe }
        var design: Design { space.design }
        func observe() -> Observation { space.observation() }

        mutating func apply(_ operation: Operation) -> OperationResult {
            guard case let .touch(address, write, value) = operation else { return operation.apply(to: &space) }
            do throws(KernelError) {
                let vpn = address / space.pageSize
                guard let region = try space.regions.region(containing: address), region.protection.permits(write: write) else {
                    throw .EFAULT
                }
                let frame = try space.frames.allocate()
                let page = region.objectPage(of: address, pageSize: space.pageSize)
                try space.objects.modify(region.object) { (object) throws(KernelError) in try object.populate(page: page, with: frame) }
                try space.directory.ensureTable(space.directory.table(of: vpn), faults: &space.faults)
                space.directory.ptes.set(PageTableEntry(page: vpn, frame: frame, writable: region.protection.contains(.write)))
                return .ok(UInt64(space.accessFrame(frame, write: write, value: value)))
            } catch {
                return .error(error)
            }
        }
    }

    @Test func aHandleKeptAcrossARemovalIsAViolationNotACrash() throws {
        let P = Self.P
        let letters: [Operation] = [.mmap(P, .readWrite, at: .fixedNoReplace(0x10000)), .munmap(address: 0x10000, size: P)]
        let (path, violation) = try #require(ObservationBoundaryTests.firstViolation(from: MunmapWalksWhileRemoving(), letters: letters, depth: 2))
        #expect(violation.property == "internal-consistency")
        #expect(violation.explanation.contains("does not name a live node"), "\(violation)")
        #expect(path == [letters[0], letters[1]], "\(path)")
    }

    @Test func aPagePopulatedTwiceIsAViolationNotACrash() throws {
        let P = Self.P
        let letters: [Operation] = [.mmap(P, .readWrite, at: .fixedNoReplace(0x10000)), .touch(address: 0x10000, write: true, value: 7)]
        let (path, violation) = try #require(ObservationBoundaryTests.firstViolation(from: FaultPopulatesWithoutLooking(), letters: letters, depth: 3))
        #expect(violation.property == "internal-consistency")
        #expect(violation.explanation.contains("already backs it"), "\(violation)")
        #expect(path == [letters[0], letters[1], letters[1]], "\(path)")
    }

    @Test func changingADeadVMObjectIsTypedNotATrap() throws {
        var store = VMObjectStore()
        let id = store.create(pageCount: 1)
        _ = try store.destroy(id)
        #expect(store[id] == nil)
        #expect(throws: KernelError.self) { try store.modify(id) { $0.referenceCount += 1 } }
        #expect(throws: KernelError.self) { try store.modify(VMObjectID(raw: 99)) { $0.referenceCount += 1 } }
        store.retain(id)
        #expect(store[id] == nil, "a retain does not revive a dead object")
    }

    @Test func aStaleHandleIsTypedNotATrap() throws {
        var tree = RedBlackTree<Int>()
        let kept = tree.insert(1, forKey: 0x1000)
        tree.insert(2, forKey: 0x2000)
        tree.remove(forKey: 0x1000)
        #expect(throws: KernelError.self) { _ = try tree.value(at: kept) }
        #expect(throws: KernelError.self) { _ = try tree.key(at: kept) }
        #expect(throws: KernelError.self) { _ = try tree.successor(of: kept) }
        #expect(throws: KernelError.self) { _ = try tree.predecessor(of: kept) }
        #expect(throws: KernelError.self) { try tree.setValue(3, at: kept) }
        #expect(Array(tree.values) == [2])
    }
}

/// A tree whose own code left a link to a freed slot (the test-only corruption hook): the model's
/// walks meet a handle that names no live node and say so; the checker reports a violation.
@Suite struct BrokenTreeContainmentTests {
    static func spaceWithAFreedLeafStillLinked() throws -> AddressSpace {
        var space = AddressSpace(universe: .tiny)
        for base: UInt64 in [0x10000, 0x12000, 0x14000] {
            _ = try space.mmap(size: 0x1000, protection: .readWrite, placement: .fixedNoReplace(base))
        }
        // 0x12000 is the root of three; 0x14000 its right leaf.
        let leaf = try #require(space.regions.tree.find(0x14000))
        space.regions._corruptForTesting(.freeWithoutUnlinking(leaf))
        return space
    }

    @Test func theModelsLookupsReportTheFreedSlot() throws {
        let space = try Self.spaceWithAFreedLeafStillLinked()
        #expect(throws: KernelError.self) { _ = try space.regions.regions(intersecting: VirtualRange(base: 0x10000, size: 0x8000)) }
        var copy = space
        #expect(throws: KernelError.self) { try copy.munmap(address: 0x10000, size: 0x8000) }
        #expect(Array(space.regions.regions).count <= 2, "the in-order walk ends at the freed slot")
    }

    @Test func theCheckerReportsAViolationNotACrash() throws {
        let space = try Self.spaceWithAFreedLeafStillLinked()
        let t = Transition(applying: .munmap(address: 0x10000, size: 0x8000), to: space)
        let violation = try #require(PropertySet().firstViolation(t))
        #expect(["internal-consistency", "tree-shape"].contains(violation.property), "\(violation)")
    }
}
