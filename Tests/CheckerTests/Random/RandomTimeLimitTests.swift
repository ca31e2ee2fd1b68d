import Checker
import Foundation
import Model
import Synchronization
import Testing

/// `random --max-seconds`: the runs stop early and the partial report is inconclusive; the
/// progress callback sees the runs go by.
@Suite struct RandomTimeLimitTests {
    @Test func aTimeLimitStopsTheRunsWithAPartialInconclusiveReport() throws {
        var options = RandomOptions(runs: 10_000_000, steps: 20, seed: 1, universeArgument: "tiny")
        options.maxSeconds = 0.6
        let calls = Mutex<[RandomProgress]>([])
        options.progress = { progress in calls.withLock { $0.append(progress) } }
        let report = try RandomCheck.run(RandomSetup(universe: .tiny), options)
        let reason = try #require(report.inconclusive)
        #expect(reason.hasPrefix("time limit: 0.60 s reached after"))
        #expect(report.failure == nil)
        #expect(report.statistics.runs > 0 && report.statistics.runs < options.runs, "partial: \(report.statistics.runs) runs")
        #expect(report.text.contains("INCONCLUSIVE: time limit"))
        let seen = calls.withLock { $0 }
        #expect(!seen.isEmpty, "a progress line every quarter second")
        #expect(seen.allSatisfy { $0.runs <= report.statistics.runs && $0.line.contains("steps/s") })
    }
}
