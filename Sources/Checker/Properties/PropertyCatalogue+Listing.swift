extension PropertyCatalogue {
    /// One line per property: id, scope, and what it says (`regioncheck properties`).
    public static var listing: String {
        let width = (ids + ConcurrentProperties.concurrentIDs).map(\.count).max() ?? 0
        var lines = all.map { p in
            p.id + String(repeating: " ", count: width - p.id.count) + "  "
                + (p.scope == .state ? "state     " : "transition") + "  " + p.summary + (p.isPolicy ? " (policy: --properties -\(p.id) switches it off)" : "")
        }
        lines += ConcurrentProperties.listing(width: width)
        lines.append("")
        lines.append("state: checked on every reachable state; transition: checked around every step; threads: only with --threads above 1.")
        return lines.joined(separator: "\n")
    }
}
