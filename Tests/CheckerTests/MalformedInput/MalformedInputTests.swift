import Foundation
import Testing

/// The project's own malformed-input suite: the built `regioncheck` run on every case of
/// `MalformedInputCorpus` (in parallel: each case is a test-case argument) must exit 2 with an
/// error that names the flag, file, step or field, and never crash or hang.
@Suite struct MalformedInputTests {
    @Test func corpusIsLargeAndCoversEveryVerb() {
        #expect(MalformedInputCorpus.all.count >= 150)
        let verbs = Set(MalformedInputCorpus.all.compactMap(\.arguments.first))
        for verb in ["explore", "random", "replay", "prove", "mutants", "properties", "bench", "bench-random", "bench-prove"] {
            #expect(verbs.contains(verb), "no case for \(verb)")
        }
    }

    @Test(.enabled(if: RegionCheckProcess.executable != nil), arguments: MalformedInputCorpus.all)
    func rejectedWithALocatedMessage(_ input: MalformedInput) throws {
        let folder = try RegionCheckProcess.folder(with: input.files)
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try RegionCheckProcess.run(input.arguments, in: folder, timeout: 30)
        #expect(!result.timedOut, "did not finish")
        #expect(!result.signalled, "crashed with signal \(result.status): \(result.stderr)")
        #expect(result.status == 2, "exit \(result.status); stderr: \(result.stderr); stdout: \(result.stdout.prefix(300))")
        for word in input.mentions {
            #expect(result.stderr.contains(word), "the message does not name \(word): \(result.stderr)")
        }
        #expect(!result.stderr.contains("Fatal error"))
    }
}
