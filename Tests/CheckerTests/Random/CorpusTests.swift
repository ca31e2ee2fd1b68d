import Checker
import Foundation
import Model
import Testing

/// `--corpus DIR`: counterexamples are kept, and replayed before any new run.
struct CorpusTests {
    func temporaryDirectory() -> String {
        let path = NSTemporaryDirectory() + "regioncheck-corpus-\(UUID().uuidString)"
        return path
    }

    @Test func failuresAreKeptAndReplayedFirst() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let traceOut = directory + "-out.json"
        defer { try? FileManager.default.removeItem(atPath: traceOut) }
        let setup = RandomSetup(universe: .tiny, mutations: Mutations.named("skip-tlb-flush")!)
        let corpus = Corpus(directory: directory)

        let first = try RandomCheck.run(setup, RandomOptions(runs: 100, steps: 60, seed: 2, corpus: corpus, traceOut: traceOut,
                                                             universeArgument: "tiny"))
        let failure = try #require(first.failure)
        #expect(first.corpusReplayed == 0)
        #expect(failure.writtenTo.count == 2)
        #expect(try Trace.load(path: traceOut) == failure.trace)
        let stored = try corpus.load()
        #expect(stored.count == 1 && stored[0].trace == failure.trace)

        // A different seed: the corpus trace is replayed before any run and still fails.
        let second = try RandomCheck.run(setup, RandomOptions(runs: 100, steps: 60, seed: 99, corpus: corpus, universeArgument: "tiny"))
        #expect(second.corpusReplayed == 1)
        #expect(second.statistics.runs == 0, "no new run once the corpus fails")
        #expect(second.failure?.origin == .corpus(path: stored[0].path))
        #expect(second.failure?.violation.property == failure.violation.property)

        // The reference does not fail on it; a trace of another universe is skipped.
        let reference = try RandomCheck.run(RandomSetup(universe: .tiny), RandomOptions(runs: 2, steps: 20, seed: 1, corpus: corpus, universeArgument: "tiny"))
        #expect(reference.corpusSkipped == 1 && reference.failure == nil)
    }

    @Test func aBrokenCorpusFileIsBadInputNamingIt() throws {
        let directory = temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try "{\"version\": 1, \"universe\": \"tiny\", \"steps\": [{\"op\": \"mmap\"}]}".write(toFile: directory + "/bad.json", atomically: true, encoding: .utf8)
        #expect {
            try RandomCheck.run(RandomSetup(universe: .tiny), RandomOptions(runs: 1, steps: 1, seed: 1, corpus: Corpus(directory: directory), universeArgument: "tiny"))
        } throws: { error in
            guard let input = error as? InputError else { return false }
            return input.source.hasSuffix("bad.json") && input.location.contains("step 1") && input.location.contains("size")
        }
    }
}
