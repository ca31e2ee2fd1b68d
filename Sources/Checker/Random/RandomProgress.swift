import Foundation

/// Where a random check is, for the progress line on a terminal.
public struct RandomProgress: Sendable {
    public var runs: Int
    public var runsBound: Int
    public var steps: Int
    public var seconds: Double

    public var stepsPerSecond: Double { seconds > 0 ? Double(steps) / seconds : 0 }

    /// "random: 120/1000 runs, 118,400 steps, 95,000 steps/s, 1.2 s".
    public var line: String {
        "random: \(runs)/\(runsBound) runs, \(steps.grouped) steps, \(Int(stepsPerSecond).grouped) steps/s, \(formatSeconds(seconds)) s"
    }
}
