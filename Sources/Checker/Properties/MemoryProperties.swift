import Model

/// The MMU and the pools agree with the region tree: no leak, no stale PTE or TLB entry.
enum MemoryProperties {
    static let noLeak = Property(
        id: "no-leak",
        summary: "frames, VMObjects and page tables are in use exactly when something live needs them; freed space is allocatable",
        state: { space in
            if let problem = space.leakedResource() { return problem }
            // Address space: every hole of the tree can be mapped again exactly (one authority).
            // The probe runs mmap's placement step alone, the only step a PROT_NONE mapping can
            // fail at (a test holds it to the whole mmap), without copying the tree and the
            // VMObject table for every hole.
            var problem: String?
            space.regions.forEachHole { start, end in
                let hole = try! VirtualRange(base: start, size: end - start)
                do throws(KernelError) {
                    try space.probeFixedPlacement(of: hole)
                } catch {
                    problem = "the hole \(hole) is free in the region tree but mapping it fixed-noreplace fails with \(error)"
                    return true
                }
                return false
            }
            return problem
        },
        transition: { t in
            guard case .teardown = t.operation else { return nil }
            let space = t.after
            guard !space.regions.isEmpty || space.frames.usedCount > 0 || !space.directory.tables.isEmpty || !space.objects.live.isEmpty
            else { return nil }
            return "after teardown \(space.regions.count) regions, \(space.objects.live.count) VMObjects, "
                + "\(space.frames.usedCount) frames and \(space.directory.tables.count) page tables remain"
        })

    static let mmuCoherence = Property(
        id: "mmu-coherence",
        summary: "accessible regions have page tables; a PTE is present iff its page is readable (R or W) and populated, with the right frame and write bit"
    ) { space in
        let P = space.pageSize
        for region in space.regions.regions where region.protection.isAccessible {
            if let page = space.firstPageWithoutTable(region) {
                return "page \(page.hex) of \(region.range) (\(region.protection)) has no page table"
            }
            guard region.protection.hasPresentEntries, let object = space.object(of: region) else { continue }
            let count = region.range.size / P
            for populated in object.populated(in: region.offset, count: count) {
                let vpn = region.range.base / P + (populated.page - region.offset)
                guard let pte = space.directory.ptes.entry(for: vpn) else {
                    return "page \((vpn * P).hex) of \(region.range) is populated but has no PTE"
                }
                if pte.frame != populated.frame { return "the PTE of \((vpn * P).hex) points at frame \(pte.frame), the page is in frame \(populated.frame)" }
                if pte.writable != region.protection.contains(.write) {
                    return "the PTE of \((vpn * P).hex) is \(pte.writable ? "writable" : "read-only") but \(region.range) is \(region.protection)"
                }
            }
        }
        for pte in space.directory.ptes.entries {
            let address = pte.page * P
            guard let region = space.regions.region(containing: address), region.protection.hasPresentEntries else {
                return "a PTE maps \(address.hex), which is in no readable region"
            }
            guard let frame = space.object(of: region)?.frame(at: region.objectPage(of: address, pageSize: P)) else {
                return "a PTE maps \(address.hex), whose VMObject page is not populated"
            }
            if frame != pte.frame { return "the PTE of \(address.hex) points at frame \(pte.frame), the page is in frame \(frame)" }
            if !space.directory.hasTable(space.directory.table(of: pte.page)) {
                return "a PTE maps \(address.hex) in a page table that is not allocated"
            }
        }
        return nil
    }

    static let tlbCoherence = Property(
        id: "tlb-coherence", summary: "every TLB entry equals the current PTE"
    ) { space in
        for entry in space.tlb.entries {
            var address: String { (entry.page * space.pageSize).hex }  // only for the message
            guard let pte = space.directory.ptes.entry(for: entry.page) else {
                return "the TLB still translates \(address) → frame \(entry.frame), which has no PTE any more (stale entry)"
            }
            if pte != entry {
                return "the TLB entry for \(address) (frame \(entry.frame)\(entry.writable ? ", writable" : "")) differs from its PTE "
                    + "(frame \(pte.frame)\(pte.writable ? ", writable" : ""))"
            }
        }
        return nil
    }
}

extension AddressSpace {
    /// The first frame, VMObject or page table that is held without being needed (or needed but
    /// not held). Runs after every step, so it counts in arrays indexed by slot and merges sorted
    /// lists instead of hashing.
    func leakedResource() -> String? {
        var referencing = [Int32](repeating: 0, count: objects.slots.count)
        for region in regions.regions {
            guard objects.contains(region.object) else {
                return "region \(region.range) refers to a destroyed VMObject (a dangling region)"
            }
            referencing[Int(region.object.raw)] += 1
        }
        var owned: [FrameNumber] = []
        for slot in objects.slots.indices {
            guard let object = objects.slots[slot] else { continue }
            let refs = referencing[slot]
            if refs == 0 { return "a VMObject of \(object.pageCount) pages is alive but no region refers to it" }
            if object.referenceCount != refs {
                return "a VMObject's reference count is \(object.referenceCount) but \(refs) regions refer to it"
            }
            for page in object.populated { owned.append(page.frame) }
        }
        owned.sort()
        for i in owned.indices.dropFirst() where owned[i] == owned[i - 1] {
            return "frame \(owned[i]) backs \(owned.count { $0 == owned[i] }) VMObject pages"
        }
        // Owned frames and frames in use, both ascending, must be the same list.
        let inUse = frames.inUse
        var i = 0, j = 0
        while i < owned.count || j < inUse.count {
            if j == inUse.count || (i < owned.count && owned[i] < inUse[j]) {
                return "frame \(owned[i]) backs a VMObject page but is free in the pool"
            }
            if i == owned.count || inUse[j] < owned[i] {
                return "frame \(inUse[j]) is in use but no live VMObject owns it"
            }
            i += 1
            j += 1
        }
        // Every allocated table must lie in the table span of some accessible region: walk the
        // spans (ascending by first table) beside the tables (ascending).
        let tableBytes = universe.pagesPerTable * pageSize
        var spans = regions.regions.lazy.filter { $0.protection.isAccessible }.makeIterator()
        var span = spans.next().map { ($0.range.base / tableBytes, $0.range.last / tableBytes) }
        for table in directory.tables {
            while let (_, last) = span, last < table {
                span = spans.next().map { ($0.range.base / tableBytes, $0.range.last / tableBytes) }
            }
            guard let (first, _) = span, first <= table else {
                return "page table \(table) (pages \((table * universe.pagesPerTable * pageSize).hex)…) is allocated but no accessible region needs it"
            }
        }
        return nil
    }
}
