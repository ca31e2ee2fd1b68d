import Model

/// The MMU and the pools agree with the region tree: no leak, no stale PTE or TLB entry.
enum MemoryProperties {
    static let noLeak = Property(
        id: "no-leak",
        summary: "frames, VMObjects and page tables are in use exactly when something live needs them; freed space is allocatable"
    ) { t in
        let space = t.after
        if case .teardown = t.operation,
           !space.regions.isEmpty || space.frames.usedCount > 0 || !space.directory.tables.isEmpty || !space.objects.live.isEmpty {
            return "after teardown \(space.regions.count) regions, \(space.objects.live.count) VMObjects, "
                + "\(space.frames.usedCount) frames and \(space.directory.tables.count) page tables remain"
        }
        if let problem = space.leakedResource() { return problem }
        // Address space: every hole of the tree can be mapped again exactly (one authority).
        switch t.operation {
        case .touch, .failNext: return nil
        default: break
        }
        var problem: String?
        space.regions.forEachHole { start, end in
            var probe = space
            probe.faults = FaultInjection()
            let hole = try! VirtualRange(base: start, size: end - start)
            do throws(KernelError) {
                try probe.mmap(size: hole.size, protection: .none, placement: .fixedNoReplace(hole.base))
            } catch {
                problem = "the hole \(hole) is free in the region tree but mapping it fixed-noreplace fails with \(error)"
                return true
            }
            return false
        }
        return problem
    }

    static let mmuCoherence = Property(
        id: "mmu-coherence",
        summary: "accessible regions have page tables; a PTE is present iff its page is accessible and populated, with the right frame and write bit"
    ) { space in
        let P = space.pageSize
        for region in space.regions.regions where region.protection.isAccessible {
            if let page = space.firstPageWithoutTable(region) {
                return "page \(page.hex) of \(region.range) (\(region.protection)) has no page table"
            }
            guard let object = space.object(of: region) else { continue }
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
            guard let region = space.regions.region(containing: address), region.protection.isAccessible else {
                return "a PTE maps \(address.hex), which is in no accessible region"
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
            let address = (entry.page * space.pageSize).hex
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
    /// not held).
    func leakedResource() -> String? {
        var referencing: [VMObjectID: Int32] = [:]
        for region in regions.regions {
            guard objects.contains(region.object) else {
                return "region \(region.range) refers to a destroyed VMObject (a dangling region)"
            }
            referencing[region.object, default: 0] += 1
        }
        var owned: [FrameNumber: Int] = [:]
        for (id, object) in objects.live {
            let refs = referencing[id] ?? 0
            if refs == 0 { return "a VMObject of \(object.pageCount) pages is alive but no region refers to it" }
            if object.referenceCount != refs {
                return "a VMObject's reference count is \(object.referenceCount) but \(refs) regions refer to it"
            }
            for page in object.populated { owned[page.frame, default: 0] += 1 }
        }
        for (frame, count) in owned {
            if count > 1 { return "frame \(frame) backs \(count) VMObject pages" }
            if !frames.isInUse(frame) { return "frame \(frame) backs a VMObject page but is free in the pool" }
        }
        if let stray = frames.inUse.first(where: { owned[$0] == nil }) {
            return "frame \(stray) is in use but no live VMObject owns it"
        }
        for table in directory.tables where !isTableNeeded(table) {
            return "page table \(table) (pages \((table * universe.pagesPerTable * pageSize).hex)…) is allocated but no accessible region needs it"
        }
        return nil
    }
}
