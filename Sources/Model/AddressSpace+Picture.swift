/// The ASCII picture of an address space that reports and `replay` print after each step.
extension AddressSpace {
    /// Pages drawn one character each when the universe is this small; larger ones are listed.
    public static let pictureMaxPages: UInt64 = 128

    /// A page map (small universes), then one line per region and hole, then the MMU and pools.
    ///
    ///     |AAb.CC..|  A-Z accessible regions, a-z PROT_NONE, . hole
    ///     A [0x10000, 0x12000) rw-  2 pages  obj 1 +0  populated 1
    public var picture: String {
        var lines: [String] = []
        let regionList = Array(regions.regions)
        func letter(_ i: Int, _ region: Region) -> Character {
            let scalar = UnicodeScalar(UInt8(65 + i % 26))
            let c = Character(scalar)
            return region.protection.isAccessible ? c : Character(c.lowercased())
        }
        if universe.pages <= Self.pictureMaxPages {
            var map = [Character](repeating: ".", count: Int(universe.pages))
            for (i, region) in regionList.enumerated() {
                let first = (region.range.base - universe.base) / pageSize
                for p in first ..< first + region.range.size / pageSize where p < universe.pages {
                    map[Int(p)] = map[Int(p)] == "." ? letter(i, region) : "#"
                }
            }
            lines.append("  |" + String(map) + "|  \(universe.base.hex)..\(universe.end.hex)")
        }
        var objectNumbers: [VMObjectID: Int] = [:]
        var previousEnd = universe.base
        var holesShown = 0
        func hole(_ start: UInt64, _ end: UInt64) {
            guard start < end else { return }
            holesShown += 1
            if holesShown <= 16 {
                lines.append("  . \(VirtualRange(uncheckedBase: start, size: end - start)) hole, \((end - start) / pageSize) pages")
            }
        }
        for (i, region) in regionList.enumerated() {
            hole(previousEnd, region.range.base)
            let number = objectNumbers[region.object] ?? (objectNumbers.count + 1)
            objectNumbers[region.object] = number
            let object = self.object(of: region)
            let populated = object.map { $0.populated(in: region.offset, count: region.range.size / pageSize).count }
            let state = populated.map { "populated \($0)" } ?? "DANGLING (VMObject destroyed)"
            lines.append("  \(letter(i, region)) \(region.range) \(region.protection)  \(region.range.size / pageSize) pages  obj \(number) +\(region.offset)  \(state)")
            previousEnd = max(previousEnd, region.range.end)
        }
        hole(previousEnd, universe.end)
        if holesShown > 16 { lines.append("  … \(holesShown - 16) more holes") }
        var mmu = "  tables \(directory.tables.count)/\(universe.pageTables)  ptes \(directory.ptes.count)  tlb \(tlb.count)  frames \(frames.usedCount)/\(universe.frames)"
        if faults.pendingFrameFailures > 0 || faults.pendingPageTableFailures > 0 {
            mmu += "  pending failures: frame \(faults.pendingFrameFailures), page table \(faults.pendingPageTableFailures)"
        }
        lines.append(mmu)
        if let legacy = legacyAllocator {
            lines.append("  legacy free list: " + legacy.free.map(\.description).joined(separator: " "))
        }
        return lines.joined(separator: "\n")
    }
}
