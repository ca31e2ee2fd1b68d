import Model

extension AbstractStep {
    /// The same step in `space`, with its address and size written as absolute page numbers
    /// instead of relative to regions and holes: it runs identically here, and keeps pointing at
    /// the same place when an unrelated earlier step is deleted. Addresses outside the total range
    /// keep their relative form.
    public func absolute(in space: AddressSpace) -> AbstractStep {
        let P = space.pageSize
        let u = space.universe
        var step = self
        switch kind {
        case .mmap, .munmap, .mprotect:
            let bytes = byteSize(in: space)
            let pages = bytes / P + (bytes % P == 0 ? 0 : 1)
            step.size = .pages(pages)
            step.sizeTrim = pages * P - bytes
        default:
            break
        }
        let usesAddress: Bool
        switch kind {
        case .mmap: usesAddress = placement == .fixed || placement == .fixedNoReplace || placement == .hint
        case .munmap, .mprotect, .touch: usesAddress = true
        case .exec: usesAddress = placement == .fixedNoReplace
        case .failNext, .teardown: usesAddress = false
        }
        if usesAddress {
            let address = address(in: space)
            if u.totalRange.contains(address) {
                step.anchor = .page((address - u.base) / P)
                step.misalign = address % P
            }
        }
        return step
    }

    /// The page an absolute-form step points at (`.page(n)`), nil for any other anchor.
    var absolutePage: UInt64? {
        if case .page(let n) = anchor { n } else { nil }
    }

    /// The step with its absolute page moved `shift` pages down if it is at or above `threshold`.
    func shifted(down shift: UInt64, from threshold: UInt64) -> AbstractStep {
        guard let n = absolutePage, n >= threshold else { return self }
        var step = self
        step.anchor = .page(n - shift)
        return step
    }

    /// Steps that do the same kind of thing a little differently, for the shrinker's "delete one
    /// step, adjust another" pass: the nearby anchors (the first pages of the range, the first regions' edges,
    /// the first holes) and sizes of one to four pages; an mmap may also trade its placement for
    /// `anywhere` or an exact one.
    var neighbours: [AbstractStep] {
        var anchors: [Anchor] = []
        for k in 0 ..< 8 as Range<UInt64> { anchors.append(.rangeStart(pages: k)) }
        for i in 0 ..< 3 as Range<UInt64> {
            for k in 0 ..< 3 as Range<UInt64> { anchors.append(.regionStart(index: i, pages: k)) }
            for k in 0 ..< 2 as Range<UInt64> { anchors.append(.regionEnd(index: i, pages: k)) }
            for k in 0 ..< 2 as Range<UInt64> { anchors.append(.hole(index: i, pages: k)) }
        }
        let sizes: [SizeChoice] = (1 ... 4 as ClosedRange<UInt64>).map { .pages($0) }
        var out: [AbstractStep] = []
        func add(_ s: AbstractStep) { if s != self { out.append(s) } }
        switch kind {
        case .mmap:
            // Any mmap may become one of a few pages placed anywhere, or placed exactly nearby.
            for size in sizes {
                var s = self
                s.placement = placement == .fixed ? .fixed : .anywhere
                s.size = size
                s.sizeTrim = 0
                add(s)
                for anchor in anchors {
                    s.placement = placement == .fixed ? .fixed : .fixedNoReplace
                    s.anchor = anchor
                    s.misalign = 0
                    add(s)
                }
            }
        case .munmap, .mprotect:
            for anchor in anchors { for size in sizes { var s = self; s.anchor = anchor; s.misalign = 0; s.size = size; s.sizeTrim = 0; add(s) } }
        case .touch:
            for anchor in anchors { var s = self; s.anchor = anchor; s.misalign = 0; add(s) }
        case .failNext, .teardown, .exec:
            break
        }
        return out
    }
}
