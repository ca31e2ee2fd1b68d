import Foundation

extension KillMatrixReport {
    /// The reference's false alarm in the shape the shared CI outputs take.
    func referenceOutcome() -> CheckOutcome {
        var finding: CheckOutcome.Finding?
        if let (_, f) = reference.first {
            finding = CheckOutcome.Finding(property: f.violation.property, explanation: f.violation.explanation, steps: f.steps,
                                           tracePath: f.tracePath, reproduction: f.reproduction)
        }
        let verdict: CheckOutcome.Verdict = switch reference.verdict {
        case .violated: .violation
        case .clean: .pass
        case .undecided(let reason): .inconclusive(reason: reason)
        }
        return CheckOutcome(verb: "mutants", subject: "the reference (no mutant)", propertiesChecked: properties,
                            verdict: verdict, finding: finding, seconds: reference.seconds)
    }

    func detectorLines(_ row: Row) -> [String] {
        row.results.map { r in
            switch r.verdict {
            case .clean: "\(r.detector): no violation"
            case .inconclusive(let reason): "\(r.detector): inconclusive: \(reason)"
            case .notApplicable(let reason): "\(r.detector): not applicable: \(reason)"
            case .violation(let f): "\(r.detector): \(f.violation) in \(f.length) steps; trace \(f.tracePath); reproduce: \(f.reproduction)"
            }
        }
    }

    /// `--format junit`: one test case per mutant (passes when killed) and one for the
    /// reference (passes when clean).
    public var junit: JUnitReport {
        var cases: [JUnitReport.TestCase] = []
        let className = "regioncheck.mutants"
        for row in rows {
            let status: JUnitReport.TestCase.Status = switch row.verdict {
            case .violated: .passed
            case .clean: .failed(message: "mutant \(row.subject.name) survived every detector", type: "survived",
                                 details: detectorLines(row).joined(separator: "\n"))
            case .undecided(let reason): .error(message: "inconclusive: \(reason)")
            }
            cases.append(.init(name: row.subject.name, className: className, seconds: row.seconds, status: status))
        }
        let referenceStatus: JUnitReport.TestCase.Status
        switch reference.verdict {
        case .clean: referenceStatus = .passed
        case .undecided(let reason): referenceStatus = .error(message: "inconclusive: \(reason)")
        case .violated:
            let (detector, f) = reference.first!
            referenceStatus = .failed(message: "false alarm by \(detector): \(f.violation)", type: f.violation.property,
                                      details: (f.steps + ["trace: \(f.tracePath)", "reproduce: \(f.reproduction)"]).joined(separator: "\n"))
        }
        cases.append(.init(name: "reference (no mutant)", className: className, seconds: reference.seconds, status: referenceStatus))
        return JUnitReport(suiteName: "regioncheck mutants: \(detectors.joined(separator: ", "))", cases: cases, seconds: seconds)
    }

    static let survivorRule = (id: "mutant-survived",
                               summary: "a legacy bug of SPEC §4 was switched back in and no detector reported a violation")

    /// `--format sarif`: survivors (located at their seam in the model) and false alarms
    /// (located at their trace) as results.
    public func sarif(seams: [String: MutantSeams.Location]) -> SARIFReport {
        let summaries = Dictionary(uniqueKeysWithValues: PropertyCatalogue.all.map { ($0.id, $0.summary) })
        var results: [SARIFReport.Result] = []
        for row in survivors {
            let message = "mutant \(row.subject.name) survived: " + detectorLines(row).joined(separator: "; ")
            results.append(.init(ruleID: Self.survivorRule.id, message: message,
                                 artifact: seams[row.subject.name]?.file ?? "Sources/Model/Mutations.swift"))
        }
        if let (detector, f) = reference.first {
            let message = "false alarm on the reference by \(detector): \(f.violation.explanation)\nCounterexample (\(f.steps.count) steps):\n"
                + f.steps.joined(separator: "\n") + "\nReproduce: \(f.reproduction)"
            results.append(.init(ruleID: f.violation.property, message: message, artifact: f.tracePath))
        }
        let undecided = (rows + [reference]).compactMap { row -> String? in
            if case .undecided(let reason) = row.verdict { "\(row.subject.name): \(reason)" } else { nil }
        }
        let rules = [Self.survivorRule] + properties.map { ($0, summaries[$0] ?? $0) }
        return SARIFReport(rules: rules, results: results, inconclusive: undecided.isEmpty ? nil : undecided.joined(separator: "; "))
    }

    /// `--format stryker`: the mutation-testing-elements report, each mutant at its seam in
    /// the model's source under `packageRoot`.
    public func stryker(packageRoot: URL) -> StrykerReport {
        let seams = MutantSeams.locate(packageRoot: packageRoot)
        var sources: [String: String] = [:]
        var mutants: [StrykerReport.Mutant] = []
        for (index, row) in rows.enumerated() {
            var file = "Sources/Model/Mutations.swift", line = 1
            if let seam = seams[row.subject.name] { (file, line) = (seam.file, seam.line) }
            if sources[file] == nil {
                sources[file] = (try? String(contentsOf: packageRoot.appendingPathComponent(file), encoding: .utf8)) ?? ""
            }
            let lineCount = sources[file]!.split(separator: "\n", omittingEmptySubsequences: false).count
            mutants.append(.init(
                id: "\(index + 1)", name: row.subject.name, description: MutantSummaries.line(row.subject.name),
                file: file, line: min(line, lineCount), killed: row.killed,
                killedBy: row.results.compactMap { r in r.finding.map { "\(r.detector): \($0.violation.property)" } },
                testsCompleted: row.results.count))
        }
        return StrykerReport(mutants: mutants, sources: sources)
    }

    /// GitHub workflow commands: an error per survivor (at its seam) and for a false alarm, a
    /// warning per undecided row.
    public func githubAnnotations(seams: [String: MutantSeams.Location]) -> [String] {
        var lines: [String] = []
        for row in rows {
            switch row.verdict {
            case .violated: break
            case .clean:
                let location = seams[row.subject.name].map { "file=\(GitHubAnnotations.property($0.file)),line=\($0.line)," } ?? ""
                let title = GitHubAnnotations.property("regioncheck mutants: \(row.subject.name) survived")
                lines.append("::error \(location)title=\(title)::\(GitHubAnnotations.data(detectorLines(row).joined(separator: "\n")))")
            case .undecided(let reason):
                let title = GitHubAnnotations.property("regioncheck mutants: \(row.subject.name) undecided")
                lines.append("::warning title=\(title)::\(GitHubAnnotations.data(reason))")
            }
        }
        return lines + GitHubAnnotations.lines(for: referenceOutcome())
    }
}
