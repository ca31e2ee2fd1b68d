import ArgumentParser
import Checker

/// `regioncheck properties`: the property ids with one-line explanations, then the SMT-LIB2
/// property files (the built-in ones and those of `--properties-dir`).
struct PropertiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "properties",
        abstract: "List the property ids (for --properties) with one-line explanations, and the Z3 property files."
    )

    @Option(name: .customLong("properties-dir"), help: ArgumentHelp("A folder of your own .smt2 property files to list too (repeatable).", valueName: "DIR"))
    var directories: [String] = []

    func run() {
        StandardOutput.print(PropertyCatalogue.listing)
        let files: [Z3PropertyFile]
        do throws(InputError) {
            files = try Z3PropertyFile.all(extraDirectories: directories)
        } catch {
            failOnBadInput(error.description)
        }
        guard !files.isEmpty else { return }
        StandardOutput.print("")
        StandardOutput.print("Z3 property files (checked with --z3; a user id is selectable with --properties and checked by replay --properties-dir):")
        let width = files.map(\.id.count).max() ?? 0
        for file in files {
            StandardOutput.print(file.id + String(repeating: " ", count: width - file.id.count) + "  " + file.kind.padding(toLength: 10, withPad: " ", startingAt: 0)
                + "  " + (file.user ? "user      " : "built-in  ") + (file.title ?? "") + "  (\(file.path))")
        }
    }
}
