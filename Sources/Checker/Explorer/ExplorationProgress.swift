/// Where a running exploration is, for a progress line.
public struct ExplorationProgress: Sendable {
    public var depth: Int
    public var depthBound: Int
    public var frontierDone: Int
    public var frontierSize: Int
    public var distinct: Int
    public var generated: Int
    public var seconds: Double

    public var line: String {
        let rate = seconds > 0 ? Double(distinct) / seconds : 0
        return "depth \(depth)/\(depthBound): \(frontierDone)/\(frontierSize) frontier states expanded, "
            + "\(distinct) distinct, \(generated) generated, \(Int(rate)) states/s, \(formatSeconds(seconds)) s"
    }
}
