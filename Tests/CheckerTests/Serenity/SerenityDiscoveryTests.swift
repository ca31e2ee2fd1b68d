import Checker
import Foundation
import Model
import Testing

/// Opt-in (REGIONCHECK_SERENITY_DISCOVERY=1): prints the shortest violation for the fix sets given
/// in REGIONCHECK_SERENITY_FIXES (comma-separated names; "all" for every fix).
@Test(.enabled(if: ProcessInfo.processInfo.environment["REGIONCHECK_SERENITY_DISCOVERY"] != nil))
func serenityDiscovery() {
    let env = ProcessInfo.processInfo.environment
    var fixes: SerenityFixes = []
    for name in (env["REGIONCHECK_SERENITY_FIXES"] ?? "").split(separator: ",") {
        if name == "all" { fixes = .all } else if name.hasPrefix("-") { fixes.remove(SerenityFixes.named(String(name.dropFirst()))!) } else { fixes.insert(SerenityFixes.named(String(name))!) }
    }
    let depth = Int(env["REGIONCHECK_SERENITY_DEPTH"] ?? "3")!
    for universe in [Universe.tiny, .small] {
        var search = SerenitySearch(universe: universe, fixes: fixes, depth: depth)
        if env["REGIONCHECK_SERENITY_ALPHABET"] == "wide" { search.alphabet = SerenitySearch.wideAlphabet(universe) }
        var statistics = SerenitySearch.Statistics()
        let clock = ContinuousClock()
        var found: SerenitySearch.Finding?
        let elapsed = clock.measure { found = search.shortestViolation(statistics: &statistics) }
        print("[\(universe.name) \(search.alphabet.count) ops, fixes \(fixes) depth \(depth)] \(statistics.transitions) transitions, \(statistics.statesExpanded) states, \(elapsed)")
        print("  " + (found.map(\.description) ?? "clean"))
    }
}
