import Model

extension AddressSpace {
    /// The model observed through the boundary every implementation reports through: it has
    /// every capability. Object identities are store slots, frames are frame numbers.
    public func observation() -> Observation {
        var observed = Observation(capabilities: .model)
        observed.regions.reserveCapacity(regions.count)
        for region in regions.regions {
            observed.regions.append(ObservedRegion(base: region.range.base, size: region.range.size, protection: region.protection,
                                                   object: UInt64(UInt32(bitPattern: region.object.raw)), offset: region.offset))
        }
        observed.pageTables = directory.tables
        observed.ptes = directory.ptes.entries.map { ObservedTranslation(page: $0.page, frame: UInt64(UInt32(bitPattern: $0.frame)), writable: $0.writable) }
        observed.tlb = tlb.entries.map { ObservedTranslation(page: $0.page, frame: UInt64(UInt32(bitPattern: $0.frame)), writable: $0.writable) }
        for (id, object) in objects.live {
            observed.objects.append(ObservedObject(
                id: UInt64(UInt32(bitPattern: id.raw)), pageCount: object.pageCount, referenceCount: Int64(object.referenceCount),
                populated: object.populated.map { .init(page: $0.page, frame: UInt64(UInt32(bitPattern: $0.frame))) }))
        }
        observed.framesInUse = zip(frames.inUse, frames.contents).map { ObservedFrame(frame: UInt64(UInt32(bitPattern: $0)), contents: $1) }
        observed.placementHeapAllocations = heap.allocationsDuringPlacement
        observed.pendingPageTableFailures = faults.pendingPageTableFailures
        observed.pendingFrameFailures = faults.pendingFrameFailures
        return observed
    }
}
