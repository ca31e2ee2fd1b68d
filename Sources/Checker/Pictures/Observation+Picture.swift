import Model

/// The ASCII picture of an observed address space that reports and `replay` print after each
/// step: drawn by the checker from an observation, with the counterexample's stable identities.
extension Observation {
    /// Pages drawn one character each when the universe is this small; larger ones are listed.
    public static let pictureMaxPages: UInt64 = 128

    /// A page map (small universes), then one line per region and hole, then the MMU and pools.
    /// `notes` are lines the driver knows of (pending injected failures, a legacy free list).
    ///
    ///     |AAb.CC..|  A-Z accessible regions, a-z PROT_NONE, . hole, # overlap
    ///     A [0x10000, 0x12000) rw-  2 pages  obj 1 +0  populated 1
    public func picture(universe: Universe, identities: ObjectIdentities, notes: [String] = []) -> String {
        let pageSize = universe.pageSize
        var lines: [String] = []
        func number(_ region: ObservedRegion) -> Int { identities.number(of: region.object) ?? 0 }
        func letter(_ region: ObservedRegion) -> Character {
            number(region) == 0 ? "?" : ObjectIdentities.letter(for: number(region), accessible: region.protection.isAccessible)
        }
        if universe.pages <= Self.pictureMaxPages {
            var map = [Character](repeating: ".", count: Int(universe.pages))
            for region in regions where region.base >= universe.base {
                let first = (region.base - universe.base) / pageSize
                for p in first ..< first + region.size / pageSize where p < universe.pages {
                    map[Int(p)] = map[Int(p)] == "." ? letter(region) : "#"
                }
            }
            lines.append("  |" + String(map) + "|  \(universe.base.hex)..\(universe.end.hex)")
        }
        let objectsByID = Dictionary(objects.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var previousEnd = universe.base
        var holesShown = 0
        func hole(_ start: UInt64, _ end: UInt64) {
            guard start < end else { return }
            holesShown += 1
            if holesShown <= 16 {
                lines.append("  . \(byteRange(start, end)) hole, \((end - start) / pageSize) pages")
            }
        }
        for region in regions {
            hole(previousEnd, region.base)
            let pages = region.size / pageSize
            var state = "populated ?"
            if capabilities.contains(.objectsAndFrames) {
                if let object = objectsByID[region.object] {
                    let populated = object.populated.count { $0.page >= region.offset && $0.page < region.offset + pages }
                    state = "populated \(populated)"
                } else {
                    state = "DANGLING (VMObject destroyed)"
                }
            }
            lines.append("  \(letter(region)) \(byteRange(region.base, region.end)) \(region.protection)  \(pages) pages  obj \(number(region)) +\(region.offset)  \(state)")
            previousEnd = max(previousEnd, region.end)
        }
        hole(previousEnd, universe.end)
        if holesShown > 16 { lines.append("  … \(holesShown - 16) more holes") }
        var mmu: [String] = []
        if capabilities.contains(.pageTables) { mmu.append("tables \(pageTables.count)/\(universe.pageTables)  ptes \(ptes.count)") }
        if capabilities.contains(.tlb) { mmu.append("tlb \(tlb.count)") }
        if capabilities.contains(.objectsAndFrames) { mmu.append("frames \(framesInUse.count)/\(universe.frames)") }
        if !mmu.isEmpty || !notes.isEmpty { lines.append("  " + (mmu + notes).joined(separator: "  ")) }
        return lines.joined(separator: "\n")
    }
}

extension AddressSpace {
    /// This space's picture on its own (identities numbered fresh, as for a single state).
    public var picture: String {
        let observed = observation()
        var identities = ObjectIdentities()
        identities.advance(to: observed, created: nil)
        return observed.picture(universe: universe, identities: identities, notes: pictureNotes)
    }

    /// What the driver knows beyond the observation: injected failures still pending and the
    /// legacy design's free list.
    var pictureNotes: [String] {
        var notes: [String] = []
        if faults.pendingFrameFailures > 0 || faults.pendingPageTableFailures > 0 {
            notes.append("pending failures: frame \(faults.pendingFrameFailures), page table \(faults.pendingPageTableFailures)")
        }
        if let legacy = legacyAllocator {
            notes.append("\n  legacy free list: " + legacy.free.map(\.description).joined(separator: " "))
        }
        return notes
    }
}

/// "[0x10000, 0x12000)", as `VirtualRange` prints itself.
func byteRange(_ start: UInt64, _ end: UInt64) -> String { "[\(start.hex), \(end.hex))" }
