/// The operation codes of `op_kind`.
public enum Z3OperationCode: Int, CaseIterable, Sendable {
    case mmapAnywhere = 0
    case mmapRandomized = 1
    case mmapFixedNoReplace = 2
    case mmapFixed = 3
    case munmap = 4
    case mprotect = 5
    case touch = 6
    case teardown = 7
    case failNext = 8
    case exec = 9
}

/// The error codes of `result_errno` (Linux numbering).
public enum Z3Errno {
    public static let none = 0
    public static let enomem = 12
    public static let efault = 14
    public static let eexist = 17
    public static let einval = 22
}

/// The operation of a step, with its arguments (0 where an argument does not apply).
public struct Z3OperationFact: Equatable, Sendable {
    public var kind: Z3OperationCode
    public var addr: Int
    public var size: Int
    /// Alignment in bytes; for operations without one, the page size.
    public var align: Int
    public var prot: Int
    public var write: Bool

    public init(kind: Z3OperationCode, addr: Int = 0, size: Int = 0, align: Int, prot: Int = 0, write: Bool = false) {
        self.kind = kind
        self.addr = addr
        self.size = size
        self.align = align
        self.prot = prot
        self.write = write
    }
}

/// How a step ended.
public struct Z3ResultFact: Equatable, Sendable {
    public var ok: Bool
    /// A `Z3Errno` code, 0 on success.
    public var errno: Int
    /// The address mmap returned, else 0.
    public var addr: Int
    /// A page-table or frame allocation failed during the step (injected or pool exhausted):
    /// the one legitimate source of ENOMEM besides "no hole".
    public var allocFailed: Bool

    public init(ok: Bool, errno: Int = Z3Errno.none, addr: Int = 0, allocFailed: Bool = false) {
        self.ok = ok
        self.errno = errno
        self.addr = addr
        self.allocFailed = allocFailed
    }

    public static func success(addr: Int = 0) -> Z3ResultFact { .init(ok: true, addr: addr) }
    public static func failure(_ errno: Int, allocFailed: Bool = false) -> Z3ResultFact {
        .init(ok: false, errno: errno, allocFailed: allocFailed)
    }
}

extension Z3Facts {
    /// The facts of one step, for `kind: transition` properties.
    public static func transition(
        universe: Z3UniverseFact, before: [Z3RegionFact], operation: Z3OperationFact,
        result: Z3ResultFact, after: [Z3RegionFact]
    ) -> Z3Facts {
        var facts = Z3Facts(kind: .transition)
        facts.addUniverse(universe)
        facts.addRegions(before, prefix: "before_", count: "before_region_count")
        facts.addRegions(after, prefix: "after_", count: "after_region_count")
        facts.integers["op_kind"] = operation.kind.rawValue
        facts.integers["op_addr"] = operation.addr
        facts.integers["op_size"] = operation.size
        facts.integers["op_align"] = operation.align
        facts.integers["op_prot"] = operation.prot
        facts.booleans["op_write"] = operation.write
        facts.booleans["result_ok"] = result.ok
        facts.integers["result_errno"] = result.errno
        facts.integers["result_addr"] = result.addr
        facts.booleans["result_alloc_failed"] = result.allocFailed
        return facts
    }
}
