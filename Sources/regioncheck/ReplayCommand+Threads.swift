import ArgumentParser
import Checker
import Foundation

/// `replay` of a concurrent trace (the schedule `explore --threads` and `random --threads` write).
extension ReplayCommand {
    /// Prints the interleaving; true when a property is violated (the counterexample reproduced).
    func replayConcurrent(_ path: String) -> Bool {
        do throws(InputError) {
            let trace = try ConcurrentTrace.load(path: path)
            let properties = try ConcurrentProperties(selection: self.properties)
            let found = try trace.replay(properties: properties, source: path)
            var lines: [String] = []
            if let found {
                if !quiet { lines += found.lines(threads: trace.threads) }
                let expected = trace.violates.map { $0 == found.violation.property ? " (as the trace says)" : " (the trace says \($0))" } ?? ""
                lines.append("\(path): \(trace.threads) threads, \(found.atomicSteps) of \(trace.schedule.count) atomic steps: "
                    + "violates \(found.violation.property)\(expected)")
            } else {
                lines.append("\(path): \(trace.threads) threads, \(trace.schedule.count) atomic steps, every property holds"
                    + (trace.violates.map { " (the trace says it violates \($0))" } ?? ""))
            }
            StandardOutput.print(lines.joined(separator: "\n"))
            if !quiet { StandardOutput.print() }
            return found != nil
        } catch {
            failOnBadInput(error.description)
        }
    }
}
