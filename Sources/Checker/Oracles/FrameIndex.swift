import Model

/// An observation's objects by identity and frames by number, built once per step so that a
/// property asking about every page stays linear in the pages (`FrameOracle` scans per question).
/// Small observations, the explorer's, are scanned as before: hashing them would cost more than
/// it saves. A duplicate identity answers with the first reported either way, as the scans do.
struct FrameIndex {
    private let observation: Observation
    private let objects: [UInt64: ObservedObject]?
    private let contents: [UInt64: UInt32]?
    /// Below this many objects (or frames) a scan is cheaper than a dictionary.
    static let scanLimit = 16

    init(_ observation: Observation) {
        self.observation = observation
        objects = observation.objects.count < Self.scanLimit ? nil
            : Dictionary(observation.objects.elements.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        contents = observation.framesInUse.count < Self.scanLimit ? nil
            : Dictionary(observation.framesInUse.map { ($0.frame, $0.contents) }, uniquingKeysWith: { first, _ in first })
    }

    func object(_ id: UInt64) -> ObservedObject? {
        objects.map { $0[id] } ?? FrameOracle.object(id, in: observation)
    }

    /// The data word a frame in use holds (nil: the frame is not in use).
    func contents(of frame: UInt64) -> UInt32? {
        contents.map { $0[frame] } ?? FrameOracle.contents(of: frame, in: observation)
    }

    /// An object's populated pages, page → frame.
    static func frames(of object: ObservedObject) -> [UInt64: UInt64] {
        Dictionary(object.populated.map { ($0.page, $0.frame) }, uniquingKeysWith: { first, _ in first })
    }
}
