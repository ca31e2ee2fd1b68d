import Checker
import Foundation
import Model
import Testing

/// The HTML page in a real browser: headless Chromium (Debian's `chromium` package) loads the
/// page, and its DOM after loading has one SVG map per step; a screenshot is a real PNG.
/// Runs only where Chromium is installed (`apt-get install -y chromium`, or set
/// `REGIONCHECK_CHROMIUM` to a browser binary); set `REGIONCHECK_SCREENSHOT` to keep the picture.
@Suite struct HTMLRenderingTests {
    static let browser: String? = {
        let candidates = [ProcessInfo.processInfo.environment["REGIONCHECK_CHROMIUM"], "/usr/bin/chromium", "/usr/bin/chromium-browser"]
        return candidates.compactMap { $0 }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    static func chromium(_ arguments: [String]) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: browser!)
        process.arguments = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + NSTemporaryDirectory() + "regioncheck-chromium"] + arguments
        let output = Pipe()
        process.standardOutput = output
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return String(decoding: data, as: UTF8.self)
    }

    @Test(.enabled(if: browser != nil, "headless Chromium is not installed"))
    func chromiumRendersAMapPerStep() throws {
        let report = Explorer.run(try ExplorerFixture.request(mutations: .splitOffsetIgnoresSource, depth: 3))
        let counterexample = try #require(report.counterexample)
        let page = ExplorerFixture.temporaryPath("report.html")
        try report.html(tracePath: "ce.json").write(toFile: page, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: page) }

        let dom = try Self.chromium(["--dump-dom", "file://" + page])
        #expect(dom.components(separatedBy: "<svg").count - 1 == counterexample.trace.steps.count + 1, "a map per step and the depth chart")
        #expect(dom.contains("cx-step-\(counterexample.trace.steps.count)"))

        let shot = ProcessInfo.processInfo.environment["REGIONCHECK_SCREENSHOT"] ?? ExplorerFixture.temporaryPath("report.png")
        _ = try Self.chromium(["--window-size=1050,1500", "--screenshot=" + shot, "file://" + page])
        let png = try Data(contentsOf: URL(fileURLWithPath: shot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]), "a PNG")
        #expect(png.count > 20_000, "a page with pictures, not a blank one (\(png.count) bytes)")
        if ProcessInfo.processInfo.environment["REGIONCHECK_SCREENSHOT"] == nil { try? FileManager.default.removeItem(atPath: shot) }
    }
}
