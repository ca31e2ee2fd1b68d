import Model

/// The kill matrix: one row per mutant (each detector's result on it) and the reference's row.
public struct KillMatrixReport: Sendable {
    public struct Row: Sendable {
        public enum Verdict: Sendable, Equatable {
            /// Some detector reported a violation (on the reference: a false alarm).
            case violated
            /// Every detector finished its budget without a violation (on the reference: clean).
            case clean
            /// No violation, and some detector could not conclude: the row is undecided.
            case undecided(reason: String)
        }

        public var subject: MutantSubject
        /// In detector order.
        public var results: [DetectorResult]

        public var verdict: Verdict {
            if results.contains(where: { $0.finding != nil }) { return .violated }
            let reasons = results.compactMap { r -> String? in
                if case .inconclusive(let reason) = r.verdict { "\(r.detector): \(reason)" } else { nil }
            }
            return reasons.isEmpty ? .clean : .undecided(reason: reasons.joined(separator: "; "))
        }

        /// The first detector in the fixed order that found a violation, and its finding.
        public var first: (detector: String, finding: DetectorFinding)? {
            for r in results { if let f = r.finding { return (r.detector, f) } }
            return nil
        }

        /// Seconds from the start of this row until its first violation: the detectors before
        /// the first one that found it ran to their end, then that one's time to detection.
        public var secondsToDetection: Double? {
            guard let index = results.firstIndex(where: { $0.finding != nil }) else { return nil }
            return results[..<index].reduce(0) { $0 + $1.seconds } + results[index].finding!.secondsToDetection
        }

        public var seconds: Double { results.reduce(0) { $0 + $1.seconds } }

        /// For a mutant: killed (the matrix wants a violation).
        public var killed: Bool { verdict == .violated }
    }

    public var detectors: [String]
    /// One line per detector: what it ran with which budget.
    public var budgets: [String]
    public var properties: [String]
    public var workers: Int
    public var outputDirectory: String
    public var rows: [Row]
    public var reference: Row
    public var seconds: Double

    public var survivors: [Row] { rows.filter { $0.verdict == .clean } }
    public var killedCount: Int { rows.count(where: \.killed) }
    public var falseAlarm: Bool { reference.verdict == .violated }

    /// SPEC §5: 1 when a mutant survived every detector or the reference raised a false alarm;
    /// otherwise 3 when an inconclusive detector leaves a mutant or the reference undecided;
    /// 0 when every mutant is killed and the reference is clean.
    public var exitCode: Int32 {
        if !survivors.isEmpty || falseAlarm { return 1 }
        let undecided = rows.contains { if case .undecided = $0.verdict { true } else { false } }
        if undecided { return 3 }
        if case .undecided = reference.verdict { return 3 }
        return 0
    }

    /// "PASS", "FAIL" or "INCONCLUSIVE", with the counts.
    public var headline: String {
        let verdict = switch exitCode { case 0: "PASS"; case 1: "FAIL"; default: "INCONCLUSIVE" }
        let referenceText = switch reference.verdict {
        case .clean: "the reference is clean"
        case .violated: "FALSE ALARM on the reference"
        case .undecided: "the reference is undecided"
        }
        return "\(verdict): \(killedCount) of \(rows.count) mutants killed, \(referenceText)"
    }
}
