import Model

/// An implementation the checker drives and observes: the reference model, the `serenity`
/// design, or an external (C) allocator behind an adapter. The checker applies operations,
/// observes states and judges the observations with its own oracles; it never calls the
/// implementation's placement, lookup or split code for an expected answer.
///
/// A value is one state: copying it (or rebuilding it, for an adapter whose state lives
/// outside Swift) gives an independent state the checker may drive on its own.
public protocol ImplementationUnderTest: Sendable {
    /// The sizes the implementation was built for.
    var universe: Universe { get }
    /// Whose errno conventions its answers follow.
    var design: Design { get }
    /// Runs one step and reports what it returned.
    mutating func apply(_ operation: Operation) -> OperationResult
    /// Everything the checker may see of the current state.
    func observe() -> Observation
    /// What `mmap` of exactly `range`, PROT_NONE, fixed-noreplace would return from this state,
    /// without changing it and ignoring pending injected failures (`no-leak` asks this of every
    /// hole; an inaccessible mapping needs no page table or frame).
    func probeFixedMapping(of range: VirtualRange) -> OperationResult
}

extension ImplementationUnderTest {
    /// On a copy: the whole mmap.
    public func probeFixedMapping(of range: VirtualRange) -> OperationResult {
        var copy = self
        return copy.apply(.mmap(range.size, .none, at: .fixedNoReplace(range.base)))
    }
}

extension AddressSpace: ImplementationUnderTest {
    public mutating func apply(_ operation: Operation) -> OperationResult { operation.apply(to: &self) }

    public func observe() -> Observation { observation() }

    /// Runs mmap's placement step alone, the only step a PROT_NONE mapping can fail at (a test
    /// holds it to the whole mmap), without copying the tree and VMObject table for every hole.
    public func probeFixedMapping(of range: VirtualRange) -> OperationResult {
        do throws(KernelError) {
            try probeFixedPlacement(of: range)
            return .ok(range.base)
        } catch {
            return .error(error)
        }
    }
}
