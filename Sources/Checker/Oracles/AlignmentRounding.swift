import Model

/// How a design rounds an address up to an alignment, written out here from what each design
/// documents (never the model's function). SPEC §2 admits only power-of-two multiples of P (the
/// reference answers EINVAL to others); the `serenity` design accepts any page multiple and
/// rounds with AK's `round_up_to_power_of_two(x, A) = ((x − 1) & ~(A − 1)) + A`
/// (docs/findings-serenity.md), which is the usual round-up only when A is a power of two.
enum AlignmentRounding: Sendable, Hashable {
    /// Power-of-two alignments only: the lowest multiple at or above.
    case powerOfTwo
    /// AK's mask formula, for every page multiple.
    case akMask

    init(of design: Design) {
        switch design {
        case .reference: self = .powerOfTwo
        case .serenity: self = .akMask
        }
    }

    /// Whether the design places with `alignment` at all (a page multiple is checked apart).
    func accepts(_ alignment: UInt64) -> Bool {
        self == .akMask || alignment.isPowerOfTwo
    }

    /// Where a placement that starts looking at `x` begins: `x` rounded up (nil if that wraps).
    func roundUp(_ x: UInt64, to alignment: UInt64) -> UInt64? {
        if alignment.isPowerOfTwo {
            let (rounded, wraps) = x.roundedUp(to: alignment)
            return wraps ? nil : rounded
        }
        let rounded = ((x &- 1) & ~(alignment - 1)) &+ alignment
        return rounded < x ? nil : rounded
    }

    /// Whether `p` is a position the rounding can produce (its own round-up: a fixed point).
    /// For a power of two, a multiple; for AK's mask and any A, 0 or `u + A` with u sharing no
    /// bit with `A − 1`.
    func isAligned(_ p: UInt64, to alignment: UInt64) -> Bool {
        roundUp(p, to: alignment) == p
    }
}
