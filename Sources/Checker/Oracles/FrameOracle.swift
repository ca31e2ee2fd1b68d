import Model

/// Lookups in an observation's objects and frames, by scanning what was reported.
enum FrameOracle {
    static func object(_ id: UInt64, in observation: Observation) -> ObservedObject? {
        observation.objects.elements.first { $0.id == id }
    }

    /// The frame behind an object page, if it is populated.
    static func frame(of page: UInt64, in object: ObservedObject) -> UInt64? {
        object.populated.first { $0.page == page }?.frame
    }

    /// The data word a frame in use holds (nil: the frame is not in use).
    static func contents(of frame: UInt64, in observation: Observation) -> UInt32? {
        observation.framesInUse.first { $0.frame == frame }?.contents
    }
}
