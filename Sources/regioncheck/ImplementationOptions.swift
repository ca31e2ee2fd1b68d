import ArgumentParser
import Checker
import Foundation
import Model

/// `--implementation PATH` and `--step-timeout S`: check an external allocator (a shared library
/// exporting `regioncheck_allocator`, Adapter/include/regioncheck_allocator.h) instead of the
/// model. It runs in worker processes; a crash or hang is the violation `no-crash`.
struct ImplementationOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Check this shared library (exporting regioncheck_allocator) instead of the model; it runs in a worker process.", valueName: "PATH"))
    var implementation: String?

    @Option(help: ArgumentHelp("With --implementation: a step that takes longer is the violation no-crash (default 5).", valueName: "S"))
    var stepTimeout: Double = ImplementationSpec.defaultStepTimeout

    func validate() throws {
        guard stepTimeout > 0, stepTimeout <= 3600 else { throw ValidationError("--step-timeout must be in (0, 3600] seconds, got \(stepTimeout)") }
    }

    /// The implementation to check, or nil for the model; a missing file is bad input.
    func spec() throws(InputError) -> ImplementationSpec? {
        guard let implementation else { return nil }
        return try ImplementationSpec(path: implementation, stepTimeout: stepTimeout)
    }
}

/// Prints an external run's report, writes its counterexample, and exits with its status.
func finishExternal(_ report: ExternalReport, traceOut: String, sink: ReportSink) throws {
    let written = report.counterexample.flatMap { writeCounterexampleTrace($0.trace, to: traceOut) }
    sink.line(report.text(tracePath: written))
    try sink.exit(report.exitCode)
}

/// The property ids a `--properties` selection names (nil: all).
func externalPropertyIDs(_ selection: String?) throws(InputError) -> Set<String>? {
    guard let selection else { return nil }
    return Set(try PropertySet(selection: selection).ids)
}
