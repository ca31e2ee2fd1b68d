import Model

/// The pipe protocol between regioncheck and a worker process that hosts an external
/// implementation: little-endian 64-bit words, each message prefixed by its word count.
///
/// Request: `[observe, stepCount, step × stepCount]`, each step seven words `[opcode, a...f]`.
/// Response: the last step's `[errno, value, hasValue, pageTableAttempts, frameAttempts, refusals]`, then,
/// when asked, the observation after it (`WorkerProtocol.appendObservation`). The first message
/// a worker sends is its greeting: `[0, capabilities]`, or `[1, bytes, UTF-8 words...]` with why
/// it could not load the implementation.
enum WorkerProtocol {
    static let stepWords = 7

    enum Opcode: UInt64 {
        /// Destroys the instance and creates a fresh one (pools and counters cleared).
        case reset = 0
        case mmap, munmap, mprotect, touch, failNext, teardown
    }

    /// Whether the C contract (ABI 1) has `operation`: its placements are anywhere, randomized,
    /// fixed-noreplace and fixed; top-down, hinted mmaps and exec's set-up are not in it yet, so
    /// external runs leave them out and a trace that has them is bad input.
    static func supports(_ operation: Operation) -> Bool {
        switch operation {
        case let .mmap(_, _, placement, _, _, _): [.anywhere, .randomized, .fixedNoReplace, .fixed].contains(placement)
        case .munmap, .mprotect, .touch, .failNext, .teardown: true
        case .exec: false
        }
    }

    /// The seven words of one step (callers keep to `supports`).
    static func words(_ operation: Operation) -> [UInt64] {
        switch operation {
        case let .mmap(size, protection, placement, address, alignment, choice):
            let kind: UInt64 = switch placement {
            case .anywhere: 0
            case .randomized: 1
            case .fixedNoReplace: 2
            case .fixed: 3
            case .topDown, .hint: preconditionFailure("\(placement.rawValue) is not in the C contract (WorkerProtocol.supports)")
            }
            return [Opcode.mmap.rawValue, size, UInt64(protection.rawValue), kind, address ?? 0, alignment ?? 0, choice ?? 0]
        case let .munmap(address, size): return [Opcode.munmap.rawValue, address, size, 0, 0, 0, 0]
        case let .mprotect(address, size, protection): return [Opcode.mprotect.rawValue, address, size, UInt64(protection.rawValue), 0, 0, 0]
        case let .touch(address, write, value): return [Opcode.touch.rawValue, address, write ? 1 : 0, UInt64(value), 0, 0, 0]
        case let .failNext(kind, count): return [Opcode.failNext.rawValue, kind == .frame ? 1 : 0, UInt64(max(count, 0)), 0, 0, 0, 0]
        case .teardown: return [Opcode.teardown.rawValue, 0, 0, 0, 0, 0, 0]
        case .exec: preconditionFailure("exec is not in the C contract (WorkerProtocol.supports)")
        }
    }

    static let resetWords: [UInt64] = [Opcode.reset.rawValue, 0, 0, 0, 0, 0, 0]

    /// A step's outcome as the worker reports it.
    static func result(errno: UInt64, value: UInt64, hasValue: UInt64) -> OperationResult {
        if errno == 0 { return .ok(hasValue != 0 ? value : nil) }
        return .error(KernelError.allCases.first { UInt64($0.errno) == errno } ?? .EINVAL)
    }

    /// Whether an errno the implementation returned is one the contract knows.
    static func isKnownErrno(_ errno: UInt64) -> Bool {
        errno == 0 || KernelError.allCases.contains { UInt64($0.errno) == errno }
    }

    static func appendObservation(_ o: Observation, to out: inout [UInt64]) {
        out.append(UInt64(o.capabilities.rawValue))
        out.append(UInt64(o.placementHeapAllocations))
        out.append(UInt64(o.pendingPageTableFailures))
        out.append(UInt64(o.pendingFrameFailures))
        out.append(UInt64(o.regions.count))
        for r in o.regions { out += [r.base, r.size, UInt64(r.protection.rawValue), r.object, r.offset] }
        out.append(UInt64(o.pageTables.count))
        out += o.pageTables
        for set in [o.ptes, o.tlb] {
            out.append(UInt64(set.count))
            for t in set { out += [t.page, t.frame, t.writable ? 1 : 0] }
        }
        out.append(UInt64(o.objects.count))
        for object in o.objects {
            out += [object.id, object.pageCount, UInt64(bitPattern: object.referenceCount), UInt64(object.populated.count)]
            for p in object.populated { out += [p.page, p.frame] }
        }
        out.append(UInt64(o.framesInUse.count))
        for f in o.framesInUse { out += [f.frame, UInt64(f.contents)] }
    }

    /// Reads an observation written by `appendObservation`; nil when the words are cut short.
    static func readObservation(_ words: ArraySlice<UInt64>) -> Observation? {
        var reader = WordReader(words: words)
        guard let caps = reader.next(), let heap = reader.next(), let pendingTables = reader.next(), let pendingFrames = reader.next(),
              let regionCount = reader.count(5) else { return nil }
        var o = Observation(capabilities: ObservationCapabilities(rawValue: UInt32(truncatingIfNeeded: caps)))
        o.placementHeapAllocations = Int(truncatingIfNeeded: heap)
        o.pendingPageTableFailures = Int(truncatingIfNeeded: pendingTables)
        o.pendingFrameFailures = Int(truncatingIfNeeded: pendingFrames)
        for _ in 0 ..< regionCount {
            let w = reader.take(5)
            o.regions.append(ObservedRegion(base: w[0], size: w[1], protection: Protection(rawValue: UInt8(truncatingIfNeeded: w[2])),
                                            object: w[3], offset: w[4]))
        }
        guard let tableCount = reader.count(1) else { return nil }
        o.pageTables = reader.take(tableCount)
        for which in 0 ..< 2 {
            guard let n = reader.count(3) else { return nil }
            let set = (0 ..< n).map { _ in
                let w = reader.take(3)
                return ObservedTranslation(page: w[0], frame: w[1], writable: w[2] != 0)
            }
            if which == 0 { o.ptes = set } else { o.tlb = set }
        }
        guard let objectCount = reader.count(4) else { return nil }
        for _ in 0 ..< objectCount {
            let w = reader.take(4)
            guard w.count == 4, let populatedCount = reader.count(2, declared: w[3]) else { return nil }
            let populated = (0 ..< populatedCount).map { _ in
                let p = reader.take(2)
                return ObservedObject.PopulatedPage(page: p[0], frame: p[1])
            }
            o.objects.append(ObservedObject(id: w[0], pageCount: w[1], referenceCount: Int64(bitPattern: w[2]), populated: populated))
        }
        guard let frameCount = reader.count(2) else { return nil }
        for _ in 0 ..< frameCount {
            let w = reader.take(2)
            o.framesInUse.append(ObservedFrame(frame: w[0], contents: UInt32(truncatingIfNeeded: w[1])))
        }
        return o
    }
}

/// Reads words in order, refusing counts the remaining words cannot hold.
struct WordReader {
    var words: ArraySlice<UInt64>

    mutating func next() -> UInt64? { words.popFirst() }

    mutating func take(_ n: Int) -> [UInt64] {
        let taken = Array(words.prefix(n))
        words = words.dropFirst(n)
        return taken
    }

    /// A count of items of `width` words each, read from the stream (or given as `declared`).
    mutating func count(_ width: Int, declared: UInt64? = nil) -> Int? {
        guard let n = declared ?? next(), n <= UInt64(words.count / width) else { return nil }
        return Int(n)
    }
}
