import ArgumentParser
import Checker

/// `regioncheck properties`: the property ids with one-line explanations.
struct PropertiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "properties",
        abstract: "List the property ids (for --properties) with one-line explanations."
    )

    func run() {
        print(PropertyCatalogue.listing)
    }
}
