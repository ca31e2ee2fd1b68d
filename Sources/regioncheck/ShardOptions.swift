import ArgumentParser
import Checker
import Foundation

/// `--shard I/N` and `--shard auto` (with `--shard-count N`): run one piece of a run, for a CI
/// matrix or a Kubernetes Indexed Job; `regioncheck merge` combines the pieces' JSON reports.
struct ShardOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Run shard I of N (0-based), or 'auto': I from JOB_COMPLETION_INDEX, N from --shard-count or JOB_COMPLETIONS.",
                               valueName: "I/N|auto"))
    var shard: String?

    @Option(help: ArgumentHelp("With --shard auto: the number of shards (default: JOB_COMPLETIONS).", valueName: "N"))
    var shardCount: Int?

    /// The shard asked for (nil: the whole run); bad values and environment are bad input.
    func resolve() throws(InputError) -> Shard? {
        guard let shard else {
            if shardCount != nil { throw InputError(source: "--shard-count", message: "goes with --shard auto") }
            return nil
        }
        return try Shard.parse(shard, shardCount: shardCount, environment: ProcessInfo.processInfo.environment)
    }
}
