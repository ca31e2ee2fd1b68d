import ArgumentParser
import Checker
import Foundation
import Model

/// `explore --threads N` with N above 1: the concurrent explorer.
extension ExploreCommand {
    func runConcurrent() throws {
        let system: ConcurrentSystem
        let properties: ConcurrentProperties
        do throws(InputError) {
            (system, properties) = try makeConcurrentSystem(
                universe: self.universe, threads: threads, mutants: mutants, properties: self.properties,
                settings: try alphabet.apply(to: ConcurrentAlphabet.defaultSettings), threadPages: threadPages)
        } catch {
            failOnBadInput(error.description)
        }
        let request = ConcurrentExplorationRequest(
            system: system, properties: properties, depth: depth ?? ConcurrentDefaults.depth,
            reduction: !noReduction, maxStates: maxStates, maxSeconds: maxSeconds)
        let report = ConcurrentExplorer.run(request)
        var written: String?
        if let counterexample = report.counterexample {
            do throws(InputError) {
                try ConcurrentTrace(system: system, counterexample: counterexample).write(to: traceOut)
                written = traceOut
            } catch {
                FileHandle.standardError.write(Data("warning: \(error.description)\n".utf8))
            }
        }
        StandardOutput.print(report.text(tracePath: written))
        if report.exitCode != Exit.pass { throw ExitCode(report.exitCode) }
    }
}

/// Checks shared by explore and random: --threads in range, and mutants that fit the thread count.
func validateThreads(_ threads: Int, mutants: [String], design: Design) throws {
    guard threads >= 1 && threads <= ConcurrentSystem.maxThreads else {
        throw ValidationError("--threads must be 1...\(ConcurrentSystem.maxThreads), got \(threads)")
    }
    let chosen = mutants.compactMap(Mutations.named)
    if threads == 1, let name = mutants.first(where: { Mutations.named($0).map(Mutations.concurrent.contains) == true }) {
        throw ValidationError("--mutant \(name) is a concurrent mutant: its seam is an interleaving point, give --threads 2 or more")
    }
    if threads > 1 {
        if design != .reference { throw ValidationError("--threads above 1 runs the reference design only") }
        if let name = mutants.first(where: { Mutations.named($0).map { !Mutations.concurrent.contains($0) } == true }) {
            throw ValidationError("--mutant \(name) is a sequential mutant: with --threads above 1 only "
                + "\(Mutations.concurrent.names.joined(separator: ", ")) apply (run it without --threads)")
        }
        _ = chosen
    }
}

/// The concurrent system and its checks from the command line's universe, mutants, properties
/// and alphabet settings (explore's flags override `ConcurrentAlphabet.defaultSettings`).
func makeConcurrentSystem(universe name: String, threads: Int, mutants: [String], properties: String?,
                          settings: AlphabetSettings, threadPages: UInt64?) throws(InputError) -> (ConcurrentSystem, ConcurrentProperties) {
    let universe = try UniverseFile.resolve(name)
    let letters = try ConcurrentAlphabet.letters(universe: universe, settings: settings,
                                                 pages: threadPages ?? min(ConcurrentAlphabet.defaultPages, universe.pages))
    var mutations: Mutations = []
    for mutant in mutants { mutations.insert(Mutations.named(mutant)!) }
    let system = ConcurrentSystem(letters: letters, threads: threads, universe: universe, mutations: mutations)
    return (system, try ConcurrentProperties(selection: properties))
}
