import Model

/// Collects what an implementation's `observe` reports through `rc_observer`, and completes it
/// with what the checker's pools know (frames in use with their data, allocated page tables,
/// the heap count).
final class ObservationBuilder {
    var observation: Observation
    private var populated: [UInt64: [ObservedObject.PopulatedPage]] = [:]

    init(capabilities: ObservationCapabilities) {
        observation = Observation(capabilities: capabilities)
    }

    func region(base: UInt64, size: UInt64, protection: UInt32, object: UInt64, offset: UInt64) {
        observation.regions.append(ObservedRegion(base: base, size: size, protection: Protection(rawValue: UInt8(truncatingIfNeeded: protection)),
                                                  object: object, offset: offset))
    }

    func pte(page: UInt64, frame: UInt64, writable: Bool) {
        observation.ptes.append(ObservedTranslation(page: page, frame: frame, writable: writable))
    }

    func tlbEntry(page: UInt64, frame: UInt64, writable: Bool) {
        observation.tlb.append(ObservedTranslation(page: page, frame: frame, writable: writable))
    }

    func object(id: UInt64, pageCount: UInt64, referenceCount: Int64) {
        observation.objects.append(ObservedObject(id: id, pageCount: pageCount, referenceCount: referenceCount, populated: []))
    }

    func populatedPage(object: UInt64, page: UInt64, frame: UInt64) {
        populated[object, default: []].append(.init(page: page, frame: frame))
    }

    /// The observation in the documented order (regions by base, translations by page, objects
    /// by id, populated pages by page), with the pools' truth filled in.
    func finish(pools: CheckerPools) -> Observation {
        var o = observation
        o.regions.sort { ($0.base, $0.size) < ($1.base, $1.size) }
        o.ptes.sort { $0.page < $1.page }
        o.tlb.sort { $0.page < $1.page }
        for i in o.objects.indices {
            o.objects[i].populated = (populated[o.objects[i].id] ?? []).sorted { $0.page < $1.page }
        }
        o.objects.sort { $0.id < $1.id }
        o.pageTables = pools.tables
        o.framesInUse = zip(pools.frames, pools.contents).map { ObservedFrame(frame: $0, contents: $1) }
        o.placementHeapAllocations = pools.placementHeapAllocations
        o.pendingPageTableFailures = pools.pendingTableFailures
        o.pendingFrameFailures = pools.pendingFrameFailures
        return o
    }
}
