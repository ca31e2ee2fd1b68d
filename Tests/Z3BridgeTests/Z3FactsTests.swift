import Foundation
import Testing
@testable import Z3Bridge

@Suite struct Z3FactsTests {
    @Test func factsBecomeSortedDefinitions() {
        var facts = Z3Facts()
        facts.integers["n"] = 2
        facts.integers["neg"] = -5
        facts.booleans["flag"] = true
        facts.integerArrays["base"] = [65536, 73728]
        facts.booleanArrays["used"] = [false, true]
        facts.integerArrays["empty"] = []
        #expect(facts.smtlib == """
            (define-fun |regioncheck.base| () (Array Int Int) (store (store ((as const (Array Int Int)) 0) 0 65536) 1 73728))
            (define-fun |base| ((i Int)) Int (select |regioncheck.base| i))
            (define-fun |regioncheck.empty| () (Array Int Int) ((as const (Array Int Int)) 0))
            (define-fun |empty| ((i Int)) Int (select |regioncheck.empty| i))
            (define-fun |flag| () Bool true)
            (define-fun |n| () Int 2)
            (define-fun |neg| () Int (- 5))
            (define-fun |regioncheck.used| () (Array Int Bool) (store (store ((as const (Array Int Bool)) false) 0 false) 1 true))
            (define-fun |used| ((i Int)) Bool (select |regioncheck.used| i))

            """)
    }

    /// The text rendering reproduces a check outside regioncheck: facts + property file give
    /// Z3 the same answer as the checker.
    @Test func theTextRenderingReproducesACheck() throws {
        let checker = try Z3PropertyChecker()
        let noOverlap = try builtIn("no-overlap", checker)
        let facts = Z3Facts.state(universe: small, regions: [region(0, 2), region(1, 2, object: 1)], leaks: .init())
        let solver = try Z3Solver(context: checker.context)
        try solver.assert(try checker.context.parse(facts.smtlib + noOverlap.source))
        guard case let .sat(model) = try solver.check() else { Issue.record("expected sat"); return }
        #expect(try model.value(of: "i") == .int(0))
        #expect(try model.value(of: "j") == .int(1))
        #expect(witness(try checker.check(noOverlap, facts: facts)) != nil)
    }

    @Test func extremeIntegersSurviveTheRoundTrip() throws {
        let context = Z3Context()
        let solver = try Z3Solver(context: context)
        var facts = Z3Facts()
        facts.integers["lo"] = Int.min
        facts.integers["hi"] = Int.max
        try solver.assert(try context.parse(facts.smtlib + "(declare-const x Int) (assert (= x (+ lo hi)))"))
        guard case let .sat(model) = try solver.check() else { Issue.record("expected sat"); return }
        #expect(try model.value(of: "x") == .int(-1))
    }

    /// The typed builders define exactly the documented vocabulary, no more, no less.
    @Test(arguments: Z3PropertyKind.allCases)
    func buildersDefineExactlyTheVocabulary(kind: Z3PropertyKind) {
        let facts: Z3Facts = switch kind {
        case .state: .state(universe: small, regions: [region(0, 1)], leaks: .init())
        case .transition: .transition(universe: small, before: [], operation: .init(kind: .touch, align: P),
                                      result: .success(), after: [])
        }
        #expect(facts.kind == kind)
        #expect(facts.names == Z3Vocabulary.symbols(for: kind).map(\.name).sorted())
        #expect(Z3Vocabulary.placeholderFacts(for: kind).names == facts.names)
    }

    /// Properties/README.md is the users' contract: every name must be documented there.
    @Test func theReadmeDocumentsEveryName() throws {
        let directory = try #require(Z3PropertyLoader.builtInDirectory())
        let readme = try String(contentsOfFile: directory + "/README.md", encoding: .utf8)
        for kind in Z3PropertyKind.allCases {
            for symbol in Z3Vocabulary.symbols(for: kind) {
                #expect(readme.contains("`\(symbol.name)`"), "README.md does not document \(symbol.name)")
            }
        }
        for code in Z3OperationCode.allCases {
            #expect(readme.contains("| \(code.rawValue) |"), "README.md does not document op_kind \(code.rawValue)")
        }
        for errno in [Z3Errno.enomem, Z3Errno.efault, Z3Errno.eexist, Z3Errno.einval] {
            #expect(readme.contains("| \(errno) |"), "README.md does not document errno \(errno)")
        }
    }
}

@Suite struct Z3WitnessTemplateTests {
    @Test func placeholdersAreFilledInTheirFormats() throws {
        let template = try Z3WitnessTemplate(parsing: "{{r}} {r} at {b:hex} is {p:prot} and {w:enum(lost|kept)}, {(+ b 1):dec} {flag}")
        #expect(template.terms == ["r", "b", "p", "w", "(+ b 1)", "flag"])
        let text = template.render(["r": .int(2), "b": .int(0x1f000), "p": .int(5), "w": .int(1),
                                    "(+ b 1)": .int(0x1f001), "flag": .bool(true)])
        #expect(text == "{r} 2 at 0x1f000 is r-x and kept, 126977 true")
    }

    @Test func outOfRangeValuesStayVisible() throws {
        let template = try Z3WitnessTemplate(parsing: "{w:enum(a|b)} {p:prot} {n:hex}")
        #expect(template.render(["w": .int(7), "p": .int(9), "n": .int(-16)]) == "?7 prot(9) -0x10")
    }

    @Test func malformedTemplatesSayWhere() {
        #expect(throws: Z3WitnessTemplate.SyntaxError(column: 3, message: "unterminated placeholder")) {
            try Z3WitnessTemplate(parsing: "a {b")
        }
        #expect(throws: Z3WitnessTemplate.SyntaxError(column: 2, message: "unmatched '}' (write '}}' for a literal brace)")) {
            try Z3WitnessTemplate(parsing: "a}")
        }
        #expect(throws: Z3WitnessTemplate.SyntaxError(column: 2, message: "empty placeholder")) {
            try Z3WitnessTemplate(parsing: "{ }")
        }
    }
}

@Suite struct ReadmeExampleTests {
    /// The README's "Writing a new property" example is a working property.
    @Test func theReadmeExampleWorks() throws {
        let directory = try #require(Z3PropertyLoader.builtInDirectory())
        let readme = try String(contentsOfFile: directory + "/README.md", encoding: .utf8)
        let example = try #require(readme.components(separatedBy: "```smt2\n").last?.components(separatedBy: "```").first)
        let checker = try Z3PropertyChecker()
        let property = try Z3Property(path: "no-wx.smt2", source: example)
        try checker.validate(property)
        let wx = Z3Facts.state(universe: small, regions: [region(0, 1, prot: 5), region(2, 1, prot: 6)], leaks: .init())
        #expect(witness(try checker.check(property, facts: wx)) == "region 1 [0x12000, 0x13000) is -wx")
        let clean = Z3Facts.state(universe: small, regions: [region(0, 1, prot: 5), region(2, 1, prot: 3)], leaks: .init())
        #expect(try checker.check(property, facts: clean) == .holds)
    }
}
