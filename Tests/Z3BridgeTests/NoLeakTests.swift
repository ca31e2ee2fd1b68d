import Testing
@testable import Z3Bridge

@Suite struct NoLeakTests {
    let checker: Z3PropertyChecker
    let property: Z3Property

    init() throws {
        checker = try Z3PropertyChecker()
        property = try builtIn("no-leak", checker)
    }

    typealias Frame = Z3LeakFacts.Frame
    typealias Object = Z3LeakFacts.Object
    typealias Table = Z3LeakFacts.Table

    // One region over object 0 with one populated page, whose table is needed.
    let clean = Z3LeakFacts(
        frames: [Frame(used: true, owned: true), Frame(used: false, owned: false)],
        objects: [Object(refs: 1, live: true), Object(refs: 0, live: false)],
        tables: [Table(allocated: true, needed: true), Table(allocated: false, needed: false)])

    func check(_ leaks: Z3LeakFacts, regions: [Z3RegionFact]? = nil) throws -> Z3Verdict {
        try checker.check(property, facts: .state(universe: small, regions: regions ?? [region(0, 2)], leaks: leaks))
    }

    @Test func balancedAccountingHolds() throws {
        #expect(try check(clean) == .holds)
        // After teardown: nothing allocated anywhere.
        let empty = Z3LeakFacts(frames: [Frame(used: false, owned: false)], objects: [], tables: [Table(allocated: false, needed: false)])
        #expect(try check(empty, regions: []) == .holds)
    }

    @Test func aUsedFrameNoObjectOwnsIsALeak() throws {
        var leaks = clean
        leaks.frames[1] = Frame(used: true, owned: false)
        #expect(witness(try check(leaks)) == "frame 1 is allocated in the pool but backs no page of a live VMObject (leaked)")
    }

    @Test func anOwnedFrameThatIsFreeIsReported() throws {
        var leaks = clean
        leaks.frames[0] = Frame(used: false, owned: true)
        #expect(witness(try check(leaks)) == "frame 0 backs a page of a live VMObject but is free in the pool")
    }

    @Test func aLiveObjectWithoutRegionsIsALeak() throws {
        var leaks = clean
        leaks.objects[1] = Object(refs: 0, live: true)
        #expect(witness(try check(leaks)) == "VMObject 1 is live but no region references it (leaked)")
    }

    @Test func aDestroyedObjectStillReferencedIsReported() throws {
        var leaks = clean
        leaks.objects[0] = Object(refs: 1, live: false)
        #expect(witness(try check(leaks)) == "VMObject 0 is destroyed but a region still references it")
        // A region naming an object id the state does not have dangles too.
        #expect(witness(try check(clean, regions: [region(0, 2), region(4, 1, object: 5)]))
            == "VMObject 5 is destroyed but a region still references it")
    }

    @Test func aReferenceCountThatDisagreesWithTheRegionsIsReported() throws {
        var leaks = clean
        leaks.objects[0] = Object(refs: 0, live: true)
        #expect(witness(try check(leaks)) == "VMObject 0 has a reference count that disagrees with the regions: zero while referenced or nonzero while unreferenced")
        leaks = clean
        leaks.objects[1] = Object(refs: 2, live: false)
        #expect(witness(try check(leaks)) == "VMObject 1 has a reference count that disagrees with the regions: zero while referenced or nonzero while unreferenced")
    }

    @Test func anUnneededPageTableIsALeak() throws {
        var leaks = clean
        leaks.tables[1] = Table(allocated: true, needed: false)
        #expect(witness(try check(leaks)) == "page table 1 is allocated but no accessible region has a page in it (leaked)")
    }

    @Test func leftoversAfterTeardownAreLeaks() throws {
        // Teardown removed every region but object 0 stayed live: it leaks.
        let text = try #require(witness(try check(clean, regions: [])))
        #expect(text.hasPrefix("VMObject 0 "))
    }
}
