import Model

/// What an operation returned: success with an optional value (the address mmap chose, the
/// word a read saw) or an errno.
public enum OperationResult: Sendable, Hashable, CustomStringConvertible {
    case ok(UInt64?)
    case error(KernelError)

    public var isSuccess: Bool { if case .ok = self { true } else { false } }

    public var errorCode: KernelError? { if case .error(let e) = self { e } else { nil } }

    public var description: String {
        switch self {
        case .ok(nil): "ok"
        case .ok(let value?): "ok \(value.hex)"
        case .error(let e): e.description
        }
    }
}

/// A step's expected result in a trace file: `"ok"`, `{"ok": "0x10000"}` or `"ENOMEM"`.
public enum ExpectedResult: Sendable, Hashable, CustomStringConvertible {
    case ok
    case okValue(UInt64)
    case error(KernelError)

    public func matches(_ result: OperationResult) -> Bool {
        switch (self, result) {
        case (.ok, .ok): true
        case (.okValue(let v), .ok(let r)): r == v
        case (.error(let e), .error(let r)): e == r
        default: false
        }
    }

    public init(_ result: OperationResult) {
        switch result {
        case .ok(nil): self = .ok
        case .ok(let v?): self = .okValue(v)
        case .error(let e): self = .error(e)
        }
    }

    public var description: String {
        switch self {
        case .ok: "ok"
        case .okValue(let v): "ok \(v.hex)"
        case .error(let e): e.description
        }
    }
}
