@testable import Checker
import Foundation
import Model
import Testing

/// The concurrent explorer and random schedules on `tiny` with two threads: the reference is
/// clean, each concurrent mutant is killed by its property with a shortest counterexample, the
/// sleep sets keep every state and every shortest length, and the independence they rely on holds.
@Suite struct ConcurrencyTests {
    static func system(_ mutations: Mutations = [], threads: Int = 2) throws -> ConcurrentSystem {
        let letters = try ConcurrentAlphabet.letters(universe: .tiny, settings: ConcurrentAlphabet.defaultSettings, pages: 2)
        return ConcurrentSystem(letters: letters, threads: threads, universe: .tiny, mutations: mutations)
    }
    static let checks = ConcurrentProperties(selection: PropertySet())

    static func explore(_ mutations: Mutations, depth: Int, reduction: Bool = true) throws -> ConcurrentExplorationReport {
        ConcurrentExplorer.run(ConcurrentExplorationRequest(system: try system(mutations), properties: checks,
                                                            depth: depth, reduction: reduction))
    }

    @Test func theReferenceIsCleanToDepth20WithAndWithoutTheReduction() throws {
        let reduced = try Self.explore([], depth: 20)
        let full = try Self.explore([], depth: 20, reduction: false)
        #expect(reduced.counterexample == nil && reduced.inconclusive == nil)
        #expect(full.counterexample == nil)
        #expect(reduced.depthReached == 20)
        #expect(reduced.states == full.states, "sleep sets prune transitions, never states")
        #expect(reduced.transitions < full.transitions)
        #expect(reduced.transitions + reduced.slept >= full.transitions - 1)
    }

    @Test(arguments: [("non-atomic-find-insert", "placement-atomicity", 20),
                      ("kmalloc-under-lock", "no-deadlock", 5),
                      ("missing-tlb-shootdown", "shootdown-complete", 24)])
    func eachConcurrentMutantIsKilledWithAShortestCounterexample(name: String, property: String, length: Int) throws {
        let mutation = try #require(Mutations.named(name))
        let reduced = try Self.explore(mutation, depth: 30)
        let full = try Self.explore(mutation, depth: 30, reduction: false)
        let found = try #require(reduced.counterexample)
        #expect(found.violation.property == property)
        #expect(found.atomicSteps == length)
        #expect(full.counterexample?.atomicSteps == length, "the reduction keeps the shortest length")
        #expect(full.counterexample?.violation.property == property)
        // The schedule replays to the same violation.
        let system = try Self.system(mutation)
        let (_, final) = system.replay(found.moves)
        #expect(Self.checks.firstViolation(final, system: system)?.property == property)
        let text = found.lines(threads: 2).joined(separator: "\n")
        #expect(text.contains("\(length) atomic steps"))
        if property == "no-deadlock" {
            #expect(found.violation.explanation.contains("waits for heap (held by thread 1)"))
            #expect(found.violation.explanation.contains("waits for AS (held by thread 0)"))
        }
    }

    @Test func commutingStepsReachTheSameStateInEitherOrder() throws {
        // Along random schedules of every variant, every pair of moves of different threads the
        // footprints call commuting gives the same state in both orders and stays enabled.
        var checked = 0
        for mutation in [Mutations()] + Mutations.concurrentCatalogue.map(\.mutation) {
            let system = try Self.system(mutation)
            var rng = SplitMix64(seed: 7)
            for _ in 0 ..< 6 {
                var state = system.initialState()
                for _ in 0 ..< 60 {
                    let moves = system.moves(from: state)
                    if moves.isEmpty || Self.checks.firstViolation(state, system: system) != nil { break }
                    for a in moves { for b in moves where a.thread < b.thread {
                        let fa = system.footprint(of: a, in: state), fb = system.footprint(of: b, in: state)
                        guard fa.commutes(with: fb) else { continue }
                        var ab = state, ba = state
                        system.apply(a, to: &ab)
                        #expect(system.moves(from: ab).contains(b))
                        system.apply(b, to: &ab)
                        system.apply(b, to: &ba)
                        #expect(system.moves(from: ba).contains(a))
                        system.apply(a, to: &ba)
                        #expect(ab.key() == ba.key(), "\(a) and \(b) do not commute")
                        checked += 1
                    } }
                    system.apply(moves[Int(rng.below(UInt64(moves.count)))], to: &state)
                }
            }
        }
        #expect(checked > 1000)
    }

