import Foundation
import Model

/// The failure database of `random --corpus DIR` (Hypothesis's example database): every shrunk
/// counterexample is kept there as a trace file, and the next run replays the traces that match
/// its universe, design and mutants before it draws anything new.
public struct Corpus: Sendable {
    public let directory: String

    public init(directory: String) { self.directory = directory }

    /// The trace files in the directory, by name; a missing directory is an empty corpus.
    public func load() throws(InputError) -> [(path: String, trace: Trace)] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else { return [] }
        guard isDirectory.boolValue else { throw InputError(source: "--corpus", message: "\(directory) is not a directory") }
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory)
        } catch {
            throw InputError(source: "--corpus", message: "cannot list \(directory): \(error.localizedDescription)")
        }
        var traces: [(String, Trace)] = []
        for name in names.sorted() where name.hasSuffix(".json") {
            let path = (directory as NSString).appendingPathComponent(name)
            traces.append((path, try Trace.load(path: path)))
        }
        return traces
    }

    /// Saves a counterexample under a name made from its property and a hash of its text, so the
    /// same counterexample found twice is one file. Returns the path.
    @discardableResult
    public func save(_ trace: Trace) throws(InputError) -> String {
        do {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } catch {
            throw InputError(source: "--corpus", message: "cannot create \(directory): \(error.localizedDescription)")
        }
        let text = trace.jsonText()
        let name = "\(trace.violates ?? "trace")-\(String(Self.fnv1a(text), radix: 16)).json"
        let path = (directory as NSString).appendingPathComponent(name)
        try trace.write(to: path)
        return path
    }

    /// FNV-1a, 64 bits: a stable hash (Swift's `Hasher` is seeded per process).
    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash &*= 0x0000_0100_0000_01b3
        }
        return hash
    }
}
