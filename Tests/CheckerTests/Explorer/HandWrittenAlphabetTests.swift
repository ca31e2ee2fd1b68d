import Foundation
import Testing

/// Shape flags without `--alphabet` describe the alphabet by hand and start from classic (so an
/// equivalent model elsewhere, written letter for letter, reaches the same states); `--alphabet
/// standard` with the same flags keeps the standard's extra letters.
@Suite struct HandWrittenAlphabetTests {
    func distinctStates(_ arguments: [String]) throws -> Int? {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("regioncheck-alphabet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let result = try RegionCheckProcess.run(["explore", "--universe", "tiny", "--depth", "2", "--workers", "1", "--format", "json"] + arguments,
                                                in: directory)
        #expect(result.status == 0, "\(result.stderr)")
        let json = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
        return json?["totalDistinct"] as? Int
    }

    @Test func shapeFlagsAloneGiveTheClassicCounts() throws {
        let shape = ["--sizes", "1,2", "--alignments", "1", "--protections", "rw-,none", "--max-range", "2"]
        #expect(try distinctStates(shape) == 561)
        #expect(try distinctStates(shape + ["--alphabet", "classic"]) == 561)
        // The standard base adds unaligned ranges, top-down, hint and exec letters: more states.
        let standard = try #require(try distinctStates(shape + ["--alphabet", "standard"]))
        #expect(standard > 561)
    }
}
