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
        // Regions: the written slots' old regions out, their new ones in, in one splice.
        var gone: [ObservedRegion] = [], made: [ObservedRegion] = []
        for record in records {
            guard let before = record.regionsBefore, let after = record.regionsAfter else { return false }
            for region in before.map(ObservedRegion.init) {
                // One an earlier record made is not in the list yet: it was never there.
                if let k = made.firstIndex(of: region) { made.remove(at: k) } else { gone.append(region) }
            }
            made += after.map(ObservedRegion.init)
        }
        guard Self.splice(&observation.regions, removing: gone, inserting: made, key: \.base),
              observation.regions.count == regions.count else { return false }
        // Objects: the written slots re-read, in one splice.
        let store = objects.slots
        guard let written = Self.writtenSlots(records.map(\.objectSlots), slotCount: store.count) else { return false }
        if let low = written.first, let high = written.last {
            let lower = observation.objects.partitionIndex { $0.id < UInt64(low) }
            let upper = observation.objects.partitionIndex { $0.id <= UInt64(high) }
            var segment: [ObservedObject] = []
            var w = 0
            func reread(_ slot: Int) {
                if let object = store[slot] { segment.append(ObservedObject(object, slot: slot)) }
            }
            for object in observation.objects[lower ..< upper] {
                while w < written.count && UInt64(written[w]) < object.id { reread(written[w]); w += 1 }
                if w < written.count && UInt64(written[w]) == object.id {
                    reread(written[w])
                    w += 1
                    continue
                }
                segment.append(object)
            }
            while w < written.count { reread(written[w]); w += 1 }
            observation.objects.replaceSubrange(lower ..< upper, with: segment)
        }
        // The lists made element for element from one stored array.
        return Self.follow(records.map(\.pageTables), &observation.pageTables, from: directory.tables, { $0 })
            && Self.follow(records.map(\.ptes), &observation.ptes, from: directory.ptes.entries, ObservedTranslation.init)
            && Self.follow(records.map(\.tlb), &observation.tlb, from: tlb.entries, ObservedTranslation.init)
            && Self.follow(records.map(\.frames), &observation.framesInUse, from: frames.used, ObservedFrame.init)
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
        return written.sortedWithoutDuplicates()
    }

    /// Removes `gone` (each must be there, exactly) from the list ascending by `key` and inserts
    /// `made`, rewriting only the part of the list between the least and the greatest key they name.
    private static func splice(_ list: inout ObservedList<ObservedRegion>, removing gone: [ObservedRegion], inserting made: [ObservedRegion],
                               key: (ObservedRegion) -> UInt64) -> Bool {
        let keys = gone.map(key) + made.map(key)
        guard let low = keys.min(), let high = keys.max() else { return true }
        let lower = list.partitionIndex { key($0) < low }, upper = list.partitionIndex { key($0) <= high }
        var found = 0
        var segment: [ObservedRegion] = []
        segment.reserveCapacity(upper - lower + made.count)
        for element in list[lower ..< upper] {
            if gone.contains(element) { found += 1 } else { segment.append(element) }
        }
        guard found == gone.count else { return false }
        segment += made
        segment.sort { key($0) < key($1) }
        for i in segment.indices.dropFirst() where key(segment[i - 1]) == key(segment[i]) { return false }
        list.replaceSubrange(lower ..< upper, with: segment)
        return true
    }

    /// Brings `list` (made from `source` before the writes) up to date with `source`.
    private static func follow<Stored, Observed>(_ writes: [[ArrayWrite]], _ list: inout [Observed], from source: [Stored],
                                                 _ observed: (Stored) -> Observed) -> Bool {
        guard let positions = WrittenPositions(records: writes, count: list.count), positions.count == source.count else { return false }
        guard !source.isEmpty else {
            list.removeAll(keepingCapacity: true)
            return true
        }
        positions.redoMoves(on: &list, placeholder: observed(source[0]))
        for p in positions.written { list[p] = observed(source[p]) }
        return true
    }
}
