import Foundation

/// The built `regioncheck` executable run as a subprocess, the way a user or CI runs it: found
/// next to the test bundle (`swift test` builds every product into the same folder) or in the
/// package's `.build/debug`.
struct RegionCheckProcess {
    struct Result {
        var status: Int32
        /// True when the process ended by a signal (a crash: SIGILL, SIGABRT, SIGSEGV …).
        var signalled: Bool
        var stdout: String
        var stderr: String
        var timedOut: Bool
    }

    static let executable: URL? = {
        var candidates: [URL] = []
        let runner = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        var folder = runner.deletingLastPathComponent()
        for _ in 0 ..< 4 {
            candidates.append(folder.appendingPathComponent("regioncheck"))
            folder = folder.deletingLastPathComponent()
        }
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        candidates.append(root.appendingPathComponent(".build/debug/regioncheck"))
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0.path) && !$0.hasDirectoryPath }
    }()

    /// Runs `arguments` in `directory`; stdout goes to `stdout` if given (a path such as /dev/full).
    static func run(_ arguments: [String], in directory: URL, environment: [String: String] = [:], stdout: String? = nil,
                    timeout: Double = 60, whileRunning: ((Process) -> Void)? = nil) throws -> Result {
        guard let executable else { throw CocoaError(.fileNoSuchFile) }
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        process.currentDirectoryURL = directory
        var env = ProcessInfo.processInfo.environment
        env["GITHUB_ACTIONS"] = nil
        for (k, v) in environment { env[k] = v }
        process.environment = env
        let id = UUID().uuidString
        let outPath = stdout ?? directory.appendingPathComponent("stdout-\(id)").path
        let errPath = directory.appendingPathComponent("stderr-\(id)").path
        FileManager.default.createFile(atPath: errPath, contents: nil)
        if stdout == nil { FileManager.default.createFile(atPath: outPath, contents: nil) }
        let outHandle = FileHandle(forWritingAtPath: outPath)!
        let errHandle = FileHandle(forWritingAtPath: errPath)!
        process.standardOutput = outHandle
        process.standardError = errHandle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        whileRunning?(process)
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        while process.isRunning {
            if Date() > deadline { process.terminate(); timedOut = true; break }
            usleep(10_000)
        }
        process.waitUntilExit()
        try? outHandle.close()
        try? errHandle.close()
        let out = stdout == nil ? (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "" : ""
        let err = (try? String(contentsOfFile: errPath, encoding: .utf8)) ?? ""
        return Result(status: process.terminationStatus, signalled: process.terminationReason == .uncaughtSignal,
                      stdout: out, stderr: err, timedOut: timedOut)
    }

    /// A fresh folder holding `files` (relative path → contents).
    static func folder(with files: [String: String]) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("regioncheck-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        for (name, text) in files {
            let url = folder.appendingPathComponent(name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try text.write(to: url, atomically: false, encoding: .utf8)
        }
        return folder
    }
}
