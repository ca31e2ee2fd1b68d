import Model

extension Operation {
    /// Runs the step on `space` through the model's one narrow interface and reports what it
    /// returned. A randomized mmap without a recorded choice takes candidate 0.
    public func apply(to space: inout AddressSpace) -> OperationResult {
        do throws(KernelError) {
            switch self {
            case let .mmap(size, protection, placement, address, alignment, choice):
                let range = try space.mmap(
                    size: size, protection: protection, placement: Operation.placement(placement, address: address),
                    alignment: alignment, choose: { count in min(choice ?? 0, count - 1) })
                return .ok(range.base)
            case let .munmap(address, size):
                try space.munmap(address: address, size: size)
                return .ok(nil)
            case let .mprotect(address, size, protection):
                try space.mprotect(address: address, size: size, protection: protection)
                return .ok(nil)
            case let .touch(address, write, value):
                let word = try space.touch(address: address, write: write, value: value)
                return .ok(UInt64(word))
            case let .failNext(kind, count):
                space.injectFailure(kind, count: count)
                return .ok(nil)
            case .teardown:
                try space.teardown()
                return .ok(nil)
            case let .exec(segments):
                try space.exec(segments: segments)
                return .ok(nil)
            }
        } catch {
            return .error(error)
        }
    }
}
