/// What `regioncheck prove` proves, for every layout of up to K regions (SPEC §2).
public enum ProveObligation: String, CaseIterable, Sendable, Codable {
    /// `anywhere` placement is sound (the range has the requested size, is aligned and lies in a
    /// hole) and complete (if an aligned hole exists, it returns one, the lowest).
    case anywhere
    /// `fixed-noreplace` succeeds iff the range is inside the total range and free; ENOMEM
    /// outside (a wrapping range included), EEXIST on overlap.
    case fixedNoReplace = "fixed-noreplace"
    /// Carving a region by a range gives parts that, with the intersection, partition it
    /// exactly, each keeping the VMObject at offset = source offset + distance.
    case split
    /// `top-down` placement is sound (the range is aligned and lies in a hole) and complete (if
    /// an aligned hole exists, it returns one, the highest).
    case topDown = "top-down"

    /// The mutant seams whose code the obligation's encoding contains.
    public var seams: Mutations {
        switch self {
        case .anywhere: [.windowNeedsSizePlusAlignment, .tailWindowUntrimmed]
        case .fixedNoReplace: [.specificCheckKeyedOnBase]
        case .split: [.splitOffsetIgnoresSource]
        case .topDown: []
        }
    }

    /// Which arithmetic the encoding uses, and why (for reports and the README).
    public var theory: String {
        switch self {
        case .anywhere: "integers over pages: a window lemma per alignment P·2^j (j = 0…20) and their composition over K regions; rounding lemma in 64-bit bit-vectors"
        case .fixedNoReplace: "integers over pages with the 2^64 wrap bound explicit; a case per region tree.floor finds"
        case .split: "integers over pages; a case per affected region"
        case .topDown: "integers over pages: a window lemma per alignment P·2^j (j = 0…20) and their composition over K regions; rounding-down lemma in 64-bit bit-vectors"
        }
    }

    /// The catalogue property the obligation states for every layout (the one a counterexample
    /// is reported under when its trace cannot be replayed).
    public var property: String {
        switch self {
        case .anywhere: "hole-completeness"
        case .fixedNoReplace: "specific-exactness"
        case .split: "split-partition"
        case .topDown: "top-down-fit"
        }
    }

    /// The alignments the anywhere and top-down obligations cover: P·2^j for j in this range (4 KiB … 4 GiB).
    public static let alignmentExponents = 0 ... 20
}

import Model

extension Mutations {
    /// Mutants that replace an algorithm `prove` encodes by one it does not (the legacy
    /// free-range allocator of `dual-authority`): proving the encoding would say nothing about them.
    public static let notEncodedByProve: Mutations = [.dualAuthority]
}
