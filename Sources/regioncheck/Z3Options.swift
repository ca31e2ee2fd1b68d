import ArgumentParser
import Checker

/// `--z3`, `--z3-timeout`, `--properties-dir`: Z3 as a second opinion in explore and random.
struct Z3Options: ParsableArguments {
    @Option(name: .customLong("z3"), help: ArgumentHelp("Also check the SMT-LIB2 property files with Z3 on every step (all), on a deterministic sample of about one step in 16 chosen by hashing the state (sampled), or never (off). A disagreement is a violation with Z3's witness; Z3 undecided is inconclusive (exit 3)."))
    var mode: Z3CheckMode = .off

    @Option(name: .customLong("z3-timeout"), help: ArgumentHelp("Z3's time limit per query, in seconds.", valueName: "SECONDS"))
    var timeout = 10.0

    @Option(name: .customLong("properties-dir"), help: ArgumentHelp("A folder of your own .smt2 property files, checked with the built-in ones (repeatable; see Properties/README.md).", valueName: "DIR"))
    var directories: [String] = []

    func validate() throws {
        guard timeout > 0 && timeout <= 3600 else { throw ValidationError("--z3-timeout must be in (0, 3600] seconds, got \(timeout)") }
        // Validated and then ignored, a property folder made a run say PASS without checking it.
        if mode == .off && !directories.isEmpty {
            throw ValidationError("--properties-dir needs --z3 all or --z3 sampled (Z3 is off, so the files would not be checked)")
        }
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
        if mode == .off && directories.isEmpty { return nil }
        return try Z3Settings(mode: mode, extraDirectories: directories, timeout: timeout)
    }
}
