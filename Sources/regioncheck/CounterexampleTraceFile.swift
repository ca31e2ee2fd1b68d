import Checker
import Foundation

/// Writes a counterexample's trace to `path` and returns the path, or warns and returns nil: a
/// trace that cannot be written must not lose the violation, which the report still shows.
func writeCounterexampleTrace(_ trace: Trace, to path: String) -> String? {
    do throws(InputError) {
        try trace.write(to: path)
        return path
    } catch {
        FileHandle.standardError.write(Data("warning: \(error.description)\n".utf8))
        return nil
    }
}
