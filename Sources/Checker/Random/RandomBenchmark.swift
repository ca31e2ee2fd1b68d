import Foundation
import Model

/// `regioncheck bench-random`: the same random runs timed with every property checked after
/// every step and with checking off (the model's own speed), several times each; medians.
public struct RandomBenchmark: Sendable {
    public var checked: [Double] = []
    public var unchecked: [Double] = []
    public var steps = 0

    /// Steps per second of each repetition, checked and unchecked alternately on one thread.
    public static func measure(_ setup: RandomSetup, runs: Int, steps: Int, seed: UInt64, repetitions: Int) -> RandomBenchmark {
        var result = RandomBenchmark()
        var unchecked = setup
        unchecked.checking = false
        var checked = setup
        checked.checking = true
        for _ in 0 ..< repetitions {
            for (target, isChecked) in [(checked, true), (unchecked, false)] {
                let options = RandomOptions(runs: runs, steps: steps, seed: seed, universeArgument: setup.universe.name)
                let start = ContinuousClock.now
                let (statistics, _, _) = RandomCheck.runAll(target, options)
                let seconds = (ContinuousClock.now - start) / .seconds(1)
                let rate = Double(statistics.steps) / seconds
                if isChecked { result.checked.append(rate) } else { result.unchecked.append(rate) }
                result.steps = statistics.steps
            }
        }
        return result
    }

    public static func median(_ values: [Double]) -> Double {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return 0 }
        return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    }

    public var checkedMedian: Double { Self.median(checked) }
    public var uncheckedMedian: Double { Self.median(unchecked) }
    /// How many times slower checking makes a step.
    public var checkingCost: Double { checkedMedian > 0 ? uncheckedMedian / checkedMedian : 0 }

    public var text: String {
        func rates(_ values: [Double]) -> String { values.map { String(Int($0.rounded())) }.joined(separator: ", ") }
        return """
            checked:   median \(Int(checkedMedian.rounded())) steps/s  (runs: \(rates(checked)))
            unchecked: median \(Int(uncheckedMedian.rounded())) steps/s  (runs: \(rates(unchecked)))
            checking costs \(String(format: "%.2f", checkingCost))x the model's own time per step (\(steps) steps a repetition)
            """
    }
}
