import Foundation

/// Files shipped in the repository (example traces), found from the working directory or, for
/// `swift run` from elsewhere, relative to this source file's package.
enum BundledFiles {
    static func packageRoot() -> URL? {
        let candidates = [
            URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
            URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent(),
        ]
        return candidates.first { FileManager.default.fileExists(atPath: $0.appendingPathComponent("Examples/traces").path) }
    }

    static func exampleTraces() -> [String] {
        guard let root = packageRoot() else { return [] }
        let folder = root.appendingPathComponent("Examples/traces")
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".json") }.sorted().map { folder.appendingPathComponent($0).path }
    }
}
