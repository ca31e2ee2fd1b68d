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

/// Opt-in (REGIONCHECK_SERENITY_PER_FIX=1): for each fix, the shortest violation with every other
/// fix on, and where the same steps first violate a property at HEAD (no fixes).
@Test(.enabled(if: ProcessInfo.processInfo.environment["REGIONCHECK_SERENITY_PER_FIX"] != nil))
func serenityPerFixDiscovery() {
    let env = ProcessInfo.processInfo.environment
    let depth = Int(env["REGIONCHECK_SERENITY_DEPTH"] ?? "3")!
    let universes = env["REGIONCHECK_SERENITY_UNIVERSE"] == "small" ? [Universe.small] : [Universe.tiny]
    for universe in universes {
        for (name, fix) in SerenityFixes.catalogue {
            var search = SerenitySearch(universe: universe, fixes: SerenityFixes.all.subtracting(fix), depth: depth)
            if env["REGIONCHECK_SERENITY_ALPHABET"] == "wide" { search.alphabet = SerenitySearch.wideAlphabet(universe) }
            guard let found = search.shortestViolation() else {
                print("[\(universe.name)] without \(name): clean to depth \(depth)")
                continue
            }
            print("[\(universe.name)] without \(name): \(found)")
            var space = AddressSpace(universe: universe, design: .serenity)
            let properties = PropertySet()
            for (i, step) in found.steps.enumerated() {
                let t = Transition(applying: step.operation, to: space)
                if let v = properties.firstViolation(t) {
                    print("    at HEAD: step \(i + 1) of \(found.length) (\(t.result)) violates \(v)")
                    break
                }
                if i == found.length - 1 { print("    at HEAD: no violation") }
                space = t.after.model!
            }
        }
    }
}

/// Opt-in (REGIONCHECK_SERENITY_PAIRS=1): for each fix and each property, the shortest HEAD trace
/// whose first violation is that property and is removed by that fix.
@Test(.enabled(if: ProcessInfo.processInfo.environment["REGIONCHECK_SERENITY_PAIRS"] != nil))
func serenityPairDiscovery() {
    let env = ProcessInfo.processInfo.environment
    let depth = Int(env["REGIONCHECK_SERENITY_DEPTH"] ?? "3")!
    let universe = env["REGIONCHECK_SERENITY_UNIVERSE"] == "small" ? Universe.small : Universe.tiny
    var search = SerenitySearch(universe: universe, depth: depth)
    if env["REGIONCHECK_SERENITY_ALPHABET"] == "wide" { search.alphabet = SerenitySearch.wideAlphabet(universe) }
    for (name, fix) in SerenityFixes.catalogue {
        var statistics = SerenitySearch.Statistics()
        let clock = ContinuousClock()
        var traces: [SerenitySearch.Finding] = []
        let elapsed = clock.measure { traces = search.headTraces(for: fix, statistics: &statistics) }
        print("[fix] \(name): \(statistics.transitions) transitions, \(elapsed)")
        for trace in traces { print("[pair] \(name) \(trace.violation.property) \(trace.length): \(trace)") }
    }
}
