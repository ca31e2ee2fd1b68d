@testable import Checker
@testable import Model
import Testing

/// A bug that breaks one of the model's own assumptions comes back as ENOTRECOVERABLE, and the
/// checker reports it as an `internal-consistency` violation — never a trap.
@Suite struct ContainedFailureTests {
    /// The model with a seeded placement bug: fixed-noreplace looks for an overlap with the
    /// region at or below the range's end (one byte too high), so a region starting exactly at
    /// the range's end hides one starting at its base, and the new region is inserted at a base
    /// the tree already holds.
    struct OverlapLookupOneByteHigh: ImplementationUnderTest {
        var space = AddressSpace(universe: .tiny)
        var universe: Universe { space.universe }
        var design: Design { space.design }
        func observe() -> Observation { space.observation() }

        mutating func apply(_ operation: Operation) -> OperationResult {
            guard case let .mmap(size, protection, .fixedNoReplace, address?, nil, _) = operation,
                  let range = try? VirtualRange(base: address, size: size) else { return operation.apply(to: &space) }
            if let i = space.regions.tree.floor(range.end), let above = try? space.regions.tree.value(at: i), above.range.intersects(range) { return .error(.EEXIST) }
            let region = Region(range: range, protection: protection, object: space.objects.create(pageCount: range.size / space.pageSize), offset: 0)
            do throws(KernelError) {
                try space.regions.insert(region)
                space.retain(objectOf: region)
                try space.mapChecked(region)
                return .ok(range.base)
            } catch {
                return .error(error)
            }
        }
    }

    @Test func duplicateBaseInsertionIsAViolationNotACrash() throws {
        let P: UInt64 = 0x1000
        let letters: [Operation] = [.mmap(P, .readWrite, at: .fixedNoReplace(0x10000)), .mmap(P, .readWrite, at: .fixedNoReplace(0x11000))]
        let (path, violation) = try #require(ObservationBoundaryTests.firstViolation(from: OverlapLookupOneByteHigh(), letters: letters, depth: 3))
        #expect(violation.property == "internal-consistency")
        #expect(violation.explanation.contains("already starts at 0x10000"), "\(violation)")
        #expect(path == [letters[1], letters[0], letters[0]] || path == [letters[0], letters[1], letters[0]], "\(path)")
    }

    @Test func theTreeRefusesASecondRegionAtABase() {
        var tree = RegionTree(totalRange: Universe.tiny.totalRange)
        let region = Region(range: try! VirtualRange(base: 0x10000, size: 0x1000), protection: .readWrite, object: VMObjectID(raw: 0), offset: 0)
        #expect(throws: Never.self) { try tree.insert(region) }
        #expect(throws: KernelError.self) { try tree.insert(region) }
        #expect(tree.count == 1)
    }

    @Test func theSelectionAlwaysKeepsInternalConsistency() throws {
        #expect(try PropertySet(selection: "first-fit").ids.contains("internal-consistency"))
        #expect(throws: InputError.self) { _ = try PropertySet(selection: "-internal-consistency") }
    }
}
