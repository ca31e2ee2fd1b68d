import ArgumentParser
import Checker
import Foundation
import Model

/// `regioncheck bench-random`: checked and unchecked random-run speed, medians of several runs.
struct BenchRandomCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-random",
        abstract: "Measure random-run speed: steps/s with every property checked, and with checking off (the model alone).",
        discussion: "Build in release mode for meaningful figures: swift run -c release regioncheck bench-random"
    )

    @Option(help: "The universe: a preset (tiny, small, serenity) or a universe JSON file.")
    var universe = "serenity"

    @Option(help: "Runs per repetition.")
    var runs = 10

    @Option(help: "Steps per run.")
    var steps = 10_000

    @Option(help: "Repetitions of the checked and the unchecked measurement; the report gives their medians.")
    var repetitions = 5

    @Option(help: "Seed of the first run (decimal).")
    var seed: UInt64 = 1

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1, got \(runs)") }
        guard steps >= 1 else { throw ValidationError("--steps must be at least 1, got \(steps)") }
        guard repetitions >= 1 else { throw ValidationError("--repetitions must be at least 1, got \(repetitions)") }
    }

    func run() throws {
        let resolved: Universe
        do {
            resolved = try UniverseFile.resolve(universe)
        } catch {
            failOnBadInput(error.description)
        }
        #if DEBUG
        StandardOutput.print("note: this is a debug build; measure with `swift run -c release regioncheck bench-random`")
        #endif
        StandardOutput.print("bench-random: universe \(resolved.name), \(runs) runs × \(steps) steps, seed \(seed), \(repetitions) repetitions, 1 thread")
        let result = RandomBenchmark.measure(RandomSetup(universe: resolved), runs: runs, steps: steps, seed: seed,
                                             repetitions: repetitions)
        StandardOutput.print(result.text)
    }
}
