@testable import Checker
import Model
import Testing

/// Universe JSON is parsed on the checker's side (the model reads no files).
@Suite struct UniverseJSONTests {
    @Test func jsonErrorsNameTheField() {
        func error(_ object: [String: Any]) -> String? {
            do throws(UniverseError) { _ = try Universe(jsonObject: object); return nil } catch { return error.field }
        }
        #expect(error(["base": 0x10001, "pages": 8, "pagesPerTable": 2, "frames": 1, "pageTables": 1]) == "base")
        #expect(error(["base": 0x10000, "pages": 0, "pagesPerTable": 2, "frames": 1, "pageTables": 1]) == "pages")
        #expect(error(["base": 0x10000, "pages": 8, "pagesPerTable": 2, "frames": 1]) == "pageTables")
        #expect(error(["base": "0xzz", "pages": 8, "pagesPerTable": 2, "frames": 1, "pageTables": 1]) == "base")
        #expect(error(["preset": "huge"]) == "preset")
        #expect(error(["preset": "tiny", "pageSize": 3000]) == "pageSize")
        #expect(error(["base": "0xfffffffffffff000", "pages": 8, "pagesPerTable": 2, "frames": 1, "pageTables": 1]) == "pages")
        #expect(error(["preset": "small", "frames": 2]) == nil)
    }
}
