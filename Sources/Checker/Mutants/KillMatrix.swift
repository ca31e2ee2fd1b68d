import Foundation
import Model

/// What one kill-matrix run runs: which mutants, which detectors in which order, what they check.
public struct KillMatrixRequest: Sendable {
    /// The mutants, in the order their rows are reported; the reference is always run too.
    public var subjects: [MutantSubject]
    public var detectors: [any MutantDetector]
    public var context: DetectorContext

    public init(subjects: [MutantSubject] = MutantSubject.catalogue, detectors: [any MutantDetector], context: DetectorContext) {
        self.subjects = subjects
        self.detectors = detectors
        self.context = context
    }
}

/// `regioncheck mutants`: every detector on every mutant of SPEC §4 and on the unmutated
/// reference. A mutant is killed when some detector reports a violation; a violation on the
/// reference is a false alarm.
public enum KillMatrix {
    /// Runs the detectors in order on each subject, then on the reference. `progress` is told
    /// each result as it comes (for a progress line).
    public static func run(_ request: KillMatrixRequest,
                           progress: ((MutantSubject, DetectorResult) -> Void)? = nil) throws(InputError) -> KillMatrixReport {
        try createDirectory(request.context.outputDirectory)
        let start = ContinuousClock.now
        func row(_ subject: MutantSubject) throws(InputError) -> KillMatrixReport.Row {
            var results: [DetectorResult] = []
            for detector in request.detectors {
                let result = try detector.detect(subject, context: request.context)
                progress?(subject, result)
                results.append(result)
            }
            return KillMatrixReport.Row(subject: subject, results: results)
        }
        var rows: [KillMatrixReport.Row] = []
        for subject in request.subjects where !subject.isReference { rows.append(try row(subject)) }
        let reference = try row(.reference)
        return KillMatrixReport(detectors: request.detectors.map(\.name), budgets: request.detectors.map(\.budget),
                                properties: request.context.properties.ids, workers: request.context.workers,
                                outputDirectory: request.context.outputDirectory, rows: rows, reference: reference,
                                seconds: seconds(ContinuousClock.now - start))
    }

    static func createDirectory(_ path: String) throws(InputError) {
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
            if !isDirectory.boolValue { throw InputError(source: "--out", message: "\(path) exists and is not a directory") }
            return
        }
        do {
            try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        } catch {
            throw InputError(source: "--out", message: "cannot create directory \(path): \(error.localizedDescription)")
        }
    }
}
