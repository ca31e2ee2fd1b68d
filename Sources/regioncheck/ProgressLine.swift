import Foundation

/// A status line on stderr, rewritten in place, only when stderr is a terminal (a log or a CI
/// runner gets none).
enum ProgressLine {
    static var enabled: Bool { isatty(STDERR_FILENO) != 0 }

    /// Replaces the line with `text`.
    static func show(_ text: String) { FileHandle.standardError.write(Data(("\r\u{1B}[K" + text).utf8)) }

    /// Erases it, before the report.
    static func clear() { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
}
