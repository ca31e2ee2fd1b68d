import ArgumentParser
import Checker
import Foundation
import Model

/// `regioncheck bench-prove`: prove time against the number of symbolic regions K.
struct BenchProveCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "bench-prove",
        abstract: "Measure prove time (all obligations, reference) against K = 1, 2, 4, 8, 16, 32; medians of several runs.",
        discussion: "Build in release mode first: swift run -c release regioncheck bench-prove"
    )

    @Option(help: ArgumentHelp("Runs per K; the median is reported.", valueName: "N"))
    var runs = 5

    @Option(help: ArgumentHelp("The values of K, comma-separated.", valueName: "LIST"))
    var regions = "1,2,4,8,16,32"

    @Option(help: ArgumentHelp("Time limit per obligation, in seconds.", valueName: "SECONDS"))
    var timeout = ProveRun.defaultTimeout

    var counts: [Int]? {
        let values = regions.split(separator: ",", omittingEmptySubsequences: false).map { Int($0.trimmingCharacters(in: .whitespaces)) }
        guard !values.isEmpty, values.allSatisfy({ $0 != nil && $0! >= 1 && $0! <= 256 }) else { return nil }
        return values.map { $0! }
    }

    func validate() throws {
        guard runs >= 1 && runs <= 101 else { throw ValidationError("--runs must be 1...101, got \(runs)") }
        guard counts != nil else { throw ValidationError("--regions must be a comma list of numbers 1...256, got '\(regions)'") }
        // As prove's: bounded, since the solver takes whole milliseconds (1e30 or inf trapped).
        guard timeout > 0 && timeout <= 86_400 else { throw ValidationError("--timeout must be in (0, 86400] seconds, got \(timeout)") }
    }

    func run() throws {
        if !Benchmark.isOptimized {
            FileHandle.standardError.write(Data("warning: this is a debug build; measure with: swift run -c release regioncheck bench-prove\n".utf8))
        }
        StandardOutput.print("prove, reference, all obligations, \(runs) runs per K (median seconds)")
        StandardOutput.print("    K   anywhere  fixed-noreplace      split   top-down      total   verdict")
        for k in counts! {
            var reports: [ProveReport] = []
            do throws(InputError) {
                for _ in 0 ..< runs { reports.append(try ProveRun.run(regions: k, timeout: timeout)) }
            } catch {
                failOnBadInput(error.description)
            }
            func median(_ pick: (ProveReport) -> Double) -> String { String(format: "%.3f", Benchmark.median(reports.map(pick))) }
            let per = ProveObligation.allCases.map { o in median { $0.results.first { $0.obligation == o }?.seconds ?? 0 } }
            let verdicts = Set(reports.map(\.exitCode)).sorted().map { $0 == 0 ? "proved" : $0 == 1 ? "COUNTEREXAMPLE" : "UNKNOWN" }
            StandardOutput.print(String(format: "%5d", k) + "  " + [per[0].leftPadded(9), per[1].leftPadded(15), per[2].leftPadded(10), per[3].leftPadded(9), median(\.seconds).leftPadded(10)].joined(separator: "  ")
                + "   " + verdicts.joined(separator: "/"))
        }
    }
}

private extension String {
    func leftPadded(_ width: Int) -> String { count >= width ? self : String(repeating: " ", count: width - count) + self }
}
