import Checker
import Foundation
import Model
import Testing

@Suite struct ExplorerMutantTests {
    static let mutants = ["skip-tlb-flush", "specific-check-keyed-on-base", "tail-window-untrimmed", "inverted-append-check"]

    @Test(arguments: mutants)
    func theCounterexampleIsAShortestOneAndReplays(name: String) throws {
        let mutations = try #require(Mutations.named(name))
        let request = try ExplorerFixture.request(mutations: mutations, depth: 4)
        let report = Explorer.run(request)
        let counterexample = try #require(report.counterexample, "mutant \(name) survived depth 4")
        #expect(report.exitCode == 1)

        // No shorter sequence of branches violates a property (an independent brute force).
        let shortest = BruteForce.shortestViolation(alphabet: request.alphabet, mutations: mutations, maxDepth: counterexample.depth)
        #expect(shortest == counterexample.depth, "\(name): explorer found \(counterexample.depth) steps, brute force \(String(describing: shortest))")

        // The trace file replays to the same violation, at its last step.
        let path = ExplorerFixture.temporaryPath("\(name).json")
        defer { try? FileManager.default.removeItem(atPath: path) }
        try counterexample.trace.write(to: path)
        let loaded = try Trace.load(path: path)
        #expect(loaded.violates == counterexample.violation.property)
        #expect(loaded.mutations == mutations)
        let replay = Replayer.run(loaded, source: path)
        #expect(replay.reproduction?.index == loaded.steps.count)
        #expect(!replay.clean)
    }

    @Test func aCounterexampleWithAnInjectedFailureRecordsAFailNextStep() throws {
        // ignore-map-result needs a page-table allocation to fail: the branch "inject, then mmap".
        var settings = ExplorerFixture.lean
        settings.faults = true
        settings.touch = false
        let mutations = try #require(Mutations.named("ignore-map-result"))
        let request = try ExplorerFixture.request(settings: settings, mutations: mutations, depth: 3)
        let counterexample = try #require(Explorer.run(request).counterexample)
        let shortest = BruteForce.shortestViolation(alphabet: request.alphabet, mutations: mutations, maxDepth: counterexample.depth)
        #expect(shortest == counterexample.depth)
        let operations = counterexample.trace.steps.map(\.operation)
        #expect(operations.contains { if case .failNext = $0 { true } else { false } })
        // A branch with an injected failure is two trace steps but one level of depth.
        #expect(operations.count > counterexample.depth)
        #expect(Replayer.run(counterexample.trace, source: "memory").reproduction != nil)
    }

    @Test func theReportedCounterexampleDoesNotDependOnTheWorkerCount() throws {
        let mutations = try #require(Mutations.named("skip-tlb-flush"))
        func run(_ workers: Int) throws -> ExplorationReport {
            Explorer.run(try ExplorerFixture.request(mutations: mutations, depth: 4, workers: workers, chunkSize: 4))
        }
        let one = try run(1), two = try run(2)
        let a = try #require(one.counterexample), b = try #require(two.counterexample)
        #expect(a.trace == b.trace)
        #expect(a.violation == b.violation)
        #expect(one.levels.map(\.generated) == two.levels.map(\.generated))
        #expect(one.levels.map(\.totalDistinct) == two.levels.map(\.totalDistinct))
    }

    @Test func firstFitCanBeSwitchedOff() throws {
        // window-needs-size-plus-alignment skips exact-fit holes; with first-fit off, the other
        // properties must still catch it (a hole that exists is reported missing).
        let mutations = try #require(Mutations.named("window-needs-size-plus-alignment"))
        let properties = try PropertySet(selection: "-first-fit")
        #expect(!properties.ids.contains("first-fit"))
        let report = Explorer.run(try ExplorerFixture.request(mutations: mutations, depth: 4, properties: properties))
        let counterexample = try #require(report.counterexample)
        #expect(counterexample.violation.property != "first-fit")
        #expect(report.propertyIDs == properties.ids)
    }
}
