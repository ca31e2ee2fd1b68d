import Model

extension AddressSpace {
    /// The model observed through the boundary every implementation reports through: it has
    /// every capability. Object identities are store slots, frames are frame numbers.
    public func observation() -> Observation {
        var made = Observation(capabilities: .model)
        observe(into: &made)
        return made
    }

    /// The observation written into `spare` in place, with exact capacities and no intermediate
    /// arrays (the explorer observes every state-changing step): its lists keep their capacity
    /// when nothing else holds them (the explorer recycles the observation of each
    /// state it drops, which saves about six allocations per observed state). Every field is
    /// rewritten, so what `spare` held before does not matter.
    public func observe(into spare: inout Observation) {
        spare.capabilities = .model
        Self.refill(&spare.regions, count: regions.count) { list in
            for region in regions.regions { list.append(ObservedRegion(region)) }
        }
        spare.pageTables = directory.tables
        Self.refill(&spare.ptes, with: directory.ptes)
        Self.refill(&spare.tlb, with: tlb)
        Self.refill(&spare.objects, count: objects.slots.count) { list in
            for (slot, object) in objects.slots.enumerated() {
                guard let object else { continue }
                list.append(ObservedObject(object, slot: slot))
            }
        }
        Self.refill(&spare.framesInUse, count: frames.used.count) { list in
            for frame in frames.used { list.append(ObservedFrame(frame)) }
        }
        spare.placementHeapAllocations = heap.allocationsDuringPlacement
        spare.pendingPageTableFailures = faults.pendingPageTableFailures
        spare.pendingFrameFailures = faults.pendingFrameFailures
    }

    static func refill(_ list: inout [ObservedTranslation], with set: TranslationSet) {
        refill(&list, count: set.count) { list in
            for entry in set.entries {
                list.append(ObservedTranslation(entry))
            }
        }
    }

    static func refill<Element>(_ list: inout [Element], count: Int, _ fill: (inout [Element]) -> Void) {
        list.removeAll(keepingCapacity: true)
        list.reserveCapacity(count)
        fill(&list)
    }

    static func refill<Element>(_ list: inout ObservedList<Element>, count: Int, _ fill: (inout [Element]) -> Void) {
        list.refill(reservingCapacity: count, fill)
    }
}

/// The model's values as the observation reports them (object identities are store slots).
extension ObservedRegion {
    init(_ region: Region) {
        self.init(base: region.range.base, size: region.range.size, protection: region.protection,
                  object: UInt64(UInt32(bitPattern: region.object.raw)), offset: region.offset)
    }
}

extension ObservedTranslation {
    init(_ entry: PageTableEntry) {
        self.init(page: entry.page, frame: UInt64(UInt32(bitPattern: entry.frame)), writable: entry.writable)
    }
}

extension ObservedObject {
    init(_ object: VMObject, slot: Int) {
        self.init(id: UInt64(slot), pageCount: object.pageCount, referenceCount: Int64(object.referenceCount),
                  populated: object.populated.map { .init(page: $0.page, frame: UInt64(UInt32(bitPattern: $0.frame))) })
    }
}

extension ObservedFrame {
    init(_ frame: FrameNumber, contents: UInt32) {
        self.init(frame: UInt64(UInt32(bitPattern: frame)), contents: contents)
    }

    init(_ frame: UsedFrame) { self.init(frame.number, contents: frame.contents) }
}
