import Model

extension AbstractStep {
    /// Simpler versions of this step, the boldest first: each changes one choice towards its
    /// default (no injected failure, the default alignment and protection, page-aligned
    /// addresses, fewer pages, lower indices and offsets, `anywhere` placement).
    /// The shrinker keeps the first one that still fails the same way.
    public var simplifications: [AbstractStep] {
        var out: [AbstractStep] = []
        func with(_ change: (inout AbstractStep) -> Void) {
            var s = self
            change(&s)
            if s != self && !out.contains(s) { out.append(s) }
        }
        switch kind {
        case .failNext:
            with { $0.failCount = 1 }
            with { $0.failKind = .frame }
        case .teardown:
            break
        case .exec:
            with { $0.placement = .anywhere }
            with { $0.protection = .readWrite }
            with { $0.sizeTrim = 0 }
            for size in size.simplifications { with { $0.size = size } }
            if placement == .fixedNoReplace { addressSimplifications(into: with) }
        case .mmap:
            with { $0.placement = .anywhere }
            if placement == .fixed { with { $0.placement = .fixedNoReplace } }
            with { $0.alignmentPages = 0 }
            with { $0.protection = .readWrite }
            with { $0.choice = 0 }
            for smaller in Self.smaller(choice) { with { $0.choice = smaller } }
            with { $0.sizeTrim = 0 }
            for size in size.simplifications { with { $0.size = size } }
            if placement == .fixed || placement == .fixedNoReplace || placement == .hint { addressSimplifications(into: with) }
            for smaller in Self.smaller(alignmentPages) { with { $0.alignmentPages = smaller } }
        case .munmap, .mprotect:
            if kind == .mprotect { with { $0.protection = .readWrite } }
            with { $0.sizeTrim = 0 }
            for size in size.simplifications { with { $0.size = size } }
            addressSimplifications(into: with)
        case .touch:
            with { $0.write = false }
            with { $0.value = 1 }
            addressSimplifications(into: with)
        }
        return out
    }

    private func addressSimplifications(into with: ((inout AbstractStep) -> Void) -> Void) {
        with { $0.misalign = 0 }
        for anchor in anchor.simplifications { with { $0.anchor = anchor } }
        for smaller in Self.smaller(misalign) { with { $0.misalign = smaller } }
    }

    /// 0, then n - n/2, n - n/4, ... n - 1: the candidates for a smaller number, boldest first.
    static func smaller(_ n: UInt64) -> [UInt64] {
        guard n > 0 else { return [] }
        var out: [UInt64] = [0]
        var cut = n / 2
        while cut > 0 {
            if out.last != n - cut { out.append(n - cut) }
            cut /= 2
        }
        return out
    }
}

extension Anchor {
    /// The range start first, then the same anchor with a lower index or offset.
    var simplifications: [Anchor] {
        var out: [Anchor] = [.rangeStart(pages: 0)]
        let smaller = AbstractStep.smaller
        switch self {
        case .rangeStart(let n):
            out += smaller(n).map { .rangeStart(pages: $0) }
        case .rangeEnd(let n):
            out += smaller(n).map { .rangeEnd(pages: $0) }
        case .regionStart(let i, let n):
            out += smaller(i).map { .regionStart(index: $0, pages: n) } + smaller(n).map { .regionStart(index: i, pages: $0) }
        case .regionEnd(let i, let n):
            out.append(.regionStart(index: i, pages: 0))
            out += smaller(i).map { .regionEnd(index: $0, pages: n) } + smaller(n).map { .regionEnd(index: i, pages: $0) }
        case .hole(let i, let n):
            out += smaller(i).map { .hole(index: $0, pages: n) } + smaller(n).map { .hole(index: i, pages: $0) }
        case .page(let n):
            out += smaller(n).map { .page($0) }
        case .belowRange(let n):
            out += smaller(n).map { .belowRange(pages: $0) }
        }
        return out
    }
}

extension SizeChoice {
    /// One page first, then fewer pages or a lower index.
    var simplifications: [SizeChoice] {
        var out: [SizeChoice] = [.pages(1)]
        switch self {
        case .pages(let n):
            out += AbstractStep.smaller(n).filter { $0 > 1 }.map { .pages($0) }
        case .hole(let i):
            out += AbstractStep.smaller(i).map { .hole(index: $0) }
        case .region(let i):
            out += AbstractStep.smaller(i).map { .region(index: $0) }
        }
        return out
    }
}
