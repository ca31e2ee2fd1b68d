@testable import Checker
import Model
import Testing

/// The properties judge an implementation through its observations only: a placement bug in
/// an implementation that is not the model is caught by the oracles, and what an
/// implementation does not report is skipped, not guessed.
@Suite struct ObservationBoundaryTests {
    /// Every sequence of `depth` letters of `alphabet` from `start`, stopping at the first
    /// violation: the shortest one, as the explorer finds it.
    static func firstViolation<I: ImplementationUnderTest>(from start: I, letters: [Operation], depth: Int) -> ([Operation], Violation)? {
        var level: [(I, [Operation])] = [(start, [])]
        for _ in 0 ..< depth {
            var next: [(I, [Operation])] = []
            for (state, path) in level {
                for letter in letters {
                    let t = Transition.applying(letter, to: state)
                    if let v = PropertySet().firstViolation(t) { return (path + [letter], v) }
                    var after = state
                    _ = after.apply(letter)
                    next.append((after, path + [letter]))
                }
            }
            level = next
        }
        return nil
    }

    static let letters: [Operation] = [
        .mmap(0x1000, .readWrite), .mmap(0x2000, .readWrite), .mmap(0x8000, .none),
        .munmap(address: 0x10000, size: 0x1000), .munmap(address: 0x11000, size: 0x1000),
    ]

    @Test func exactFitOffByOneIsReportedThroughTheBoundary() throws {
        let buggy = MisplacingImplementation(universe: .tiny, bug: .exactFitNeverUsed)
        let (path, violation) = try #require(Self.firstViolation(from: buggy, letters: Self.letters, depth: 3))
        #expect(["hole-completeness", "first-fit"].contains(violation.property), "\(violation)")
        #expect(path.count <= 2, "\(path)")
    }

    @Test func theReferenceIsCleanOnTheSameSearch() {
        let reference = AddressSpace(universe: .tiny)
        #expect(Self.firstViolation(from: reference, letters: Self.letters, depth: 3) == nil)
    }

    @Test func propertiesAnImplementationCannotFeedAreSkipped() {
        let regionsOnly = PropertySet().skipped(on: .regions)
        #expect(regionsOnly.contains("tree-shape"))
        #expect(regionsOnly.contains("tlb-coherence"))
        #expect(regionsOnly.contains("no-leak"))
        #expect(!regionsOnly.contains("hole-completeness"))
        #expect(PropertySet().skipped(on: .all) == ["tree-shape"])
        #expect(PropertySet().skipped(on: .model).isEmpty)
    }
}
