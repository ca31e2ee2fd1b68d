import Checker
import Foundation
import Model
import Testing

@Suite struct ExplorerReferenceTests {
    @Test func tinyHoldsEveryPropertyToDepthTwo() throws {
        let report = Explorer.run(try ExplorerFixture.request(depth: 2))
        guard case .pass = report.outcome else {
            Issue.record("expected a pass, got \(report.text())")
            return
        }
        #expect(report.exitCode == 0)
        #expect(report.levels.count == 2)
        #expect(report.levels.allSatisfy { $0.complete })
        // Each level's new states add up to the total, the initial state included.
        #expect(report.totalDistinct == 1 + report.levels.reduce(0) { $0 + $1.distinct })
        #expect(report.levels.last!.layouts <= report.totalDistinct)
    }

    @Test func tinyWithTheStandardAlphabetHoldsToDepthTwo() throws {
        let report = Explorer.run(try ExplorerFixture.request(settings: .standard, depth: 2))
        #expect(report.exitCode == 0, "\(report.text())")
    }

    @Test func smallHoldsEveryPropertyToDepthTwo() throws {
        let report = Explorer.run(try ExplorerFixture.request(.small, settings: .standard, depth: 2, workers: 2))
        #expect(report.exitCode == 0, "\(report.text())")
        #expect(report.levels.map(\.depth) == [1, 2])
    }

    @Test func countsAreIdenticalForOneTwoAndThreeWorkers() throws {
        // Small chunks, so that even these small levels are split across workers and merged.
        func run(_ workers: Int) throws -> ExplorationReport {
            Explorer.run(try ExplorerFixture.request(depth: 2, workers: workers, chunkSize: 3))
        }
        let one = try run(1), two = try run(2), three = try run(3)
        let counts = { (r: ExplorationReport) in r.levels.map { [$0.generated, $0.distinct, $0.totalDistinct, $0.layouts] } }
        #expect(counts(one) == counts(two))
        #expect(counts(one) == counts(three))
        #expect(one.levels[0].distinct > 6 * 3, "level 2's frontier must need several chunks per worker")
    }

    @Test func theSameRunGivesTheSameCounts() throws {
        let a = Explorer.run(try ExplorerFixture.request(depth: 2)), b = Explorer.run(try ExplorerFixture.request(depth: 2))
        #expect(a.levels.map(\.generated) == b.levels.map(\.generated))
        #expect(a.levels.map(\.totalDistinct) == b.levels.map(\.totalDistinct))
    }

    @Test func aSmallUniverseRunsOutOfStatesBeforeADeepBound() throws {
        // One page, only mmap and munmap of it: two states, so depth 5 exhausts the space.
        let universe = try Universe(name: "one-page", base: 0x10000, pages: 1, pagesPerTable: 1, frames: 1, pageTables: 1)
        let settings = AlphabetSettings(sizes: [1], protections: [.readWrite], placements: [.anywhere], maxRange: 1,
                                        touch: false, teardown: false, faults: false)
        let report = Explorer.run(try ExplorerFixture.request(universe, settings: settings, depth: 5))
        guard case .pass(let exhausted) = report.outcome else {
            Issue.record("expected a pass, got \(report.text())")
            return
        }
        #expect(exhausted)
        #expect(report.totalDistinct == 2)
    }
}

@Suite struct ExplorerLimitTests {
    @Test func aStateLimitGivesAnInconclusiveResult() throws {
        let report = Explorer.run(try ExplorerFixture.request(depth: 4, limits: ExplorationLimits(maxStates: 50)))
        guard case .inconclusive(let reason) = report.outcome else {
            Issue.record("expected inconclusive, got \(report.text())")
            return
        }
        #expect(reason.contains("state limit"))
        #expect(report.exitCode == 3)
        #expect(report.levels.last?.complete == false)
    }

    @Test func aMemoryLimitGivesAnInconclusiveResult() throws {
        let report = Explorer.run(try ExplorerFixture.request(depth: 4, limits: ExplorationLimits(maxMemoryBytes: 64 * 1024)))
        guard case .inconclusive(let reason) = report.outcome else {
            Issue.record("expected inconclusive, got \(report.text())")
            return
        }
        #expect(reason.contains("memory limit"))
        #expect(report.exitCode == 3)
    }

    @Test func aTimeLimitGivesAnInconclusiveResult() throws {
        let report = Explorer.run(try ExplorerFixture.request(settings: .standard, depth: 6, limits: ExplorationLimits(maxSeconds: 0.2)))
        guard case .inconclusive(let reason) = report.outcome else {
            Issue.record("expected inconclusive, got \(report.text())")
            return
        }
        #expect(reason.contains("time limit"))
        #expect(report.exitCode == 3)
    }
}
