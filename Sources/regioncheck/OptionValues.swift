import ArgumentParser
import Checker
import Model

// Typed option values: ArgumentParser lists the choices in --help, completes them in the shell,
// and names the valid ones when a value is wrong ("Please provide one of 'reference' and 'serenity'").

extension Design: ExpressibleByArgument {}
extension Z3CheckMode: ExpressibleByArgument {}

/// `--format` of explore and random.
enum CheckFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, junit, sarif, html
}

/// `--format` of merge (the formats of the shards' verbs, without html).
enum MergeFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, junit, sarif
}

/// `--format` of replay (one test case per trace file in the CI formats).
enum ReplayFormat: String, CaseIterable, ExpressibleByArgument {
    case text, junit, sarif, html
}

/// `--format` of prove.
enum ProveFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json
}

/// `--format` of mutants.
enum MutantsFormat: String, CaseIterable, ExpressibleByArgument {
    case text, json, junit, sarif, stryker, html
}

/// `--obligation` of prove: one obligation or all of them.
enum ObligationChoice: String, CaseIterable, ExpressibleByArgument {
    case anywhere
    case fixedNoReplace = "fixed-noreplace"
    case split
    case topDown = "top-down"
    case all

    var obligations: [ProveObligation] {
        self == .all ? ProveObligation.allCases : [ProveObligation(rawValue: rawValue)!]
    }
}