    @Test(arguments: ["non-atomic-find-insert", "missing-tlb-shootdown", "kmalloc-under-lock"])
    func randomSchedulesFindAndShrinkTheMutant(name: String) throws {
        let system = try Self.system(Mutations.named(name)!)
        let report = ConcurrentRandom.run(system: system, properties: Self.checks, runs: 200, steps: 200, seed: 1)
        let failure = try #require(report.failure, "\(name) survived 200 random schedules")
        #expect(failure.counterexample.atomicSteps <= failure.originalLength)
        let (_, final) = system.replay(failure.counterexample.moves)
        #expect(Self.checks.firstViolation(final, system: system) == failure.counterexample.violation)
        let again = ConcurrentRandom.run(system: system, properties: Self.checks, runs: 200, steps: 200, seed: 1)
        #expect(again.failure?.counterexample.moves == failure.counterexample.moves, "same seed, same schedule")
    }

    @Test func aCounterexampleTraceReplaysToTheSameViolation() throws {
        let found = try #require(try Self.explore(.kmallocUnderLock, depth: 10).counterexample)
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("regioncheck-concurrent-\(UUID().uuidString).json").path
        try ConcurrentTrace(system: try Self.system(.kmallocUnderLock), counterexample: found).write(to: path)
        #expect(ConcurrentTrace.isConcurrentTrace(path: path))
        let loaded = try ConcurrentTrace.load(path: path)
        #expect(loaded.violates == "no-deadlock" && loaded.threads == 2 && loaded.schedule.count == found.atomicSteps)
        let again = try #require(try loaded.replay(properties: Self.checks, source: path))
        #expect(again.violation == found.violation)
        // A move that does not fit is bad input naming the schedule entry.
        var broken = loaded
        broken.schedule.insert((1, nil), at: 0)
        #expect(throws: InputError.self) { try broken.replay(properties: Self.checks, source: path) }
    }

    @Test func randomSchedulesOfTheReferenceAreClean() throws {
        let report = ConcurrentRandom.run(system: try Self.system(), properties: Self.checks, runs: 30, steps: 300, seed: 3)
        #expect(report.failure == nil)
        #expect(report.stepsDone > 5000)
    }

    @Test func theDetectorsSplitTheMutantsBetweenThem() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regioncheck-concurrent-\(UUID().uuidString)").path
        try KillMatrix.createDirectory(directory)
        let context = DetectorContext(outputDirectory: directory)
        let concurrent = ConcurrentDetector(depth: 26)
        for subject in MutantSubject.concurrent {
            let sequential = try ExplorerDetector(universe: .tiny, depth: 2).detect(subject, context: context)
            guard case .notApplicable = sequential.verdict else { Issue.record("explore on \(subject.name): \(sequential.verdict)"); continue }
            let result = try concurrent.detect(subject, context: context)
            #expect(result.finding != nil, "\(subject.name) survived the concurrent detector")
            #expect(FileManager.default.fileExists(atPath: result.finding?.tracePath ?? ""))
        }
        let sequential = try concurrent.detect(MutantSubject.sequential[0], context: context)
        guard case .notApplicable = sequential.verdict else { Issue.record("\(sequential.verdict)"); return }
        #expect(try concurrent.detect(.reference, context: context).verdict.isClean)
    }

    @Test func aStateWhereEveryThreadIsBlockedIsADeadlockCycle() throws {
        // Built by hand: each thread holds one lock and its next step acquires the other's.
        let system = try Self.system(.kmallocUnderLock)
        let mmap = try #require(system.letters.firstIndex { $0.isMmap })
        let touch = try #require(system.letters.firstIndex { if case .touch = $0 { true } else { false } })
        var state = system.initialState()
        for move in [ThreadMove(thread: 0, letter: mmap), ThreadMove(thread: 0), ThreadMove(thread: 1, letter: touch),
                     ThreadMove(thread: 1), ThreadMove(thread: 1)] { system.apply(move, to: &state) }
        #expect(system.moves(from: state).isEmpty, "both threads are blocked")
        #expect(Self.checks.deadlockCycle(state, system: system) == [0, 1])
        #expect(ConcurrentProperties(selection: PropertySet(), concurrent: []).firstViolation(state, system: system) == nil,
                "with no-deadlock switched off the state passes")
    }
}

extension DetectorResult.Verdict {
    var isClean: Bool { if case .clean = self { true } else { false } }
}
