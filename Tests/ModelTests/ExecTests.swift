@testable import Model
import Testing

/// exec's region set-up: atomic in the reference; at SerenityOS HEAD a failed map leaves the
/// earlier segments and a freed region in the tree.
@Suite struct ExecTests {
    static let segments = [ExecSegment(size: P, protection: [.read, .execute]), ExecSegment(size: 2 * P, protection: .readWrite)]

    @Test func segmentsAreMappedInOrder() throws {
        var s = AddressSpace.fresh()
        let ranges = try s.exec(segments: [ExecSegment(address: s.page(4), size: P, protection: .read), ExecSegment(size: P, protection: .readWrite)])
        #expect(ranges.map(\.base) == [s.page(4), s.page(0)])
        #expect(s.layout == ["0+1rw-", "4+1r--"])
    }

    @Test func theReferenceRollsBackAFailedExec() {
        var s = AddressSpace.fresh()
        s.map(1)
        let before = s
        s.injectFailure(.pageTable)
        #expect(expectError(.ENOMEM) { () throws(KernelError) in try s.exec(segments: Self.segments) })
        #expect(s.layout == before.layout)
        #expect(s.directory == before.directory)
    }

    @Test func aBusyAddressFailsTheWholeExec() {
        var s = AddressSpace.fresh()
        s.map(1, at: .fixedNoReplace(s.page(5)))
        #expect(expectError(.EEXIST) { () throws(KernelError) in
            try s.exec(segments: [ExecSegment(size: P, protection: .read), ExecSegment(address: s.page(5), size: P, protection: .readWrite)])
        })
        #expect(s.layout == ["5+1rw-"])
    }

    @Test func serenityKeepsWhatWasMappedAndADanglingRegion() throws {
        var s = AddressSpace(universe: .tiny, design: .serenity)
        _ = try? s.mmap(size: P, protection: .readWrite)
        s.injectFailure(.pageTable)
        #expect(expectError(.ENOMEM) { () throws(KernelError) in try s.exec(segments: Self.segments) })
        #expect(s.layout == ["0+1rw-", "1+1r-x", "2+2rw-"], "no rollback: the text segment stays, the stack stays in the tree")
        let stack = try s.regions.region(at: s.page(2))
        #expect(stack.map { !s.objects.contains($0.object) } == true, "the stack region's VMObject was destroyed")
    }
}
