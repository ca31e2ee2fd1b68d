@testable import Checker
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Model
import Testing

/// Interruption, outputs that fail, CI output streams: the built binary as a subprocess.
@Suite struct RunRobustnessTests {
    static var available: Bool { RegionCheckProcess.executable != nil }

    /// SIGINT and SIGTERM stop at the next batch with a partial report and exit 3; the requested
    /// output file is written.
    @Test(.enabled(if: available), arguments: [("explore", SIGINT), ("random", SIGTERM)])
    func signalGivesAPartialReportAndExit3(verb: String, signal: Int32) throws {
        let folder = try RegionCheckProcess.folder(with: [:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let arguments = verb == "explore"
            ? ["explore", "--universe", "tiny", "--depth", "14", "--workers", "1", "--output", "report.txt"]
            : ["random", "--universe", "tiny", "--runs", "100000000", "--steps", "50", "--output", "report.txt"]
        let result = try RegionCheckProcess.run(arguments, in: folder, timeout: 60) { process in
            usleep(1_500_000)
            kill(process.processIdentifier, signal)
        }
        #expect(!result.signalled)
        #expect(result.status == 3, "\(result.stderr)")
        let report = try String(contentsOf: folder.appendingPathComponent("report.txt"), encoding: .utf8)
        #expect(report.contains("INCONCLUSIVE: interrupted by \(signal == SIGINT ? "SIGINT" : "SIGTERM")"), "\(report)")
    }

    /// A report that cannot be written: stdout on a full disk, or closed.
    @Test(.enabled(if: available && FileManager.default.fileExists(atPath: "/dev/full")))
    func unwritableReportExitsNonZero() throws {
        let folder = try RegionCheckProcess.folder(with: [:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let full = try RegionCheckProcess.run(["explore", "--universe", "tiny", "--depth", "1"], in: folder, stdout: "/dev/full")
        #expect(full.status == 2 && full.stderr.contains("could not be written to stdout"), "\(full.status) \(full.stderr)")
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        shell.arguments = ["-c", "\"$0\" explore --universe tiny --depth 1 >&- 2>\"$1\"", RegionCheckProcess.executable!.path,
                           folder.appendingPathComponent("err").path]
        try shell.run()
        shell.waitUntilExit()
        #expect(shell.terminationStatus == 2)
        let message = try String(contentsOf: folder.appendingPathComponent("err"), encoding: .utf8)
        #expect(message.contains("could not be written"), "\(message)")
    }

    /// `--trace-out` replaces only regular files: a FIFO or a symlink is refused before the run
    /// and left as it was.
    @Test(.enabled(if: available))
    func traceOutRefusesFIFOsAndSymlinks() throws {
        let folder = try RegionCheckProcess.folder(with: ["target.json": "keep"])
        defer { try? FileManager.default.removeItem(at: folder) }
        #expect(mkfifo(folder.appendingPathComponent("fifo").path, 0o644) == 0)
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("link").path, withDestinationPath: "target.json")
        for (name, kind) in [("fifo", "FIFO"), ("link", "symbolic link")] {
            let result = try RegionCheckProcess.run(["explore", "--universe", "tiny", "--depth", "3", "--mutant", "split-offset-ignores-source",
                                                     "--trace-out", name], in: folder)
            #expect(result.status == 2 && result.stderr.contains("--trace-out") && result.stderr.contains(kind), "\(result.stderr)")
        }
        let attributes = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent("fifo").path)
        #expect(attributes[.type] as? FileAttributeType == .typeUnknown || attributes[.type] as? FileAttributeType != .typeRegular)
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: folder.appendingPathComponent("link").path) == "target.json")
    }

    /// Under GitHub Actions the annotations go to stderr, so a JSON report on stdout still parses.
    @Test(.enabled(if: available))
    func annotationsGoToStderr() throws {
        let folder = try RegionCheckProcess.folder(with: [:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try RegionCheckProcess.run(["explore", "--universe", "tiny", "--depth", "3", "--mutant", "split-offset-ignores-source",
                                                 "--format", "json"], in: folder, environment: ["GITHUB_ACTIONS": "true"])
        #expect(result.status == 1)
        #expect((try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) != nil, "stdout is not JSON: \(result.stdout.suffix(300))")
        #expect(result.stderr.contains("::error "))
    }

    /// User text that would start a workflow-command line is neutralised in text reports.
    @Test(.enabled(if: available))
    func userTextCannotIssueAWorkflowCommand() throws {
        let trace = "{\"format\": \"regioncheck-trace\", \"version\": 1, \"universe\": \"tiny\", \"description\": \"d\\n::add-mask::secret\", "
            + "\"steps\": [{\"op\": \"teardown\", \"note\": \"x\\n::add-mask::secret\"}]}"
        let folder = try RegionCheckProcess.folder(with: ["t.json": trace])
        defer { try? FileManager.default.removeItem(at: folder) }
        let result = try RegionCheckProcess.run(["replay", "t.json"], in: folder)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("add-mask"))
        for line in result.stdout.split(separator: "\n") {
            #expect(!line.drop { $0 == " " || $0 == "\t" }.hasPrefix("::"), "\(line)")
        }
    }
}

/// The same mechanisms below the CLI.
@Suite struct OutputMechanismTests {
    @Test func xmlEscaperDropsEveryCharacterXMLForbids() throws {
        let text = "a\u{1}b\u{FFFE}c\u{FFFF}d\u{8}e\tf\u{10000}"
        let escaped = xmlEscaped(text)
        #expect(escaped == "a?b?c?d?e\tf\u{10000}")
        let document = "<?xml version=\"1.0\"?><r a=\"\(escaped)\">\(escaped)</r>"
        #expect(XMLParser(data: Data(document.utf8)).parse())
    }

