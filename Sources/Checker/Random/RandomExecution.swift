import Model

/// Runs abstract steps on an address space: resolve against the state, apply through the model's
/// interface, and report the concrete operation that ran.
enum RandomExecution {
    /// Resolves `step` in `space` and applies it. A randomized mmap takes candidate
    /// `step.choice % count`, and the returned operation records that index, so replaying the
    /// operation (`Operation.apply`) picks the same candidate.
    static func apply(_ step: AbstractStep, to space: inout AddressSpace) -> (Operation, OperationResult) {
        let operation = step.resolve(in: space)
        guard case let .mmap(size, protection, .randomized, address, alignment, _) = operation else {
            return (operation, operation.apply(to: &space))
        }
        var chosen: UInt64?
        let result: OperationResult
        do throws(KernelError) {
            let range = try space.mmap(size: size, protection: protection, placement: .randomized, alignment: alignment,
                                       choose: { count in
                                           let k = step.choice % count
                                           chosen = k
                                           return k
                                       })
            result = .ok(range.base)
        } catch {
            result = .error(error)
        }
        return (.mmap(size: size, protection: protection, placement: .randomized, address: address,
                      alignment: alignment, choice: chosen), result)
    }
}
