/// mprotect: give every page of a range a new protection, splitting regions partly covered.
extension AddressSpace {
    public mutating func mprotect(address: UInt64, size: UInt64, protection: Protection) throws(KernelError) {
        if design == .serenity { return try serenityMprotect(address: address, size: size, protection: protection) }
        // An empty range changes nothing and succeeds, as on Linux (SPEC §2).
        if size == 0 { return }
        let range = try VirtualRange.pageRounded(address: address, size: size, pageSize: pageSize)
        let affected = try regions.regions(intersecting: range)
        // Linux's rule: every page of the range must belong to some region.
        var covered: UInt64 = 0
        for region in affected {
            guard let part = region.range.intersection(range) else { throw Self.lookupBroken(region, range) }
            covered += part.size
        }
        guard covered == range.size else { throw .ENOMEM }
        let multiRegion = !(affected.count == 1 && affected[0].range.contains(range))

        try transact { (space: inout AddressSpace, _: inout Bool) throws(KernelError) in
            for source in affected {
                if source.protection == protection {
                    // Mutant seam: the early return that skipped the remaining regions.
                    if multiRegion && space.mutations.contains(.mprotectEarlyReturn) { return }
                    continue
                }
                space.regions.remove(at: source.range.base)
                try space.unmap(source, flush: true)
                let parts = source.range.carve(range)
                guard let middle = source.range.intersection(range) else { throw Self.lookupBroken(source, range) }
                var pieces: [Region] = []
                if let below = parts.below { pieces.append(space.splitPart(of: source, range: below, protection: source.protection)) }
                pieces.append(space.splitPart(of: source, range: middle, protection: protection))
                if let above = parts.above { pieces.append(space.splitPart(of: source, range: above, protection: source.protection)) }
                for piece in pieces {
                    try space.regions.insert(piece)
                    space.retain(objectOf: piece)
                }
                try space.release(objectOf: source)
                for piece in pieces { try space.mapChecked(piece) }
            }
        }
    }

    /// The intersection lookup returned a region outside the range it was asked about.
    static func lookupBroken(_ region: Region, _ range: VirtualRange) -> KernelError {
        .ENOTRECOVERABLE(BrokenAssumption("the lookup of the regions intersecting \(range) returned \(region.range), which does not"))
    }
}
