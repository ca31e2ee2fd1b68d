import Model

/// The distribution random runs draw steps from. Weighted towards what finds allocator bugs:
/// small page counts with an occasional large one, addresses at region edges, in holes and at the
/// ends of the range, and now and then a failure injected into the frame or page-table pool.
/// It looks at the state only to aim (how many regions there are, how big one is); whatever it
/// draws resolves in any state, so shrinking can delete steps freely.
public struct StepGenerator: Sendable {
    public let universe: Universe
    /// The largest page count a "large" size takes (capped so a run stays fast on `serenity`).
    let largePages: UInt64
    /// The largest alignment, as a power of two of pages.
    let maxAlignmentLog2: UInt64
    /// The features drawn (the standard mix, or a swarm shard's).
    public let configuration: GeneratorConfiguration
    let kindWeights: [UInt64]
    let placementWeights: [UInt64]
    let mmapSizeWeights: [UInt64]
    let rangeSizeWeights: [UInt64]

    public init(universe: Universe, configuration: GeneratorConfiguration = .standard) {
        self.universe = universe
        largePages = min(universe.pages + 2, 1 << 16)
        maxAlignmentLog2 = universe.pages <= 64 ? 3 : 9
        self.configuration = configuration
        kindWeights = configuration.kindWeights
        placementWeights = configuration.placementWeights
        mmapSizeWeights = configuration.sizeWeights(forMmap: true)
        rangeSizeWeights = configuration.sizeWeights(forMmap: false)
    }

    // Weights, in the order of the cases they choose between.
    // exec is drawn with weight 0 for now: the shrinker cannot yet turn an exec into the plain
    // mmaps it stands for, so a drawn exec can keep a counterexample one step longer than the
    // shortest (MutantShrinkTests). Traces and the explorer's letters reach it.
    static let kindWeights: [UInt64] = [30, 18, 14, 32, 4, 2, 0]  // mmap munmap mprotect touch failNext teardown exec
    static let kinds = AbstractStep.Kind.allCases
    static let placementWeights: [UInt64] = [34, 13, 22, 17, 8, 6]  // anywhere randomized fixed-noreplace fixed top-down hint
    static let placements: [Operation.PlacementKind] = [.anywhere, .randomized, .fixedNoReplace, .fixed, .topDown, .hint]
    static let protections: [Protection] = [.readWrite, .read, .none, [.read, .execute], [.read, .write, .execute], .write]
    static let protectionWeights: [UInt64] = [50, 15, 15, 8, 6, 6]

    /// Draws the next step.
    public func draw(in space: AddressSpace, _ rng: inout SplitMix64) -> AbstractStep {
        var step = AbstractStep(Self.kinds[rng.pick(weights: kindWeights)])
        switch step.kind {
        case .mmap:
            step.placement = Self.placements[rng.pick(weights: placementWeights)]
            step.size = drawSize(in: space, &rng, forMmap: true)
            step.protection = drawProtection(&rng)
            step.alignmentPages = drawAlignment(&rng)
            if step.placement == .fixed || step.placement == .fixedNoReplace || step.placement == .hint {
                step.anchor = drawAnchor(in: space, &rng)
                step.misalign = drawMisalign(&rng)
            }
            step.choice = rng.next()
            step.sizeTrim = drawTrim(&rng)
        case .munmap, .mprotect:
            step.size = drawSize(in: space, &rng, forMmap: false)
            step.sizeTrim = drawTrim(&rng)
            step.anchor = drawAnchor(in: space, &rng)
            step.misalign = drawMisalign(&rng)
            if step.kind == .mprotect { step.protection = drawProtection(&rng) }
        case .touch:
            step.write = rng.chance(50)
            step.value = UInt32(rng.below(1000) + 1)
            let count = UInt64(space.regions.count)
            if count > 0 && rng.chance(75) {
                // Aim inside a region: the accesses that populate pages and meet stale translations.
                let index = rng.below(count)
                let pages = space.region(index).map { $0.range.size / universe.pageSize } ?? 1
                step.anchor = .regionStart(index: index, pages: rng.chance(50) ? 0 : rng.below(pages))
            } else {
                step.anchor = drawAnchor(in: space, &rng)
            }
            step.misalign = rng.chance(20) ? rng.below(universe.pageSize) : 0
        case .failNext:
            step.failKind = rng.chance(50) ? .frame : .pageTable
            step.failCount = rng.chance(80) ? 1 : 2
        case .teardown:
            break
        case .exec:
            step.size = drawSize(in: space, &rng, forMmap: true)
            step.protection = drawProtection(&rng)
            if rng.chance(50) {
                step.placement = .fixedNoReplace
                step.anchor = drawAnchor(in: space, &rng)
            }
        }
        return step
    }

