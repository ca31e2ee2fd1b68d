import Model

extension AbstractStep {
    /// The concrete operation this step means in `space`. A randomized mmap comes back with no
    /// candidate index: the index is `choice` modulo the candidate count, known only while the
    /// step runs (`RandomExecution.apply` fills it in).
    public func resolve(in space: AddressSpace) -> Operation {
        let P = space.pageSize
        switch kind {
        case .mmap:
            let bytes = byteSize(in: space)
            let alignment: UInt64? = alignmentPages == 0 ? nil : alignmentPages &* P
            switch placement {
            case .anywhere, .randomized, .topDown:
                return .mmap(size: bytes, protection: protection, placement: placement, address: nil, alignment: alignment, choice: nil)
            case .fixed, .fixedNoReplace, .hint:
                return .mmap(size: bytes, protection: protection, placement: placement, address: address(in: space),
                             alignment: alignment, choice: nil)
            }
        case .munmap:
            return .munmap(address: address(in: space), size: byteSize(in: space))
        case .mprotect:
            return .mprotect(address: address(in: space), size: byteSize(in: space), protection: protection)
        case .touch:
            return .touch(address: address(in: space), write: write, value: write ? value : 0)
        case .failNext:
            return .failNext(kind: failKind, count: failCount)
        case .teardown:
            return .teardown
        case .exec:
            // The ELF segment the step describes, then a one-page stack placed anywhere.
            let segment = ExecSegment(address: placement == .fixedNoReplace ? address(in: space) : nil,
                                      size: byteSize(in: space), protection: protection)
            return .exec(segments: [segment, ExecSegment(size: P, protection: .readWrite)])
        }
    }

    /// The size in bytes: a page count, or the exact size of a hole or region, less the trim.
    func byteSize(in space: AddressSpace) -> UInt64 {
        let P = space.pageSize
        let bytes: UInt64
        switch size {
        case .pages(let n):
            bytes = n &* P
        case .hole(let index):
            bytes = space.hole(index).map { $0.size } ?? P
        case .region(let index):
            bytes = space.region(index)?.range.size ?? P
        }
        return bytes > sizeTrim ? bytes - sizeTrim : bytes
    }

    /// The anchored address plus the misalignment; wrapping arithmetic, so an absurd combination
    /// is an address the model must reject, never a trap here.
    func address(in space: AddressSpace) -> UInt64 {
        let P = space.pageSize
        let u = space.universe
        let page: UInt64
        switch anchor {
        case .rangeStart(let n):
            page = u.base / P &+ n % u.pages
        case .rangeEnd(let n):
            page = u.end / P &- 1 &- n % u.pages
        case .regionStart(let index, let n):
            guard let region = space.region(index) else { return u.base &+ n % u.pages &* P &+ misalign }
            page = region.range.base / P &+ n
        case .regionEnd(let index, let n):
            guard let region = space.region(index) else { return u.base &+ n % u.pages &* P &+ misalign }
            page = region.range.end / P &- n
        case .hole(let index, let n):
            guard let hole = space.hole(index) else { return u.base &+ n % u.pages &* P &+ misalign }
            page = hole.base / P &+ n
        case .page(let n):
            page = u.base / P &+ n % u.pages
        case .belowRange(let n):
            page = u.base / P &- 1 &- n
        }
        return page &* P &+ misalign
    }
}

extension AddressSpace {
    /// The `index`-th region in address order, the index wrapping around the region count.
    func region(_ index: UInt64) -> Region? {
        let count = UInt64(regions.count)
        guard count > 0 else { return nil }
        var remaining = index % count
        for region in regions.regions {
            if remaining == 0 { return region }
            remaining -= 1
        }
        return nil
    }

    /// The number of holes (maximal free ranges) of the region tree.
    var holeCount: UInt64 {
        var count: UInt64 = 0
        regions.forEachHole { _, _ in
            count += 1
            return false
        }
        return count
    }

    /// The `index`-th hole in address order, the index wrapping around the hole count.
    func hole(_ index: UInt64) -> VirtualRange? {
        let count = holeCount
        guard count > 0 else { return nil }
        var remaining = index % count
        var found: VirtualRange?
        regions.forEachHole { start, end in
            if remaining == 0 {
                found = try? VirtualRange(base: start, size: end - start)
                return true
            }
            remaining -= 1
            return false
        }
        return found
    }
}
