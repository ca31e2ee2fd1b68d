import Checker
import Foundation
import Model

/// Where the build put regioncheck (the worker host) and the example libraries: beside the
/// test bundle, whatever the build path.
enum ExternalFixture {
    static let productsDirectory: String = {
        let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
        var url = URL(fileURLWithPath: executable).deletingLastPathComponent()
        // On Linux the bundle is a plain executable; elsewhere it may sit inside a .xctest folder.
        while !FileManager.default.fileExists(atPath: url.appendingPathComponent("regioncheck").path), url.path != "/" {
            url = url.deletingLastPathComponent()
        }
        return url.path
    }()

    static var worker: String { productsDirectory + "/regioncheck" }

    static func library(_ name: String) -> String { productsDirectory + "/lib\(name).so" }

    static func spec(_ name: String, stepTimeout: Double = 5) throws -> ImplementationSpec {
        try ImplementationSpec(path: library(name), workerExecutable: worker, stepTimeout: stepTimeout)
    }
}
