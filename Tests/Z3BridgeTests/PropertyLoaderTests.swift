import Foundation
import Testing
@testable import Z3Bridge

@Suite struct PropertyLoaderTests {
    let checker: Z3PropertyChecker

    init() throws { checker = try Z3PropertyChecker() }

    /// Loads a one-file directory and returns the error it raised (nil if it loaded).
    func loadError(_ name: String, _ text: String) throws -> Z3Error? {
        let directory = try temporaryDirectory([name: text])
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            _ = try Z3PropertyLoader.load(directory: directory, checker: checker)
            return nil
        } catch {
            return error.relativeToDirectory(directory)
        }
    }

    let header = "; id: bad\n; kind: state\n; witness: i = {i}\n"

    @Test func theBuiltInDirectoryHoldsTheFourSpecProperties() throws {
        let properties = try Z3PropertyLoader.loadAll(checker: checker)
        #expect(properties.map(\.id) == ["hole-completeness", "no-leak", "no-overlap", "split-partition"])
        #expect(properties.map(\.kind) == [.transition, .state, .state, .transition])
        #expect(properties.allSatisfy { $0.title != nil })
    }

    @Test func aSyntaxErrorNamesTheFileLineAndColumn() throws {
        let error = try loadError("bad.smt2", header + "(declare-const i Int)\n\n(assert (< i 0) (> i 0))\n")
        guard case let .parse(file, line, column, message) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(file == "bad.smt2")
        #expect(line == 6)
        #expect(column == 17)
        #expect(message.contains("')' expected"))
    }

    @Test func anUnknownSymbolIsReportedWhereItIsUsed() throws {
        let error = try loadError("bad.smt2", header + "(declare-const i Int)\n(assert (< i regions_count))\n")
        #expect(error == .parse(file: "bad.smt2", line: 5, column: 14, message: "unknown constant regions_count"))
    }

    @Test func aStatePropertyCannotUseTransitionNames() throws {
        let error = try loadError("bad.smt2", header + "(declare-const i Int)\n(assert (< i (before_base 0)))\n")
        guard case let .parse(_, line, _, message) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(line == 5)
        #expect(message.contains("before_base"))
    }

    @Test func aWitnessTermThatDoesNotParseIsReportedOnTheWitnessLine() throws {
        let error = try loadError("bad.smt2", "; id: bad\n; kind: state\n; witness: i = {i}, j = {(base jj):hex}\n(declare-const i Int)\n(assert (< i 0))\n")
        guard case let .parse(file, line, column, message) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(file == "bad.smt2" && line == 3)
        // Column of "jj" in "; witness: i = {i}, j = {(base jj):hex}".
        #expect(column == 32)
        #expect(message.contains("unknown constant jj"))
    }

    @Test func aBadWitnessFormatIsReported() throws {
        let error = try loadError("bad.smt2", "; id: bad\n; kind: state\n; witness: i = {i:octal}\n(declare-const i Int)\n(assert (< i 0))\n")
        guard case let .parse(_, line, column, message) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(line == 3 && column == 19)
        #expect(message.contains("unknown format 'octal'"))
    }

    @Test func malformedHeadersAreRejected() throws {
        let body = "(declare-const i Int)\n(assert (< i 0))\n"
        #expect(try loadError("bad.smt2", "; kind: state\n; witness: x\n" + body)
            == .header(file: "bad.smt2", line: 1, message: "missing header field '; id: ...'"))
        #expect(try loadError("bad.smt2", "; id: other\n; kind: state\n; witness: x\n" + body)
            == .header(file: "bad.smt2", line: 1, message: "id 'other' does not match the file name 'bad.smt2'"))
        #expect(try loadError("bad.smt2", "; id: bad\n; kind: invariant\n; witness: x\n" + body)
            == .header(file: "bad.smt2", line: 2, message: "kind 'invariant' is not 'state' or 'transition'"))
        #expect(try loadError("bad.smt2", "; id: bad\n; kind: state\n" + body)
            == .header(file: "bad.smt2", line: 1, message: "missing header field '; witness: ...'"))
        #expect(try loadError("bad.smt2", "; id: bad\n; kind: state\n; kind: state\n; witness: x\n" + body)
            == .header(file: "bad.smt2", line: 3, message: "duplicate field 'kind'"))
        #expect(try loadError("bad.smt2", "; id: bad\n; kind: state\n; witness: x {\n" + body)
            == .parse(file: "bad.smt2", line: 3, column: 14, message: "unterminated placeholder"))
    }

    @Test func aFileThatAssertsNothingIsRejected() throws {
        let error = try loadError("bad.smt2", header + "(declare-const i Int)\n")
        guard case let .header(_, _, message) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(message.contains("asserts nothing"))
    }

    @Test func userDirectoriesAddPropertiesAndIgnoreOtherFiles() throws {
        let extra = try temporaryDirectory([
            "max-regions.smt2": """
                ; id: max-regions
                ; kind: state
                ; title: at most two regions
                ; witness: {region_count} regions
                (assert (> region_count 2))
                """,
            "notes.txt": "not a property",
        ])
        defer { try? FileManager.default.removeItem(atPath: extra) }
        let properties = try Z3PropertyLoader.loadAll(extraDirectories: [extra], checker: checker)
        #expect(properties.count == 5)
        let custom = try #require(properties.first { $0.id == "max-regions" })
        let three = Z3Facts.state(universe: small, regions: [region(0, 1), region(1, 1), region(2, 1)], leaks: .init())
        #expect(witness(try checker.check(custom, facts: three)) == "3 regions")
        let two = Z3Facts.state(universe: small, regions: [region(0, 1), region(1, 1)], leaks: .init())
        #expect(try checker.check(custom, facts: two) == .holds)
    }

    @Test func anIdMayBeDeclaredOnlyOnce() throws {
        let builtIn = try #require(Z3PropertyLoader.builtInDirectory())
        let source = try String(contentsOfFile: builtIn + "/no-overlap.smt2", encoding: .utf8)
        let extra = try temporaryDirectory(["no-overlap.smt2": source])
        defer { try? FileManager.default.removeItem(atPath: extra) }
        #expect(throws: Z3Error.duplicateProperty(id: "no-overlap", files: [builtIn + "/no-overlap.smt2", extra + "/no-overlap.smt2"])) {
            try Z3PropertyLoader.loadAll(extraDirectories: [extra], checker: checker)
        }
    }

    @Test func aMissingDirectoryIsAnIOError() throws {
        let error = #expect(throws: Z3Error.self) {
            try Z3PropertyLoader.load(directory: "/nonexistent/properties", checker: checker)
        }
        guard case let .io(path, _) = error else { Issue.record("got \(String(describing: error))"); return }
        #expect(path == "/nonexistent/properties")
    }

    @Test func factsOfTheWrongKindAreRefused() throws {
        let noOverlap = try builtIn("no-overlap", checker)
        let step = Z3Facts.transition(universe: small, before: [], operation: .init(kind: .teardown, align: P),
                                      result: .success(), after: [])
        #expect(throws: Z3Error.kindMismatch(property: "no-overlap", expected: .state, got: .transition)) {
            try checker.check(noOverlap, facts: step)
        }
    }

    @Test func searchPathsPutTheEnvironmentFirstAndEndWithThePackage() throws {
        let paths = Z3PropertyLoader.searchPaths(environment: ["REGIONCHECK_PROPERTIES": "/opt/p"],
                                                 executable: "/x/.build/debug/regioncheck",
                                                 currentDirectory: "/cwd", sourceFile: "/pkg/Sources/Z3Bridge/F.swift")
        #expect(paths.first == "/opt/p")
        #expect(paths.contains("/x/.build/debug/Properties") && paths.contains("/x/Properties"))
        #expect(paths.contains("/x/.build/share/regioncheck/Properties"))
        #expect(paths.contains("/cwd/Properties"))
        #expect(paths.last == "/pkg/Properties")
    }
}

extension Z3Error {
    /// Paths in errors made relative to `directory`, so expectations do not depend on it.
    func relativeToDirectory(_ directory: String) -> Z3Error {
        let strip = { (path: String) in path.hasPrefix(directory + "/") ? String(path.dropFirst(directory.count + 1)) : path }
        switch self {
        case let .parse(file, line, column, message): return .parse(file: strip(file), line: line, column: column, message: message)
        case let .header(file, line, message): return .header(file: strip(file), line: line, message: message)
        default: return self
        }
    }
}
