import ArgumentParser
import Checker
import Foundation

/// Where a verb's report goes: stdout, or the `--output` file. Every write is checked — a full
/// disk or a closed stdout ends the run non-zero with a message instead of a silent exit 0 —
/// and no line of it can be read as a GitHub workflow command (annotations go to stderr).
final class ReportSink {
    static let help = ArgumentHelpText.output

    let path: String?
    private var handle: FileHandle?
    private(set) var failure: String?

    /// Checks `--output` before the run (a regular file or a new one) so nothing is lost at the end.
    init(path: String?) {
        self.path = path
        guard let path else { return }
        do throws(InputError) {
            try OutputPath.checkFile(path, flag: "--output")
        } catch {
            failOnBadInput(error.description)
        }
    }

    var destination: String { path ?? "stdout" }

    func write(_ text: String) {
        guard failure == nil else { return }
        let text = WorkflowCommandText.neutralised(text)
        guard let path else {
            // A broken pipe stops the run at once there (`StandardOutput`); other errors are kept.
            if let code = StandardOutput.write(text) { failure = "errno \(code): \(String(cString: strerror(code)))" }
            return
        }
        do {
            if handle == nil {
                guard FileManager.default.createFile(atPath: path, contents: nil), let file = FileHandle(forWritingAtPath: path) else {
                    failure = "cannot create \(path)"
                    return
                }
                handle = file
            }
            try handle!.write(contentsOf: Data(text.utf8))
        } catch {
            failure = "\(error.localizedDescription) (errno \(errno): \(String(cString: strerror(errno))))"
        }
    }

    func line(_ text: String) { write(text + "\n") }

    /// GitHub annotations, on stderr so that a JSON, JUnit or SARIF report on stdout still parses.
    static func annotate(_ lines: [String]) {
        for line in lines { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }

    /// The run's exit status, made non-zero (2) if the report could not be written.
    func finish(_ code: Int32) -> Int32 {
        if let handle { try? handle.close() }
        guard let failure else { return code }
        FileHandle.standardError.write(Data("error: the report could not be written to \(destination): \(failure)\n".utf8))
        return code == Exit.pass ? Exit.badInput : code
    }

    /// Exits with `finish(code)` unless that is 0.
    func exit(_ code: Int32) throws {
        let status = finish(code)
        if status != Exit.pass { throw ExitCode(status) }
    }
}

enum ArgumentHelpText {
    static let output = "Write the report to FILE instead of stdout (a regular file is replaced, a new one created)."
}
