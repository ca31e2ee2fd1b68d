/// The names property files may use, per kind: the contract between the checker (which fills
/// them with `Z3Facts.state` / `Z3Facts.transition`) and `Properties/*.smt2`.
/// `Properties/README.md` documents the same list for users.
public struct Z3Symbol: Equatable, Sendable {
    public enum Sort: String, Sendable { case int = "Int", bool = "Bool" }
    public let name: String
    public let sort: Sort
    /// For an array, the name of the integer constant that bounds its index.
    public let indexedBy: String?
    public let summary: String

    init(_ name: String, _ sort: Sort, indexedBy: String? = nil, _ summary: String) {
        self.name = name
        self.sort = sort
        self.indexedBy = indexedBy
        self.summary = summary
    }
}

public enum Z3Vocabulary {
    public static func symbols(for kind: Z3PropertyKind) -> [Z3Symbol] {
        switch kind {
        case .state: universe + regions(prefix: "", count: "region_count") + leaks
        case .transition: universe + regions(prefix: "before_", count: "before_region_count")
            + regions(prefix: "after_", count: "after_region_count") + operation + result
        }
    }

    /// Facts that define every name of `kind` (with zeros): enough to type-check a property file.
    public static func placeholderFacts(for kind: Z3PropertyKind) -> Z3Facts {
        var facts = Z3Facts(kind: kind)
        for symbol in symbols(for: kind) {
            switch (symbol.sort, symbol.indexedBy) {
            case (.int, nil): facts.integers[symbol.name] = 0
            case (.bool, nil): facts.booleans[symbol.name] = false
            case (.int, _): facts.integerArrays[symbol.name] = []
            case (.bool, _): facts.booleanArrays[symbol.name] = []
            }
        }
        return facts
    }

    static let universe: [Z3Symbol] = [
        .init("page_size", .int, "bytes per page"),
        .init("total_base", .int, "first address of the total range"),
        .init("total_end", .int, "first address after the total range"),
    ]

    static func regions(prefix: String, count: String) -> [Z3Symbol] {
        [
            .init(count, .int, "number of regions, indexed 0..<count in address order"),
            .init(prefix + "base", .int, indexedBy: count, "first address of the region"),
            .init(prefix + "end", .int, indexedBy: count, "first address after the region"),
            .init(prefix + "prot", .int, indexedBy: count, "protection bits: R = 1, W = 2, X = 4"),
            .init(prefix + "object", .int, indexedBy: count, "the VMObject's canonical id, an index 0..<object_count"),
            .init(prefix + "offset", .int, indexedBy: count, "offset into the VMObject, in pages"),
        ]
    }

    static let leaks: [Z3Symbol] = [
        .init("frame_count", .int, "physical frames in the pool"),
        .init("frame_used", .bool, indexedBy: "frame_count", "the frame is allocated in the pool"),
        .init("frame_owned", .bool, indexedBy: "frame_count", "the frame backs a page of a live VMObject"),
        .init("object_count", .int, "VMObjects ever created and not yet forgotten by the model"),
        .init("object_refs", .int, indexedBy: "object_count", "regions referencing the VMObject"),
        .init("object_live", .bool, indexedBy: "object_count", "the VMObject is still allocated"),
        .init("table_count", .int, "page-table slots in the page directory"),
        .init("table_allocated", .bool, indexedBy: "table_count", "a page table is allocated in the slot"),
        .init("table_needed", .bool, indexedBy: "table_count", "some accessible region has a page the slot covers"),
    ]

    static let operation: [Z3Symbol] = [
        .init("op_kind", .int, "the operation, a Z3OperationCode"),
        .init("op_addr", .int, "address argument (fixed mmap, munmap, mprotect, touch), else 0"),
        .init("op_size", .int, "size argument in bytes, else 0"),
        .init("op_align", .int, "mmap alignment in bytes, else page_size"),
        .init("op_prot", .int, "protection argument (mmap, mprotect), else 0"),
        .init("op_write", .bool, "touch is a write access"),
    ]

    static let result: [Z3Symbol] = [
        .init("result_ok", .bool, "the operation succeeded"),
        .init("result_errno", .int, "the error, a Z3Errno code; 0 on success"),
        .init("result_addr", .int, "the address mmap returned, else 0"),
        .init("result_alloc_failed", .bool, "a page-table or frame allocation failed during the operation"),
    ]
}
