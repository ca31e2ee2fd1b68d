import Foundation

/// Writes to stdout that stop the run at once when its reader has gone (`regioncheck replay BIG |
/// head`): SIGPIPE is ignored (a dead adapter worker must not kill the checker, and a closed or
/// full stdout must be reported), so a broken pipe arrives as EPIPE, and the process then exits
/// quietly with `Exit.brokenPipe`, the status a shell shows for a tool SIGPIPE ended.
enum StandardOutput {
    /// Writes `text` to stdout; nil, or the errno that stopped it (never EPIPE: that exits).
    @discardableResult
    static func write(_ text: String) -> Int32? {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { Foundation.write(STDOUT_FILENO, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EPIPE { Foundation.exit(Exit.brokenPipe) }
                return errno
            }
            bytes = bytes.dropFirst(written)
        }
        return nil
    }

    /// `print` for the verbs' own lines: the same stop on a broken pipe.
    static func print(_ text: String = "") {
        write(text + "\n")
    }
}
