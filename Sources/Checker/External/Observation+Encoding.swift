import Model

/// Reusable buffers for `Observation.encode`.
public struct ObservationScratch {
    var objectIDs: [UInt64: UInt64] = [:]
    var frameIDs: [UInt64: UInt64] = [:]
    public init() {}
}

extension Observation {
    /// The canonical encoding the explorer stores for an external implementation's state, laid
    /// out as `AddressSpace.encode` lays out the model's: pages relative to the total range, and
    /// object and frame identities renumbered by first appearance (walking regions in address
    /// order), so two observations that differ only in the implementation's numbering encode the
    /// same. The heap counter is left out (it only grows).
    public func encode(into out: inout [UInt8], universe: Universe, scratch: inout ObservationScratch) {
        let pageSize = universe.pageSize
        let firstPage = universe.base / pageSize
        scratch.objectIDs.removeAll(keepingCapacity: true)
        scratch.frameIDs.removeAll(keepingCapacity: true)
        let live = Dictionary(objects.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        let reportsObjects = capabilities.contains(.objectsAndFrames)
        var order: [UInt64] = []

        out.appendLEB128(UInt64(regions.count))
        var previousEnd = firstPage
        for region in regions {
            let first = region.base / pageSize
            out.appendLEB128(first &- previousEnd)
            out.appendLEB128(region.size / pageSize)
            out.append(region.protection.rawValue)
            var id: UInt64 = 0
            if !reportsObjects || live[region.object] != nil {
                if let known = scratch.objectIDs[region.object] {
                    id = known
                } else {
                    order.append(region.object)
                    id = UInt64(order.count)
                    scratch.objectIDs[region.object] = id
                }
            }
            out.appendLEB128(id)
            out.appendLEB128(region.offset)
            previousEnd = (region.base &+ region.size) / pageSize
        }
        let referenced = order.count
        for object in objects where scratch.objectIDs[object.id] == nil { order.append(object.id) }
        out.appendLEB128(UInt64(order.count - referenced))
        if reportsObjects {
            let inUse = Dictionary(framesInUse.map { ($0.frame, $0.contents) }, uniquingKeysWith: { first, _ in first })
            func frame(_ number: UInt64, _ out: inout [UInt8]) {
                guard let contents = inUse[number] else { out.append(0); return }
                if let known = scratch.frameIDs[number] {
                    out.appendLEB128(known)
                } else {
                    let id = UInt64(scratch.frameIDs.count + 1)
                    scratch.frameIDs[number] = id
                    out.appendLEB128(id)
                    out.appendLEB128(UInt64(contents))
                }
            }
            for id in order {
                let object = live[id]!
                out.appendLEB128(object.pageCount)
                out.appendLEB128(UInt64(UInt32(truncatingIfNeeded: object.referenceCount)))
                out.appendLEB128(UInt64(object.populated.count))
                for page in object.populated {
                    out.appendLEB128(page.page)
                    frame(page.frame, &out)
                }
            }
            let leaked = framesInUse.filter { scratch.frameIDs[$0.frame] == nil }
            out.appendLEB128(UInt64(leaked.count))
            for f in leaked { out.appendLEB128(UInt64(f.contents)) }
            let firstTable = firstPage / universe.pagesPerTable
            out.appendLEB128(UInt64(pageTables.count))
            for table in pageTables { out.appendLEB128(table &- firstTable) }
            for set in [ptes, capabilities.contains(.tlb) ? tlb : []] {
                out.appendLEB128(UInt64(set.count))
                for entry in set {
                    out.appendLEB128(entry.page &- firstPage)
                    frame(entry.frame, &out)
                    out.append(entry.writable ? 1 : 0)
                }
            }
        } else {
            // Without objects, frames are only the pools' truth: their data, in frame order.
            out.appendLEB128(UInt64(framesInUse.count))
            for f in framesInUse { out.appendLEB128(UInt64(f.contents)) }
            out.appendLEB128(UInt64(pageTables.count))
        }
    }

    /// The encoding as a fresh array.
    public func canonicalEncoding(universe: Universe) -> [UInt8] {
        var out: [UInt8] = []
        var scratch = ObservationScratch()
        encode(into: &out, universe: universe, scratch: &scratch)
        return out
    }
}

extension Array where Element == UInt8 {
    /// LEB128, as the model's state encoding writes numbers.
    mutating func appendLEB128(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            append(UInt8(v & 0x7f) | 0x80)
            v >>= 7
        }
        append(UInt8(v))
    }
}
