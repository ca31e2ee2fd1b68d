#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Word messages over a pair of pipe descriptors: a count word, then the words.
struct WorkerChannel {
    let input: Int32
    let output: Int32

    /// False when the other side has gone.
    func send(_ words: [UInt64]) -> Bool {
        var message = [UInt64(words.count)] + words
        return message.withUnsafeMutableBytes { bytes in
            var offset = 0
            while offset < bytes.count {
                let n = write(output, bytes.baseAddress! + offset, bytes.count - offset)
                if n < 0 && errno == EINTR { continue }
                if n <= 0 { return false }
                offset += n
            }
            return true
        }
    }

    /// Reads exactly `count` bytes into `buffer`; false at end of input or on an error.
    /// `deadline` (nil: wait forever) bounds the whole read, in CLOCK_MONOTONIC nanoseconds.
    static func readFully(_ descriptor: Int32, _ buffer: UnsafeMutableRawBufferPointer, deadline: UInt64?) -> ReadOutcome {
        var offset = 0
        while offset < buffer.count {
            if let deadline {
                let now = monotonicNanoseconds()
                guard now < deadline else { return .timedOut }
                var poller = pollfd(fd: descriptor, events: Int16(POLLIN), revents: 0)
                let waitMilliseconds = Int32(min((deadline - now) / 1_000_000 + 1, UInt64(Int32.max)))
                let ready = poll(&poller, 1, waitMilliseconds)
                if ready < 0 && errno == EINTR { continue }
                if ready == 0 { continue }
            }
            let n = read(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return .closed }
            offset += n
        }
        return .complete
    }

    enum ReadOutcome { case complete, closed, timedOut }

    /// One message, or nil at end of input.
    func receive() -> [UInt64]? {
        if case .message(let words) = Self.receive(from: input, deadline: nil) { return words }
        return nil
    }

    enum Received {
        case message([UInt64])
        case closed
        case timedOut
    }

    static func receive(from descriptor: Int32, deadline: UInt64?) -> Received {
        var count: UInt64 = 0
        switch withUnsafeMutableBytes(of: &count, { readFully(descriptor, $0, deadline: deadline) }) {
        case .closed: return .closed
        case .timedOut: return .timedOut
        case .complete: break
        }
        guard count < 1 << 32 else { return .closed }
        var words = [UInt64](repeating: 0, count: Int(count))
        switch words.withUnsafeMutableBytes({ readFully(descriptor, $0, deadline: deadline) }) {
        case .closed: return .closed
        case .timedOut: return .timedOut
        case .complete: return .message(words)
        }
    }
}

func monotonicNanoseconds() -> UInt64 {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
}
