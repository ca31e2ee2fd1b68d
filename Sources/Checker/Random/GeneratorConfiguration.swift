/// Which features the step generator draws and how often: the operation mix, the size classes
/// and the placements. The standard configuration is the one `random` always used; a swarm
/// configuration (Groce et al., "Swarm Testing", ISSTA 2012) leaves each feature out with
/// probability 1/2, so that one shard's runs go deep into, say, fixed placements and munmap
/// without touch getting in the way, while another's never leave small mmaps and touches.
public struct GeneratorConfiguration: Sendable, Hashable, CustomStringConvertible {
    /// Which operation kinds are drawn, in `AbstractStep.Kind` order.
    public var kinds: [Bool]
    /// Which size classes are drawn, in the order of `sizeClassNames`.
    public var sizeClasses: [Bool]
    /// Which placements are drawn, in `StepGenerator.placements` order.
    public var placements: [Bool]
    /// The swarm index the configuration was drawn from (nil: the standard one).
    public var swarmIndex: Int?

    public static let standard = GeneratorConfiguration(
        kinds: Array(repeating: true, count: StepGenerator.kindWeights.count),
        sizeClasses: Array(repeating: true, count: sizeClassNames.count),
        placements: Array(repeating: true, count: StepGenerator.placementWeights.count), swarmIndex: nil)

    static let sizeClassNames = ["1-page", "2-4-pages", "5-16-pages", "up-to-a-table", "log-uniform", "hole-size", "region-size", "zero"]
    /// The size classes' weights in percent, for mmap and for munmap/mprotect (mmap aims at holes
    /// more, the others at regions).
    static let mmapSizeWeights: [UInt64] = [42, 22, 12, 5, 3, 9, 6, 1]
    static let rangeSizeWeights: [UInt64] = [42, 22, 12, 5, 3, 3, 12, 1]

    /// Swarm configuration `index`, drawn from the index alone with SplitMix64: each operation
    /// kind but mmap (without it nothing is ever mapped), each size class and each placement is
    /// kept with probability 1/2; a group left empty keeps one feature, drawn from the same stream.
    public static func swarm(_ index: Int) -> GeneratorConfiguration {
        var rng = SplitMix64(seed: SplitMix64.mix(0x5357_4152_4d00_0000 &+ UInt64(index)))
        func draw(_ count: Int, always: Int?) -> [Bool] {
            var kept = (0 ..< count).map { $0 == always || rng.chance(50) }
            if !kept.contains(true) { kept[Int(rng.below(UInt64(count)))] = true }
            return kept
        }
        let kinds = draw(StepGenerator.kindWeights.count, always: Int(AbstractStep.Kind.mmap.rawValue))
        let sizes = draw(sizeClassNames.count, always: nil)
        let placements = draw(StepGenerator.placementWeights.count, always: nil)
        return GeneratorConfiguration(kinds: kinds, sizeClasses: sizes, placements: placements, swarmIndex: index)
    }

    func masked(_ weights: [UInt64], _ kept: [Bool]) -> [UInt64] { zip(weights, kept).map { $1 ? $0 : 0 } }

    var kindWeights: [UInt64] { masked(StepGenerator.kindWeights, kinds) }
    var placementWeights: [UInt64] { masked(StepGenerator.placementWeights, placements) }
    func sizeWeights(forMmap: Bool) -> [UInt64] { masked(forMmap ? Self.mmapSizeWeights : Self.rangeSizeWeights, sizeClasses) }

    /// "swarm 2: operations mmap,touch; sizes 1-page,hole-size; placements anywhere,fixed", or "standard".
    public var description: String {
        guard let swarmIndex else { return "standard" }
        func names(_ all: [String], _ kept: [Bool]) -> String { zip(all, kept).filter(\.1).map(\.0).joined(separator: ",") }
        return "swarm \(swarmIndex): operations \(names(AbstractStep.Kind.allCases.map(\.name), kinds)); "
            + "sizes \(names(Self.sizeClassNames, sizeClasses)); "
            + "placements \(names(StepGenerator.placements.map(\.rawValue), placements))"
    }
}
