import Foundation

/// GitHub Actions workflow commands (`::error file=…,title=…::message`), printed when
/// `GITHUB_ACTIONS=true` so a violation shows up on the pull request.
public enum GitHubAnnotations {
    public static var enabled: Bool {
        ProcessEnvironment.value("GITHUB_ACTIONS") == "true"
    }

    /// The annotation lines for an outcome (empty when it passed).
    public static func lines(for outcome: CheckOutcome) -> [String] {
        switch outcome.verdict {
        case .pass:
            return []
        case .inconclusive(let reason):
            return ["::warning title=\(property("regioncheck \(outcome.verb) inconclusive"))::\(data("\(outcome.subject): \(reason)"))"]
        case .violation:
            guard let finding = outcome.finding else { return [] }
            var message = "\(finding.explanation)\n" + finding.steps.joined(separator: "\n")
            if let command = finding.reproduction { message += "\nReproduce: \(command)" }
            let file = finding.tracePath.map { "file=\(property($0))," } ?? ""
            return ["::error \(file)title=\(property("regioncheck \(outcome.verb): \(finding.property) violated"))::\(data(message))"]
        }
    }

    /// Escaping for the message part.
    static func data(_ s: String) -> String {
        s.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D").replacingOccurrences(of: "\n", with: "%0A")
    }

    /// Escaping for a `key=value` property (also `:` and `,`).
    static func property(_ s: String) -> String {
        data(s).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
