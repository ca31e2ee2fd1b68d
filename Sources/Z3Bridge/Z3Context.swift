import CZ3

/// One Z3 context with reference-counted ASTs. Not thread-safe (neither is Z3's context):
/// use one per thread. Every Z3 object created from it keeps it alive, so it is deleted only
/// after the last expression, solver and model are gone.
public final class Z3Context {
    let raw: Z3_context
    /// The time limit for each `check` that does not give its own, in seconds.
    public var timeout: Double

    public init(timeout: Double = 10) {
        let config = Z3_mk_config()
        raw = Z3_mk_context_rc(config)
        Z3_del_config(config)
        // The default handler prints and calls exit(); record instead and check the code.
        Z3_set_error_handler(raw) { _, _ in }
        self.timeout = timeout
    }

    deinit { Z3_del_context(raw) }

    /// Throws the pending Z3 error, if the last API call failed.
    func check() throws(Z3Error) {
        let code = Z3_get_error_code(raw)
        guard code != Z3_OK else { return }
        throw .api(code: Self.name(of: code), message: String(cString: Z3_get_error_msg(raw, code)))
    }

    /// Runs a Z3 call and throws if it set an error code.
    @inline(__always)
    func call<T>(_ body: () -> T) throws(Z3Error) -> T {
        let value = body()
        try check()
        return value
    }

    static func name(of code: Z3_error_code) -> String {
        switch code {
        case Z3_OK: "Z3_OK"
        case Z3_SORT_ERROR: "Z3_SORT_ERROR"
        case Z3_IOB: "Z3_IOB"
        case Z3_INVALID_ARG: "Z3_INVALID_ARG"
        case Z3_PARSER_ERROR: "Z3_PARSER_ERROR"
        case Z3_NO_PARSER: "Z3_NO_PARSER"
        case Z3_INVALID_PATTERN: "Z3_INVALID_PATTERN"
        case Z3_MEMOUT_FAIL: "Z3_MEMOUT_FAIL"
        case Z3_FILE_ACCESS_ERROR: "Z3_FILE_ACCESS_ERROR"
        case Z3_INTERNAL_FATAL: "Z3_INTERNAL_FATAL"
        case Z3_INVALID_USAGE: "Z3_INVALID_USAGE"
        case Z3_DEC_REF_ERROR: "Z3_DEC_REF_ERROR"
        case Z3_EXCEPTION: "Z3_EXCEPTION"
        default: "Z3 error \(code.rawValue)"
        }
    }

    /// Bytes Z3 has allocated in this process (all contexts): a leak gauge.
    public static var estimatedAllocatedBytes: UInt64 { Z3_get_estimated_alloc_size() }

    /// The Z3 library version, e.g. "4.8.12.0".
    public static var version: String {
        var major: UInt32 = 0, minor: UInt32 = 0, build: UInt32 = 0, revision: UInt32 = 0
        Z3_get_version(&major, &minor, &build, &revision)
        return "\(major).\(minor).\(build).\(revision)"
    }
}
