import ArgumentParser
import Checker
import Foundation
import Model

/// `random --threads N` with N above 1: random schedules of the concurrent system, shrunk.
extension RandomCommand {
    func runConcurrent() throws {
        let system: ConcurrentSystem
        let checks: ConcurrentProperties
        do throws(InputError) {
            (system, checks) = try makeConcurrentSystem(
                universe: universe, threads: threads, mutants: mutants, properties: properties,
                settings: ConcurrentAlphabet.defaultSettings, threadPages: threadPages)
        } catch {
            failOnBadInput(error.description)
        }
        let report = ConcurrentRandom.run(system: system, properties: checks, runs: runs, steps: steps, seed: parsedSeed!)
        var written: String?
        if let failure = report.failure {
            do throws(InputError) {
                try ConcurrentTrace(system: system, counterexample: failure.counterexample).write(to: traceOut)
                written = traceOut
            } catch {
                FileHandle.standardError.write(Data("warning: \(error.description)\n".utf8))
            }
        }
        StandardOutput.print(report.text(tracePath: written, threads: threads))
        if report.exitCode != Exit.pass { throw ExitCode(report.exitCode) }
    }
}