    @Test func workflowCommandLinesAreNeutralised() {
        #expect(WorkflowCommandText.neutralised("ok\n::add-mask::x\n  ::error::y\nfine :: here") == "ok\n: :add-mask::x\n  : :error::y\nfine :: here")
    }

    /// A counterexample whose trace cannot be written is still reported, with a warning.
    @Test func randomKeepsAViolationItCannotWrite() throws {
        let setup = RandomSetup(universe: .tiny, mutations: .splitOffsetIgnoresSource)
        let report = try RandomCheck.run(setup, RandomOptions(runs: 200, steps: 60, seed: 1, traceOut: "/nonexistent-dir/t.json",
                                                                     universeArgument: "tiny", propertiesArgument: nil))
        #expect(report.failure != nil)
        #expect(report.writeWarnings.count == 1 && report.writeWarnings[0].contains("/nonexistent-dir"))
    }

    @Test func quietReplayKeepsNoPictures() throws {
        var steps: [Trace.Step] = []
        for _ in 0 ..< 4 { steps.append(Trace.Step(.mmap(size: 4096, protection: .readWrite, placement: .anywhere, address: nil, alignment: nil, choice: nil))) }
        let trace = Trace(universe: .tiny, steps: steps)
        var streamed = 0
        let report = Replayer.run(trace, source: "memory", pictures: .streamed) { outcome in
            if !outcome.picture.isEmpty { streamed += 1 }
        }
        #expect(streamed == 4)
        #expect(report.steps.allSatisfy { $0.picture.isEmpty })
        #expect(Replayer.run(trace, source: "memory", pictures: .none).steps.allSatisfy { $0.picture.isEmpty })
    }

    /// An execute-only page: the read faults and `access-agreement`, `mmu-coherence` hold.
    @Test func executeOnlyReadFaultsOnReplay() throws {
        let base: UInt64 = 0x10000
        let trace = Trace(universe: .tiny, steps: [
            Trace.Step(.mmap(size: 0x2000, protection: .readWrite, placement: .anywhere, address: nil, alignment: nil, choice: nil)),
            Trace.Step(.touch(address: base, write: true, value: 7)),
            Trace.Step(.mprotect(address: base, size: 0x1000, protection: .execute)),
            Trace.Step(.touch(address: base, write: false, value: 0), expected: .error(.EFAULT)),
        ])
        let report = Replayer.run(trace, source: "memory")
        #expect(report.clean, "\(report.text)")
    }

    /// The closed-form letter count equals the letters built, and a bomb is refused before building.
    @Test func letterCountMatchesTheBuiltAlphabet() throws {
        var settings = AlphabetSettings(sizes: [1, 2, 3], alignments: [1, 2], protections: [.readWrite, .none, .read],
                                        addresses: nil, maxRange: 3)
        #expect(settings.letterCount(for: .small).total == UInt64(try Alphabet(universe: .small, settings: settings).letters.count))
        settings.addresses = [0x10000, 0x11000, 0x12000]
        settings.touch = false
        #expect(settings.letterCount(for: .tiny).total == UInt64(try Alphabet(universe: .tiny, settings: settings).letters.count))
        let bomb = AlphabetSettings(sizes: Array(1 ... 8), alignments: [1, 2, 4, 8], protections: [.readWrite, .none, .read, .execute],
                                    maxRange: 8)
        let huge = try Universe(name: "big", base: 0x10000, pages: 4096, pagesPerTable: 512, frames: 8, pageTables: 8)
        #expect(bomb.letterCount(for: huge).total > UInt64(Alphabet.maxLetters))
        #expect(throws: InputError.self) { try Alphabet(universe: huge, settings: bomb, source: "u.json") }
    }
}
