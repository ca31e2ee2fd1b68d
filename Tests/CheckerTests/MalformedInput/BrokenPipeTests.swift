@testable import Checker
import Foundation
import Model
import Testing

/// `regioncheck replay BIG | head -1`: when stdout's reader goes away the run stops at once and
/// exits quietly with 141 (128 + SIGPIPE, what a shell shows for a tool SIGPIPE ended), never
/// running on to the end, never crashing, printing nothing on stderr. The built binary as a
/// subprocess whose stdout is a pipe closed after the first line.
@Suite struct BrokenPipeTests {
    static var available: Bool { RegionCheckProcess.executable != nil }

    /// Fills of 1 to 8 pages with at most 8 live, then the frees: thousands of streamed lines,
    /// far more than a pipe's buffer holds.
    static func bigTrace(steps: Int) -> Trace {
        var trace = Trace(universe: .serenity, design: .serenity, serenityFixes: .all, steps: [])
        let P: UInt64 = 4096
        for i in 0 ..< steps / 2 {
            let size = UInt64(i % 8 + 1) * P
            trace.steps.append(Trace.Step(.mmap(size, .readWrite), expected: .okValue(0x10000)))
            trace.steps.append(Trace.Step(.munmap(address: 0x10000, size: size), expected: .ok))
        }
        return trace
    }

    struct Ended {
        var status: Int32
        var signalled: Bool
        var stderr: String
        var firstLine: String
    }

    /// Runs `arguments`, reads stdout up to its first newline, closes the pipe, and waits.
    static func runClosingAfterOneLine(_ arguments: [String], in folder: URL) throws -> Ended {
        let process = Process()
        process.executableURL = RegionCheckProcess.executable!
        process.arguments = arguments
        process.currentDirectoryURL = folder
        let out = Pipe()
        let errPath = folder.appendingPathComponent("stderr").path
        FileManager.default.createFile(atPath: errPath, contents: nil)
        let err = FileHandle(forWritingAtPath: errPath)!
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? out.fileHandleForWriting.close()
        var line: [UInt8] = []
        while !line.contains(UInt8(ascii: "\n")) {
            guard let chunk = try out.fileHandleForReading.read(upToCount: 1), !chunk.isEmpty else { break }
            line += chunk
        }
        try out.fileHandleForReading.close()
        let deadline = Date().addingTimeInterval(60)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        try? err.close()
        return Ended(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                     stderr: (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? "", firstLine: String(decoding: line, as: UTF8.self))
    }

    @Test(.enabled(if: available), arguments: [["replay"], ["replay", "--format", "html"], ["replay", "--quiet"]])
    func replayStopsQuietlyWhenThePipeCloses(_ flags: [String]) throws {
        let folder = try RegionCheckProcess.folder(with: [:])
        defer { try? FileManager.default.removeItem(at: folder) }
        let trace = Self.bigTrace(steps: flags.contains("--quiet") ? 2 : 4000)
        let path = folder.appendingPathComponent("big.json").path
        try trace.write(to: path)
        let ended = try Self.runClosingAfterOneLine(flags + [path], in: folder)
        #expect(!ended.firstLine.isEmpty)
        if flags.contains("--quiet") {
            // Everything fits in the pipe before it closes: the ordinary exit, as `cat small | head` has.
            #expect(ended.status == 0 && !ended.signalled, "\(ended.status) \(ended.stderr)")
        } else {
            #expect(!ended.signalled, "ended by a signal")
            #expect(ended.status == 141, "status \(ended.status), stderr \(ended.stderr)")
            #expect(ended.stderr.isEmpty, "quiet: \(ended.stderr)")
        }
    }
}
