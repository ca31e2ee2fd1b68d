import ArgumentParser
import Checker
import Foundation
import Model

/// `regioncheck adapter-worker` (hidden): the worker process that hosts an external
/// implementation for `--implementation`, speaking the pipe protocol on descriptors 3 and 4.
struct AdapterWorkerCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "adapter-worker", abstract: "Internal: hosts an --implementation library in a worker process.",
        shouldDisplay: false)

    @Argument var library: String
    @Argument var base: UInt64
    @Argument var pages: UInt64
    @Argument var pageSize: UInt64
    @Argument var pagesPerTable: UInt64
    @Argument var frames: Int
    @Argument var pageTables: Int
    @Argument var name: String

    func run() throws {
        let universe: Universe
        do throws(UniverseError) {
            universe = try Universe(name: name, base: base, pages: pages, pageSize: pageSize, pagesPerTable: pagesPerTable,
                                    frames: frames, pageTables: pageTables)
        } catch { failOnBadInput("adapter-worker: \(error)") }
        Foundation.exit(ExternalWorker.serve(path: library, universe: universe))
    }
}
