import Foundation

/// One of `count` independent pieces of a run: `explore` keeps the frontier states at the split
/// depth whose index is congruent to `index` mod `count`, `random` runs the runs `index`,
/// `index + count`, … of the unsharded run. Indices are 0-based, as Kubernetes'
/// `JOB_COMPLETION_INDEX` is.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    public init(index: Int, count: Int) {
        precondition(count >= 1 && index >= 0 && index < count, "shard \(index)/\(count)")
        self.index = index
        self.count = count
    }

    /// Whether the item with position `position` (0-based) belongs to this shard.
    public func owns(_ position: Int) -> Bool { position % count == index }

    /// "1/3".
    public var description: String { "\(index)/\(count)" }

    /// The most shards a run may be cut into (a bound on typos, not on the method).
    public static let maxCount = 65_536

    /// `--shard I/N`, or `--shard auto`: I from `JOB_COMPLETION_INDEX` and N from `--shard-count`
    /// or else `JOB_COMPLETIONS` (a Kubernetes Indexed Job sets both). Bad or missing values are
    /// bad input naming the flag or the variable.
    public static func parse(_ text: String, shardCount: Int?, environment: [String: String]) throws(InputError) -> Shard {
        if text == "auto" {
            let index = try environmentNumber("JOB_COMPLETION_INDEX", environment)
            let count: Int
            if let shardCount {
                count = shardCount
                guard (1 ... maxCount).contains(count) else {
                    throw InputError(source: "--shard-count", message: "must be 1...\(maxCount), got \(count)")
                }
            } else {
                count = try environmentNumber("JOB_COMPLETIONS", environment)
                guard (1 ... maxCount).contains(count) else {
                    throw InputError(source: "JOB_COMPLETIONS", message: "must be 1...\(maxCount), got \(count)")
                }
            }
            guard index < count else {
                throw InputError(source: "JOB_COMPLETION_INDEX",
                                 message: "must be below the shard count \(count) (0-based), got \(index)")
            }
            return Shard(index: index, count: count)
        }
        if shardCount != nil {
            throw InputError(source: "--shard-count", message: "goes with --shard auto only (--shard I/N already gives N)")
        }
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let index = Int(parts[0]), let count = Int(parts[1]) else {
            throw InputError(source: "--shard", message: "must be I/N (0-based index I, N shards) or 'auto', got '\(text)'")
        }
        guard (1 ... maxCount).contains(count) else {
            throw InputError(source: "--shard", message: "the shard count N must be 1...\(maxCount), got '\(text)'")
        }
        guard index >= 0 && index < count else {
            throw InputError(source: "--shard", message: "the index I must be 0...\(count - 1) (0-based), got '\(text)'")
        }
        return Shard(index: index, count: count)
    }

    private static func environmentNumber(_ name: String, _ environment: [String: String]) throws(InputError) -> Int {
        guard let raw = environment[name] else {
            throw InputError(source: name, message: "is not set (--shard auto reads the shard index from JOB_COMPLETION_INDEX "
                + "and the count from --shard-count or JOB_COMPLETIONS, as a Kubernetes Indexed Job sets them)")
        }
        guard let value = Int(raw.trimmingCharacters(in: .whitespacesAndNewlines)), value >= 0 else {
            throw InputError(source: name, message: "must be a non-negative integer, got '\(raw)'")
        }
        return value
    }
}
