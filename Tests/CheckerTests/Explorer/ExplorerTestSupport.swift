import Checker
import Foundation
import Model

/// Small explorations for debug-mode tests: a few seconds at most.
enum ExplorerFixture {
    /// A lean alphabet that still reaches every mutant the tests use within three steps.
    static let lean = AlphabetSettings(
        sizes: [1, 2], alignments: [1], protections: [.readWrite, .none],
        placements: [.anywhere, .fixedNoReplace, .fixed], maxRange: 2, touch: true, teardown: false, faults: false)

    static func request(_ universe: Universe = .tiny, settings: AlphabetSettings = lean, mutations: Mutations = [],
                        depth: Int, workers: Int = 1, limits: ExplorationLimits = ExplorationLimits(), chunkSize: Int = 64,
                        properties: PropertySet = PropertySet()) throws -> ExplorationRequest {
        ExplorationRequest(
            alphabet: try Alphabet(universe: universe, settings: settings), mutations: mutations, properties: properties,
            depth: depth, workers: workers, limits: limits, chunkSize: chunkSize)
    }

    static func temporaryPath(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("regioncheck-\(UUID().uuidString)-\(name)").path
    }
}

/// An independent brute force over the same alphabet: iterative-deepening depth-first search
/// with no visited set, no chunks and no state encodings. It reads a branch the way the explorer
/// documents it (an optional injected failure, then a letter, with every randomized candidate).
enum BruteForce {
    /// The length of the shortest branch sequence that violates a property, up to `maxDepth`.
    static func shortestViolation(alphabet: Alphabet, mutations: Mutations, properties: PropertySet = PropertySet(),
                                  maxDepth: Int) -> Int? {
        let start = AddressSpace(universe: alphabet.universe, mutations: mutations)
        for depth in 1 ... maxDepth where search(start, depth, alphabet, properties) {
            return depth
        }
        return nil
    }

    private static func search(_ space: AddressSpace, _ remaining: Int, _ alphabet: Alphabet, _ properties: PropertySet) -> Bool {
        guard remaining > 0 else { return false }
        let faults: [AllocationKind?] = alphabet.settings.faults ? [nil, .pageTable, .frame] : [nil]
        for fault in faults {
            for letter in alphabet.letters {
                for operation in expand(letter, in: space) {
                    var before = space
                    if let fault { before.injectFailure(fault) }
                    let t = Transition(applying: operation, to: before)
                    // An injected failure nothing consumed is not a branch of its own.
                    if let fault, t.after.model!.faults[fault] != 0 { continue }
                    if properties.firstViolation(t) != nil { return true }
                    if search(t.after.model!, remaining - 1, alphabet, properties) { return true }
                }
            }
        }
        return false
    }

    /// A randomized mmap is one operation per candidate position.
    private static func expand(_ letter: Checker.Operation, in space: AddressSpace) -> [Checker.Operation] {
        guard case let .mmap(size, protection, .randomized, address, alignment, _) = letter else { return [letter] }
        let count = space.regions.randomizedCandidateCount(size: size, alignment: alignment ?? space.pageSize)
        if count == 0 { return [letter] }
        return (0 ..< count).map {
            Checker.Operation.mmap(size: size, protection: protection, placement: .randomized, address: address, alignment: alignment, choice: $0)
        }
    }
}
