import Checker
import Foundation
import Model
import Testing

@Suite struct AlphabetTests {
    @Test func lettersFollowTheSettings() throws {
        let settings = AlphabetSettings(sizes: [1, 2], alignments: [1], protections: [.readWrite], placements: [.anywhere, .fixed],
                                        maxRange: 2, touch: true, teardown: true, faults: false)
        let alphabet = try Alphabet(universe: .tiny, settings: settings)
        let P: UInt64 = 4096
        // 2 anywhere + 2 sizes x 8 fixed addresses + (8 + 7) munmap + 15 mprotect + 16 touches + teardown.
        #expect(alphabet.letters.count == 2 + 16 + 15 + 15 + 16 + 1)
        #expect(alphabet.letters.first == .mmap(P, .readWrite))
        #expect(alphabet.letters.contains(.munmap(address: 0x17000, size: P)))
        #expect(!alphabet.letters.contains(.munmap(address: 0x17000, size: 2 * P)), "ranges stay inside the universe")
        #expect(alphabet.letters.last == .teardown)
    }

    @Test func settingsOutsideTheUniverseNameTheirField() throws {
        var settings = AlphabetSettings.standard
        settings.sizes = [9]
        #expect(throws: InputError.self) { try Alphabet(universe: .tiny, settings: settings, source: "u.json") }
        do {
            _ = try Alphabet(universe: .tiny, settings: settings, source: "u.json")
        } catch {
            #expect(error.source == "u.json")
            #expect(error.location.contains("sizes"))
        }
        settings.sizes = [1]
        settings.alignments = [3]
        settings.origins["alignments"] = "--alignments"
        do {
            _ = try Alphabet(universe: .tiny, settings: settings, source: "tiny")
            Issue.record("alignment 3 accepted")
        } catch {
            #expect(error.source == "--alignments")
        }
    }

    @Test func theSerenityUniverseIsTooLargeToEnumerate() {
        #expect(throws: InputError.self) { try Alphabet(universe: .serenity) }
    }

    @Test func flagListsNameTheFlag() {
        do {
            _ = try AlphabetSettings.numberList("1,x,3", flag: "--sizes")
            Issue.record("accepted x")
        } catch {
            #expect(error.source == "--sizes")
            #expect(error.message.contains("\"x\""))
        }
        #expect((try? AlphabetSettings.numberList("1, 0x2 ,3", flag: "--sizes")) == [1, 2, 3])
        #expect(throws: InputError.self) { try AlphabetSettings.protections(["rw-", "q"], source: "--protections") }
        #expect(throws: InputError.self) { try AlphabetSettings.placements(["anywhere", "nowhere"], source: "--placements") }
    }
}

@Suite struct UniverseFileAlphabetTests {
    func write(_ text: String) -> String {
        let path = ExplorerFixture.temporaryPath("universe.json")
        _ = FileManager.default.createFile(atPath: path, contents: Data(text.utf8))
        return path
    }

    @Test func anAlphabetObjectOverridesTheDefaults() throws {
        let path = write("""
            {"preset": "tiny", "frames": 2,
             "alphabet": {"sizes": [1], "protections": ["r--"], "placements": ["anywhere"], "maxRange": 1,
                          "touch": false, "teardown": false, "faults": false, "addresses": ["0x10000"]}}
            """)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (universe, settings) = try UniverseFile.resolveWithAlphabet(path)
        #expect(universe.frames == 2)
        #expect(settings.sizes == [1])
        #expect(settings.protections == [.read])
        #expect(settings.placements == [.anywhere])
        #expect(settings.maxRange == 1)
        #expect(settings.addresses == [0x10000])
        #expect(!settings.touch && !settings.teardown && !settings.faults)
        let alphabet = try Alphabet(universe: universe, settings: settings, source: path)
        // From the standard base: 2 anywhere (alignments 1, 2); munmap and mprotect each of 8
        // one-page ranges and 2 × 7 unaligned ones; 2 exec set-ups.
        #expect(alphabet.letters.count == 2 + 2 * (8 + 14) + 2)
        let classic = try Alphabet(universe: universe, settings: try UniverseFile.resolveWithAlphabet(path, base: .classic).1, source: path)
        #expect(classic.letters.count == 1 + 8 + 8)
    }

    @Test func theClassicAlphabetKeepsItsCounts() throws {
        let report = Explorer.run(try ExplorerFixture.request(settings: .classic, depth: 2))
        #expect(report.totalDistinct == 561, "tiny, classic alphabet, depth 2 (README: 561, 7,325, 74,881, 625,959 at depths 2-5)")
    }

    @Test func theStandardAlphabetHasTheWiderLetters() throws {
        let letters = try Alphabet(universe: .tiny, settings: .standard).letters
        #expect(letters.contains(.mmap(3 * 4096, .read, at: .topDown, alignment: 2 * 4096)))
        #expect(letters.contains(.mmap(4096, .none, at: .hint(0x13000))))
        #expect(letters.contains(.munmap(address: 0x10000, size: 3 * 4096)))
        #expect(letters.contains(.mprotect(address: 0x10800, size: 4096, protection: .read)), "half a page in")
        #expect(letters.contains { if case .exec = $0 { true } else { false } })
    }

    @Test(arguments: [
        (#"{"preset": "tiny", "alphabet": {"sizes": "1"}}"#, "sizes"),
        (#"{"preset": "tiny", "alphabet": {"sizes": [1, -2]}}"#, "sizes"),
        (#"{"preset": "tiny", "alphabet": {"protections": ["rw-", "bad"]}}"#, "protections"),
        (#"{"preset": "tiny", "alphabet": {"placements": ["sideways"]}}"#, "placements"),
        (#"{"preset": "tiny", "alphabet": {"touch": "yes"}}"#, "touch"),
        (#"{"preset": "tiny", "alphabet": {"maxRnage": 2}}"#, "maxRnage"),
        (#"{"preset": "tiny", "alphabet": [1, 2]}"#, "alphabet"),
    ])
    func aBadAlphabetFieldIsNamed(text: String, field: String) throws {
        let path = write(text)
        defer { try? FileManager.default.removeItem(atPath: path) }
        do {
            _ = try UniverseFile.resolveWithAlphabet(path)
            Issue.record("accepted \(text)")
        } catch {
            #expect(error.source == path)
            #expect(error.location.contains(field), "\(error)")
        }
    }

    @Test func aValueTheUniverseRejectsNamesTheFileAndField() throws {
        let path = write(#"{"preset": "tiny", "alphabet": {"maxRange": 20}}"#)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let (universe, settings) = try UniverseFile.resolveWithAlphabet(path)
        do {
            _ = try Alphabet(universe: universe, settings: settings, source: path)
            Issue.record("maxRange 20 accepted for 8 pages")
        } catch {
            #expect(error.source == path)
            #expect(error.location.contains("maxRange"))
        }
    }
}
