import Model

/// What munmap/mprotect must make of one region they cut (SPEC §2), by arithmetic: the 0–2
/// parts outside the operated range keep the source's protection and show the same object
/// pages (`offset + (part.base - source.base) / P`); the covered part is gone (munmap) or has
/// the new protection (mprotect).
enum SplitOracle {
    /// One span of the address space as it must look after the step.
    struct ExpectedPiece {
        var span: AddressSpan
        /// nil: nothing may be mapped there.
        var protection: Protection?
        var object: UInt64
        /// The object page shown at `span.lower`.
        var objectPage: UInt64
    }

    /// The parts of `source` below and above `range` (each empty when there is none).
    static func outsideParts(of source: AddressSpan, cutBy range: AddressSpan) -> (below: AddressSpan, above: AddressSpan) {
        let below = range.lower > source.lower ? AddressSpan(source.lower, min(range.lower, source.upper)) : AddressSpan(source.lower, source.lower)
        let above = range.upper < source.upper ? AddressSpan(max(range.upper, source.lower), source.upper) : AddressSpan(source.upper, source.upper)
        return (below, above)
    }

    /// The pieces of one cut region that are not empty, in address order, held inline: an array
    /// of them was two heap allocations per region a munmap or mprotect cut.
    struct Pieces: Sequence, IteratorProtocol {
        fileprivate var all: (ExpectedPiece, ExpectedPiece, ExpectedPiece)
        fileprivate var position = 0

        mutating func next() -> ExpectedPiece? {
            while position < 3 {
                let piece = switch position {
                case 0: all.0
                case 1: all.1
                default: all.2
                }
                position += 1
                if !piece.span.isEmpty { return piece }
            }
            return nil
        }
    }

    /// Every span `source` must turn into when `range` is unmapped (`newProtection` nil) or
    /// re-protected.
    static func pieces(of source: ObservedRegion, cutBy range: AddressSpan, newProtection: Protection?, pageSize: UInt64) -> Pieces {
        let span = AddressSpan(source)
        let (below, above) = outsideParts(of: span, cutBy: range)
        let covered = span.intersection(range)
        func piece(_ s: AddressSpan, _ protection: Protection?) -> ExpectedPiece {
            ExpectedPiece(span: s, protection: protection, object: source.object, objectPage: source.offset + (s.lower - span.lower) / pageSize)
        }
        return Pieces(all: (piece(below, source.protection), piece(covered, newProtection), piece(above, source.protection)))
    }
}
