/// A property that failed, with an explanation that says which regions, pages or hole.
public struct Violation: Sendable, Hashable, CustomStringConvertible {
    public var property: String
    public var explanation: String

    public init(property: String, explanation: String) {
        self.property = property
        self.explanation = explanation
    }

    public var description: String { "\(property): \(explanation)" }
}
