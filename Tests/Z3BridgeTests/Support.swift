import Foundation
import Testing
@testable import Z3Bridge

/// The built-in property files, found the way the CLI finds them.
func builtInProperties(_ checker: Z3PropertyChecker) throws -> [String: Z3Property] {
    let directory = try #require(Z3PropertyLoader.builtInDirectory(), "Properties/ not found")
    let properties = try Z3PropertyLoader.load(directory: directory, checker: checker)
    return Dictionary(uniqueKeysWithValues: properties.map { ($0.id, $0) })
}

func builtIn(_ id: String, _ checker: Z3PropertyChecker) throws -> Z3Property {
    try #require(try builtInProperties(checker)[id], "no built-in property \(id)")
}

/// A fresh directory under the temporary directory, holding `files` (name → text).
func temporaryDirectory(_ files: [String: String]) throws -> String {
    let directory = FileManager.default.temporaryDirectory
        .appendingPathComponent("z3bridge-tests-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for (name, text) in files {
        try text.write(toFile: (directory as NSString).appendingPathComponent(name), atomically: true, encoding: .utf8)
    }
    return directory
}

let P = 4096
/// The `small` universe: 16 pages from 0x10000.
let small = Z3UniverseFact(pageSize: P, totalBase: 0x10000, totalEnd: 0x10000 + 16 * P)

/// A region of `pages` pages starting `page` pages into the total range.
func region(_ page: Int, _ pages: Int, prot: Int = 3, object: Int = 0, offset: Int = 0) -> Z3RegionFact {
    Z3RegionFact(base: small.totalBase + page * P, end: small.totalBase + (page + pages) * P,
                 prot: prot, object: object, offset: offset)
}

/// The witness text of a violation, or nil for any other verdict.
func witness(_ verdict: Z3Verdict) -> String? {
    if case let .violated(witness) = verdict { return witness.text }
    return nil
}
