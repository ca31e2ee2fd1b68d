import Model

extension AddressSpace {
    /// The model observed through the boundary every implementation reports through: it has
    /// every capability. Object identities are store slots, frames are frame numbers.
    public func observation() -> Observation {
        // Built with exact capacities and without intermediate arrays: the explorer observes
        // every state-changing step.
        var regionList: [ObservedRegion] = []
        regionList.reserveCapacity(regions.count)
        for region in regions.regions {
            regionList.append(ObservedRegion(base: region.range.base, size: region.range.size, protection: region.protection,
                                             object: UInt64(UInt32(bitPattern: region.object.raw)), offset: region.offset))
        }
        var objectList: [ObservedObject] = []
        objectList.reserveCapacity(objects.slots.count)
        for (slot, object) in objects.slots.enumerated() {
            guard let object else { continue }
            objectList.append(ObservedObject(
                id: UInt64(slot), pageCount: object.pageCount, referenceCount: Int64(object.referenceCount),
                populated: object.populated.map { .init(page: $0.page, frame: UInt64(UInt32(bitPattern: $0.frame))) }))
        }
        var frameList: [ObservedFrame] = []
        frameList.reserveCapacity(frames.inUse.count)
        for (frame, contents) in zip(frames.inUse, frames.contents) {
            frameList.append(ObservedFrame(frame: UInt64(UInt32(bitPattern: frame)), contents: contents))
        }
        return Observation(
            capabilities: .model, regions: regionList, pageTables: directory.tables,
            ptes: directory.ptes.entries.map { ObservedTranslation(page: $0.page, frame: UInt64(UInt32(bitPattern: $0.frame)), writable: $0.writable) },
            tlb: tlb.entries.map { ObservedTranslation(page: $0.page, frame: UInt64(UInt32(bitPattern: $0.frame)), writable: $0.writable) },
            objects: objectList, framesInUse: frameList, placementHeapAllocations: heap.allocationsDuringPlacement,
            pendingPageTableFailures: faults.pendingPageTableFailures, pendingFrameFailures: faults.pendingFrameFailures)
    }
}
