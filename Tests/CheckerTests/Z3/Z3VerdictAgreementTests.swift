@testable import Checker
import Model
import Testing

/// The Swift properties and the SMT-LIB2 property files judge the same steps the same way.
///
/// Compared, per step (thousands of steps in all, over `tiny` and `small`, the reference and
/// every mutant of SPEC §4):
/// - `no-overlap`, `hole-completeness`, `split-partition`: the catalogue property and the file
///   must give the same verdict (violated or not).
/// - `no-leak`: the file states the resource accounting (frames, VMObjects, reference counts,
///   page tables; after teardown that means "nothing remains"). The Swift property also checks
///   that every hole of the tree can be mapped again (it runs the model: not a fact of one
///   state) and that no frame backs two VMObject pages (the vocabulary has no owner count). So
///   the file's verdict must equal the Swift accounting (`leakedResource()`), and whenever the
///   whole Swift property holds the file must hold too.
@Suite struct Z3VerdictAgreementTests {
    static let compared = ["no-overlap", "hole-completeness", "split-partition", "no-leak"]

    struct Configuration: CustomTestStringConvertible, Sendable {
        let universe: Universe
        let mutant: String?
        var testDescription: String { "\(universe.name) \(mutant ?? "reference")" }
    }

    static let configurations: [Configuration] = [Universe.tiny, .small].flatMap { u in
        [Configuration(universe: u, mutant: nil)] + Mutations.catalogue.map { Configuration(universe: u, mutant: $0.name) }
    }

    /// Violations found by each side, summed over all configurations (to show the comparison
    /// was not vacuous).
    @Test(arguments: configurations)
    func swiftAndZ3Agree(_ configuration: Configuration) throws {
        let mutations = configuration.mutant.flatMap(Mutations.named) ?? []
        let check = try Z3PropertyCheck(mode: .all)
        let swift = Self.compared.map { PropertyCatalogue.property(id: $0)! }
        let steps = RandomWalk.transitions(universe: configuration.universe, mutations: mutations,
                                           seed: 0x5eed ^ UInt64(configuration.testDescription.hashValueStable), count: 160)
        var violations: [String: Int] = [:]
        for (index, t) in steps.enumerated() {
            for property in swift {
                let swiftSays = property.check(t)
                let z3Says = check.check(t, only: [property.id])
                guard case .holds = z3Says else {
                    if case let .inconclusive(p, reason) = z3Says { Issue.record("step \(index): \(p) inconclusive: \(reason)") }
                    if case let .violated(v) = z3Says {
                        violations["z3 " + v.property, default: 0] += 1
                        let expected = property.id == "no-leak" ? Self.accountingProblem(t) : swiftSays?.explanation
                        #expect(expected != nil, "step \(index) \(t.operation): Z3 says \(v) but Swift holds")
                    }
                    continue
                }
                if let swiftSays { violations["swift " + property.id, default: 0] += 1 }
                if property.id == "no-leak" {
                    #expect(Self.accountingProblem(t) == nil, "step \(index) \(t.operation): Swift accounting says \(Self.accountingProblem(t)!) but Z3 holds")
                } else {
                    #expect(swiftSays == nil, "step \(index) \(t.operation): Swift says \(swiftSays!) but Z3 holds")
                }
            }
        }
        print("\(configuration.testDescription): \(steps.count) steps, violations \(violations.sorted { $0.key < $1.key })")
        // Not vacuous: these mutants break one of the compared properties within the walks.
        let breaking = ["specific-check-keyed-on-base", "window-needs-size-plus-alignment", "dangling-region-on-map-failure"]
        if let mutant = configuration.mutant, breaking.contains(mutant) {
            #expect(violations.keys.contains { $0.hasPrefix("z3 ") }, "no step of \(mutant) violated a compared property")
        }
    }

    /// The part of Swift's no-leak that the file states too.
    static func accountingProblem(_ t: Transition) -> String? {
        ResourceOracle.firstLeak(in: t.after.observation, universe: t.after.universe)
    }
}

extension String {
    /// A hash that does not change between runs (Swift's `hashValue` is seeded per process).
    var hashValueStable: UInt64 {
        utf8.reduce(0xcbf2_9ce4_8422_2325) { ($0 ^ UInt64($1)) &* 0x100_0000_01b3 }
    }
}