    /// Small page counts mostly; sometimes a large one, a hole's or a region's exact size, or 0.
    func drawSize(in space: AddressSpace, _ rng: inout SplitMix64, forMmap: Bool) -> SizeChoice {
        let regionCount = UInt64(space.regions.count)
        // The classes of GeneratorConfiguration.sizeClassNames; the standard weights sum to 100.
        switch rng.pick(weights: forMmap ? mmapSizeWeights : rangeSizeWeights) {
        case 0: return .pages(1)
        case 1: return .pages(2 + rng.below(3))
        case 2: return .pages(5 + rng.below(12))
        case 3: return .pages(17 + rng.below(max(min(largePages, 512), 17) - 16))
        case 4:
            // Log-uniform up to the cap: occasionally very large.
            let bits = UInt64(64 - largePages.leadingZeroBitCount)
            return .pages(1 + rng.below(UInt64(1) << rng.below(bits + 1)))
        case 5:
            let index = rng.below(regionCount + 1)
            return fitsCap(space.hole(index)?.size, space) ? .hole(index: index) : .pages(1 + rng.below(largePages))
        case 6:
            let index = rng.below(max(regionCount, 1))
            return fitsCap(space.region(index)?.range.size, space) ? .region(index: index) : .pages(1 + rng.below(largePages))
        default: return .pages(0)
        }
    }

    /// Exact fits are drawn only up to the large-size cap: a hole of a hundred million pages is
    /// not a bug-finding size, and mapping it would fill the page-table pool page table by page table.
    private func fitsCap(_ bytes: UInt64?, _ space: AddressSpace) -> Bool {
        (bytes ?? 0) / universe.pageSize <= largePages
    }

    func drawProtection(_ rng: inout SplitMix64) -> Protection {
        Self.protections[rng.pick(weights: Self.protectionWeights)]
    }

    /// Usually the default; sometimes a power of two up to the cap, one explicit page, or an
    /// alignment that is not a power of two (EINVAL).
    func drawAlignment(_ rng: inout SplitMix64) -> UInt64 {
        switch rng.below(100) {
        case ..<82: 0
        case ..<85: 1
        case ..<98: UInt64(1) << (1 + rng.below(maxAlignmentLog2))
        default: 3
        }
    }

    /// Region edges, holes, the ends of the range, any page, and now and then below the range.
    func drawAnchor(in space: AddressSpace, _ rng: inout SplitMix64) -> Anchor {
        let regions = UInt64(space.regions.count)
        let smallOffset = { (rng: inout SplitMix64) -> UInt64 in
            switch rng.below(10) {
            case ..<6: 0
            case ..<8: 1
            default: 2 + rng.below(6)
            }
        }
        switch rng.below(100) {
        case ..<33: return .regionStart(index: rng.below(max(regions, 1)), pages: smallOffset(&rng))
        case ..<48: return .regionEnd(index: rng.below(max(regions, 1)), pages: rng.below(3))
        case ..<72: return .hole(index: rng.below(regions + 1), pages: smallOffset(&rng))
        case ..<80: return .rangeStart(pages: rng.below(4))
        case ..<88: return .rangeEnd(pages: rng.below(4))
        case ..<98: return .page(rng.below(universe.pages))
        default: return .belowRange(pages: rng.below(4))
        }
    }

    func drawMisalign(_ rng: inout SplitMix64) -> UInt64 {
        rng.chance(3) ? 1 + rng.below(universe.pageSize - 1) : 0
    }

    func drawTrim(_ rng: inout SplitMix64) -> UInt64 {
        rng.chance(5) ? 1 + rng.below(universe.pageSize - 1) : 0
    }
}
