import Model

extension AddressSpace {
    /// The observation `observe(into:)` writes, written into `spare`, except that each list whose
    /// model storage this state shares with `parent` is taken from `parentObservation`, the
    /// observation of `parent`, instead of being made again. A random run's state after a step is
    /// the state before it with the arrays the step wrote replaced (copy-on-write: the state before
    /// still holds the old buffers, so a written array has a buffer of its own), and most steps
    /// write one or two of them (a touch: an object, a frame, a PTE, the TLB; a failure: none).
    /// The observation is a function of the arrays' elements, so a shared buffer gives an equal
    /// list; `parent` is borrowed for the whole call, so its buffers cannot be freed and reused.
    func observe(into spare: inout Observation, sharingWith parent: borrowing AddressSpace, observedAs parentObservation: Observation) {
        spare.capabilities = .model
        if regions.isUnchangedCopy(of: parent.regions) {
            spare.regions = parentObservation.regions
        } else {
            Self.refill(&spare.regions, count: regions.count) { list in
                for region in regions.regions { list.append(ObservedRegion(region)) }
            }
        }
        spare.pageTables = directory.tables
        if directory.ptes.entries.sharesStorage(with: parent.directory.ptes.entries) {
            spare.ptes = parentObservation.ptes
        } else {
            Self.refill(&spare.ptes, with: directory.ptes)
        }
        if tlb.entries.sharesStorage(with: parent.tlb.entries) {
            spare.tlb = parentObservation.tlb
        } else {
            Self.refill(&spare.tlb, with: tlb)
        }
        let slots = objects.slots, parentSlots = parent.objects.slots
        if slots.sharesStorage(with: parentSlots) {
            spare.objects = parentObservation.objects
        } else {
            Self.observeObjects(slots, into: &spare.objects, sharingWith: parentSlots, observedAs: parentObservation.objects)
        }
        if frames.used.sharesStorage(with: parent.frames.used) {
            spare.framesInUse = parentObservation.framesInUse
        } else {
            Self.refill(&spare.framesInUse, count: frames.used.count) { list in
                for frame in frames.used { list.append(ObservedFrame(frame)) }
            }
        }
        spare.placementHeapAllocations = heap.allocationsDuringPlacement
        spare.pendingPageTableFailures = faults.pendingPageTableFailures
        spare.pendingFrameFailures = faults.pendingFrameFailures
    }

    /// The live objects of `slots`, each object whose populated pages share storage with the same
    /// slot's object in `parentSlots` taking its list of pages from that object's observation in
    /// `parentObjects` (made from `parentSlots`, ascending by slot): making that list was an
    /// allocation per object per step, for pages most steps leave as they were.
    private static func observeObjects(_ slots: VMObjectSlots, into list: inout ObservedList<ObservedObject>, sharingWith parentSlots: VMObjectSlots,
                                       observedAs parentList: ObservedList<ObservedObject>) {
        let parentObjects = parentList.elements
        refill(&list, count: slots.count) { list in
            var j = 0
            for (slot, object) in slots.enumerated() {
                guard let object else { continue }
                if slot < parentSlots.count, let old = parentSlots[slot], old.populated.sharesStorage(with: object.populated) {
                    while j < parentObjects.count && parentObjects[j].id < UInt64(slot) { j += 1 }
                    if j < parentObjects.count && parentObjects[j].id == UInt64(slot) {
                        list.append(ObservedObject(id: UInt64(slot), pageCount: object.pageCount, referenceCount: Int64(object.referenceCount),
                                                   populated: parentObjects[j].populated))
                        continue
                    }
                }
                list.append(ObservedObject(object, slot: slot))
            }
        }
    }
}
