import ArgumentParser
import Foundation

/// The `regioncheck` command: parses arguments and hands the work to the Checker.
@main
struct RegionCheck: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "regioncheck",
        abstract: "Model checker for kernel virtual-memory allocators (SerenityOS-style region trees).",
        discussion: """
            Exit codes: 0 every property holds, 1 a violation (or a replay mismatch) was found, \
            2 bad input or usage, 3 inconclusive (a limit stopped the check before its bound), \
            141 stdout's reader went away (a pipe closed early, as by `| head`).
            """,
        version: RegionCheck.version,
        subcommands: [
            ExploreCommand.self, RandomCommand.self, ReplayCommand.self, MutantsCommand.self, PropertiesCommand.self,
            BenchCommand.self, BenchRandomCommand.self, ProveCommand.self, BenchProveCommand.self,
            MergeCommand.self, AdapterWorkerCommand.self,
        ],
        defaultSubcommand: ExploreCommand.self
    )

    /// Printed by `regioncheck --version`.
    static let version = "0.24.0"

    /// Usage errors exit with 2 (SPEC §5), not ArgumentParser's 64.
    static func main() {
        // A closed pipe is a write error the report sink reports, not a silent death by SIGPIPE.
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            let code = exitCode(for: error)
            if code == .success {
                exit(withError: error)
            }
            if error is ExitCode {
                Foundation.exit(code.rawValue)
            }
            FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
            Foundation.exit(code == .validationFailure ? Exit.badInput : code.rawValue)
        }
    }
}

/// The exit statuses of SPEC §5.
enum Exit {
    static let pass: Int32 = 0
    static let violation: Int32 = 1
    static let badInput: Int32 = 2
    static let inconclusive: Int32 = 3
    /// stdout's reader went away (a pipe closed by `head`): 128 + SIGPIPE, printing nothing.
    static let brokenPipe: Int32 = 141
}

/// Prints an input error the way every verb does, and exits with status 2.
func failOnBadInput(_ message: String) -> Never {
    FileHandle.standardError.write(Data(("error: " + message + "\n").utf8))
    Foundation.exit(Exit.badInput)
}
