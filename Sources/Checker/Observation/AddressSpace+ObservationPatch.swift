import Model

extension AddressSpace {
    /// Brings `observation`, this space's observation before the recorded operations `records`
    /// (in order, the last one the operation just run), up to date by re-observing only what their
    /// journals say was written: the regions of the written tree slots, the written object slots,
    /// and the written positions of the tables, PTEs, TLB entries and frames. The journals sit
    /// below the algorithms (they can only write through them), and the tree's part is used only
    /// when its incremental check is certain (`StorageWrites.regionsBefore`). False, with
    /// `observation` rewritten in full, when some record is incomplete or does not fit.
    func patch(_ observation: inout Observation, by records: [StorageWrites]) -> Bool {
        if patchLists(&observation, by: records) {
            observation.placementHeapAllocations = heap.allocationsDuringPlacement
            observation.pendingPageTableFailures = faults.pendingPageTableFailures
            observation.pendingFrameFailures = faults.pendingFrameFailures
            return true
        }
        observe(into: &observation)
        return false
    }

    private func patchLists(_ observation: inout Observation, by records: [StorageWrites]) -> Bool {
        guard observation.capabilities == .model else { return false }
        // Regions: the written slots' old regions out, their new ones in, by bisection on the base.
        for record in records {
            guard let gone = record.regionsBefore, let made = record.regionsAfter,
                  Self.replace(gone, with: made, in: &observation.regions) else { return false }
        }
        guard observation.regions.count == regions.count else { return false }
        // Objects: the written slots re-read, by bisection on the slot.
        let store = objects.slots
        guard let written = Self.writtenSlots(records.map(\.objectSlots), slotCount: store.count) else { return false }
        for slot in written {
            let i = observation.objects.partitionIndex { $0.id < UInt64(slot) }
            let present = i < observation.objects.count && observation.objects[i].id == UInt64(slot)
            switch (present, store[slot]) {
            case (true, let object?): observation.objects[i] = ObservedObject(object, slot: slot)
            case (true, nil): observation.objects.remove(at: i)
            case (false, let object?): observation.objects.insert(ObservedObject(object, slot: slot), at: i)
            case (false, nil): break
            }
        }
        // The lists made element for element from one stored array (or two parallel ones).
        guard Self.follow(records.map(\.pageTables), &observation.pageTables, from: directory.tables, { $0 }),
              Self.follow(records.map(\.ptes), &observation.ptes, from: directory.ptes.entries, ObservedTranslation.init),
              Self.follow(records.map(\.tlb), &observation.tlb, from: tlb.entries, ObservedTranslation.init) else { return false }
        let inUse = frames.inUse, contents = frames.contents
        guard inUse.count == contents.count,
              var numbers = WrittenPositions(records[0].framesInUse, count: observation.framesInUse.count),
              var data = WrittenPositions(records[0].frameContents, count: observation.framesInUse.count) else { return false }
        for record in records.dropFirst() {
            guard numbers.follow(record.framesInUse), data.follow(record.frameContents) else { return false }
        }
        guard numbers.movedLike(data), numbers.count == inUse.count else { return false }
        if !inUse.isEmpty {
            numbers.redoMoves(on: &observation.framesInUse, placeholder: ObservedFrame(inUse[0], contents: 0))
            for p in numbers.union(data) { observation.framesInUse[p] = ObservedFrame(inUse[p], contents: contents[p]) }
        } else {
            observation.framesInUse.removeAll(keepingCapacity: true)
        }
        return true
    }

    /// The object slots the writes touched, ascending, given the store's slot count after them:
    /// nil unless every insert was an append and nothing was removed, so that a slot number (the
    /// object's identity) names the same slot before and after.
    static func writtenSlots(_ writes: [[ArrayWrite]], slotCount: Int) -> [Int]? {
        let appended = writes.reduce(0) { n, list in n + list.count { if case .insert = $0 { true } else { false } } }
        var count = slotCount - appended
        guard count >= 0 else { return nil }
        var written: [Int] = []
        for list in writes {
            for write in list {
                switch write {
                case .set(let i):
                    guard i >= 0, i < count else { return nil }
                    written.append(i)
                case .insert(let i):
                    guard i == count else { return nil }
                    written.append(i)
                    count += 1
                case .remove, .replaceAll:
                    return nil
                }
            }
        }
        written.sort()
        var unique: [Int] = []
        for slot in written where unique.last != slot { unique.append(slot) }
        return unique
    }

    /// Removes `gone` (each must be there, exactly) from the ascending `list` and inserts `made`.
    private static func replace(_ gone: [Region], with made: [Region], in list: inout [ObservedRegion]) -> Bool {
        for region in gone {
            let old = ObservedRegion(region)
            let i = list.partitionIndex { $0.base < old.base }
            guard i < list.count, list[i] == old else { return false }
            list.remove(at: i)
        }
        for region in made {
            let new = ObservedRegion(region)
            let i = list.partitionIndex { $0.base < new.base }
            guard i == list.count || list[i].base != new.base else { return false }
            list.insert(new, at: i)
        }
        return true
    }

    /// Brings `list` (made from `source` before the writes) up to date with `source`.
    private static func follow<Stored, Observed>(_ writes: [[ArrayWrite]], _ list: inout [Observed], from source: [Stored],
                                                 _ observed: (Stored) -> Observed) -> Bool {
        guard var positions = WrittenPositions(writes[0], count: list.count) else { return false }
        for more in writes.dropFirst() { guard positions.follow(more) else { return false } }
        guard positions.count == source.count else { return false }
        guard !source.isEmpty else {
            list.removeAll(keepingCapacity: true)
            return true
        }
        positions.redoMoves(on: &list, placeholder: observed(source[0]))
        for p in positions.written { list[p] = observed(source[p]) }
        return true
    }
}
