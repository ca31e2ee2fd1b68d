import Foundation

extension Z3PropertyLoader {
    /// The environment variable that names the built-in property directory explicitly.
    public static let environmentVariable = "REGIONCHECK_PROPERTIES"

    /// The first directory holding `*.smt2` files among `searchPaths()`, or nil.
    public static func builtInDirectory() -> String? {
        searchPaths().first { directory in
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
            return names.contains { $0.hasSuffix(".smt2") }
        }
    }

    /// Where the built-in `Properties/` directory may be, most specific first: the
    /// environment variable; beside the executable or in any directory above it (a `.build`
    /// tree sits inside the package); `share/regioncheck/Properties` next to an installed
    /// `bin/`; the current directory; the package this file was compiled from.
    public static func searchPaths(
        environment: [String: String] = ProcessInfo.processInfo.environment,
        executable: String? = executablePath(),
        currentDirectory: String = FileManager.default.currentDirectoryPath,
        sourceFile: String = #filePath
    ) -> [String] {
        var paths: [String] = []
        if let explicit = environment[environmentVariable], !explicit.isEmpty { paths.append(explicit) }
        if let executable {
            var directory = URL(fileURLWithPath: executable).resolvingSymlinksInPath().deletingLastPathComponent()
            paths.append(directory.appendingPathComponent("../share/regioncheck/Properties").standardized.path)
            while directory.path != "/" {
                paths.append(directory.appendingPathComponent("Properties").path)
                directory = directory.deletingLastPathComponent()
            }
        }
        paths.append((currentDirectory as NSString).appendingPathComponent("Properties"))
        // Sources/Z3Bridge/<file> → the package root.
        let package = URL(fileURLWithPath: sourceFile).deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        paths.append(package.appendingPathComponent("Properties").path)
        return paths
    }

    /// This process's executable, symlinks resolved where the platform allows.
    public static func executablePath() -> String? {
        #if os(Linux)
        if let path = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return path }
        #endif
        return Bundle.main.executablePath ?? CommandLine.arguments.first
    }
}
