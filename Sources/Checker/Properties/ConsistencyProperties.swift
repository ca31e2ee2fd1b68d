import Model

/// The code under test never breaks an assumption the model itself rests on. A broken one
/// (a second region at a base, a frame freed twice, a reference count below zero, a page table
/// freed while it holds PTEs) comes back from the operation as ENOTRECOVERABLE with what was
/// broken, instead of trapping, so the checker reports it with a trace like any violation.
enum ConsistencyProperties {
    static let internalConsistency = Property(
        id: "internal-consistency",
        summary: "the code under test never breaks an assumption of the model itself (a duplicate key in the tree, a frame freed twice, ...)"
    ) { t in
        guard case .error(let error) = t.result, let broken = error.brokenAssumption else { return nil }
        return "\(t.operation) broke an assumption of the model: \(broken)"
    }
}
