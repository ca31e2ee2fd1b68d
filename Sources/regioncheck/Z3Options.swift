import ArgumentParser
import Checker

/// `--z3`, `--z3-timeout`, `--properties-dir`: Z3 as a second opinion in explore and random.
struct Z3Options: ParsableArguments {
    @Option(name: .customLong("z3"), help: ArgumentHelp("Also check the SMT-LIB2 property files with Z3 on every step (all), on a deterministic sample of about one step in 16 chosen by hashing the state (sampled), or never (off). A disagreement is a violation with Z3's witness; Z3 undecided is inconclusive (exit 3).", valueName: "all|sampled|off"))
    var mode = "off"

    @Option(name: .customLong("z3-timeout"), help: ArgumentHelp("Z3's time limit per query, in seconds.", valueName: "SECONDS"))
    var timeout = 10.0

    @Option(name: .customLong("properties-dir"), help: ArgumentHelp("A folder of your own .smt2 property files, checked with the built-in ones (repeatable; see Properties/README.md).", valueName: "DIR"))
    var directories: [String] = []

    func validate() throws {
        guard Z3CheckMode(rawValue: mode) != nil else { throw ValidationError("--z3 must be all, sampled or off, got '\(mode)'") }
        guard timeout > 0 && timeout <= 3600 else { throw ValidationError("--z3-timeout must be in (0, 3600] seconds, got \(timeout)") }
    }

    /// The `--properties` selection, which may name the ids of user files, and the settings with
    /// only the selected files.
    func resolve(selection: String?) throws(InputError) -> (PropertySet, Z3Settings?) {
        let loaded = try settings()
        let set = try PropertySet(selection: selection, userIDs: loaded?.userIDs ?? [])
        return (set, loaded?.selecting(set))
    }

    /// The settings a run needs; nil when Z3 is off and no property folder was given. Loading
    /// validates every property file: a malformed one is an input error naming file, line and column.
    func settings() throws(InputError) -> Z3Settings? {
        let mode = Z3CheckMode(rawValue: mode)!
        if mode == .off && directories.isEmpty { return nil }
        return try Z3Settings(mode: mode, extraDirectories: directories, timeout: timeout)
    }
}
