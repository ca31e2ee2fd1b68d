import ArgumentParser
import Checker
import Foundation
import Model

/// `regioncheck bench`: measures the explorer and the model (run it from a release build).
struct BenchCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench",
        abstract: "Measure the explorer (states/s, bytes/state) and the model (copy + one operation); medians of several runs.",
        discussion: "Build in release mode first: swift run -c release regioncheck bench"
    )

    @Option(help: ArgumentHelp("Runs of each measurement; the median is reported.", valueName: "N"))
    var runs = 5

    @Option(help: ArgumentHelp("The universe the explorer benchmark explores.", valueName: "tiny|small|FILE"))
    var universe = "small"

    @Option(help: ArgumentHelp("The depth the explorer benchmark explores to.", valueName: "N"))
    var depth = 4

    @Option(help: ArgumentHelp("Explorer threads (default: the number of cores).", valueName: "N"))
    var workers: Int?

    @Option(help: ArgumentHelp("The alphabet: classic (default: the alphabet every earlier figure of the README was measured with) or standard "
                               + "(far larger: use a smaller depth).", valueName: "classic|standard"))
    var alphabet = "classic"

    @Flag(help: "Only the model micro-benchmark.")
    var modelOnly = false

    func validate() throws {
        guard runs >= 1 && runs <= 101 else { throw ValidationError("--runs must be 1...101, got \(runs)") }
        guard depth >= 1 && depth <= 64 else { throw ValidationError("--depth must be 1...64, got \(depth)") }
        if let workers, workers < 1 || workers > 256 { throw ValidationError("--workers must be 1...256, got \(workers)") }
    }

    func run() throws {
        if !Benchmark.isOptimized {
            FileHandle.standardError.write(Data("warning: this is a debug build; measure with: swift run -c release regioncheck bench\n".utf8))
        }
        let universe: Universe
        do throws(InputError) {
            universe = try UniverseFile.resolve(self.universe)
            let settings = try AlphabetSettings.named(alphabet)
            let workers = workers ?? ProcessInfo.processInfo.activeProcessorCount
            if !modelOnly {
                StandardOutput.print("explore \(universe.name) to depth \(depth), \(alphabet) alphabet, all properties, \(workers) workers, \(runs) runs")
                let results = try Benchmark.explorer(universe: universe, settings: settings, depth: depth, workers: workers, runs: runs) { i, run in
                    StandardOutput.print("  run \(i): \(fmt(run.seconds)) s, \(run.distinct) distinct states, \(run.generated) transitions, "
                        + "\(Int(run.statesPerSecond)) states/s, \(Int(run.statesPerCPUSecond)) states per CPU-second, "
                        + "\(fmt(run.bytesPerState)) bytes/state")
                }
                let m = { (f: (Benchmark.ExplorerRun) -> Double) in Benchmark.median(results.map(f)) }
                StandardOutput.print("  median: \(fmt(m(\.seconds))) s, \(Int(m(\.statesPerSecond))) states/s, "
                    + "\(Int(m(\.statesPerCPUSecond))) states per CPU-second (per core), \(fmt(m(\.bytesPerState))) bytes/state")
            }
            let model = try Benchmark.modelStep(universe: universe, settings: settings, runs: runs)
            StandardOutput.print("model: copy + one operation, every letter of the \(universe.name) \(alphabet) alphabet from 64 sample states (\(model.steps) steps), \(runs) runs")
            StandardOutput.print("  median: \(fmt(model.nanosecondsPerStep)) ns per step; "
                + model.nanosecondsByKind.map { "\($0.kind) \(fmt($0.nanoseconds))" }.joined(separator: ", ")
                + " ns; canonical encoding \(fmt(model.nanosecondsPerEncode)) ns per state")
        } catch {
            failOnBadInput(error.description)
        }
    }

    private func fmt(_ x: Double) -> String { String(format: x < 100 ? "%.1f" : "%.0f", x) }
}
