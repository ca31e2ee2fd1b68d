// swift-tools-version: 6.0
import PackageDescription

// The explorer's hot loop calls the model's generic tree code across modules; full cross-module
// optimisation lets release builds specialise it (measured: about a third faster).
let crossModule: [SwiftSetting] = [.unsafeFlags(["-cross-module-optimization"], .when(configuration: .release))]

// The example allocators are kept warning-free under these.
let exampleWarnings: [CSetting] = [.unsafeFlags(["-Wall", "-Wextra", "-Wpedantic"])]

let package = Package(
    name: "regioncheck",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "regioncheck", targets: ["regioncheck"]),
        .library(name: "Model", targets: ["Model"]),
        .library(name: "Checker", targets: ["Checker"]),
        // Example implementations for `--implementation` (README, "Checking your own allocator").
        .library(name: "ExampleAllocator", type: .dynamic, targets: ["ExampleAllocator"]),
        .library(name: "ExampleAllocatorBuggy", type: .dynamic, targets: ["ExampleAllocatorBuggy"]),
        // For tests only: crashes on a split, hangs on mprotect to PROT_NONE.
        .library(name: "ExampleAllocatorCrashing", type: .dynamic, targets: ["ExampleAllocatorCrashing"]),
        // For tests only: bad adapters (ABI version 99; the table exported under a misspelt name).
        .library(name: "AdapterWrongABI", type: .dynamic, targets: ["AdapterWrongABI"]),
        .library(name: "AdapterMissingSymbol", type: .dynamic, targets: ["AdapterMissingSymbol"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    ],
    targets: [
        // The Z3 C API, found through pkg-config; only Z3Bridge imports it.
        .systemLibrary(
            name: "CZ3",
            path: "Sources/CZ3",
            pkgConfig: "z3",
            providers: [.apt(["libz3-dev"])]
        ),
        // The reference implementation: no dependency beyond the standard library.
        .target(name: "Model", swiftSettings: crossModule),
        .target(name: "Z3Bridge", dependencies: ["CZ3"]),
        // The C contract an external implementation exports (Adapter/include/regioncheck_allocator.h).
        .target(name: "RegionCheckAdapter", path: "Adapter", publicHeadersPath: "include"),
        .target(name: "ExampleAllocator", path: "Examples/allocators/ExampleAllocator", publicHeadersPath: ".", cSettings: exampleWarnings),
        .target(name: "ExampleAllocatorBuggy", path: "Examples/allocators/ExampleAllocatorBuggy", publicHeadersPath: ".", cSettings: exampleWarnings),
        .target(name: "ExampleAllocatorCrashing", path: "Tests/Fixtures/ExampleAllocatorCrashing", publicHeadersPath: ".", cSettings: exampleWarnings),
        .target(name: "AdapterWrongABI", path: "Tests/Fixtures/AdapterWrongABI", publicHeadersPath: ".", cSettings: exampleWarnings),
        .target(name: "AdapterMissingSymbol", path: "Tests/Fixtures/AdapterMissingSymbol", publicHeadersPath: ".", cSettings: exampleWarnings),
        .target(name: "Checker", dependencies: ["Model", "Z3Bridge", "RegionCheckAdapter"], swiftSettings: crossModule),
        .executableTarget(
            name: "regioncheck",
            dependencies: [
                "Checker", "Model",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "ModelTests", dependencies: ["Model"]),
        .testTarget(name: "CheckerTests", dependencies: ["Checker", "Model"]),
        .testTarget(name: "Z3BridgeTests", dependencies: ["Z3Bridge"]),
    ]
)
