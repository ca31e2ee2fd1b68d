import Model

/// One step of a random run as the generator draws it: a small value of *choices* that names
/// addresses and sizes relative to the state ("the 2nd region, from its 1st page", "the size of
/// the 3rd hole") instead of absolute numbers. `resolve(in:)` turns it into a concrete `Operation`
/// at run time, so when the shrinker deletes an earlier step, later steps still point at something
/// that exists. Every field shrinks towards zero / the default, which is also its simplest meaning.
public struct AbstractStep: Sendable, Hashable {
    public enum Kind: UInt8, Sendable, Hashable, CaseIterable {
        case mmap, munmap, mprotect, touch, failNext, teardown, exec
    }

    public var kind: Kind
    /// mmap; exec: fixed-noreplace puts the first segment at the anchor, anything else anywhere.
    public var placement: Operation.PlacementKind = .anywhere
    /// mmap, munmap, mprotect: how many bytes.
    public var size: SizeChoice = .pages(1)
    /// Bytes cut from the end of the size (0 keeps it page-sized); tests rounding.
    public var sizeTrim: UInt64 = 0
    /// mmap: 0 = the default alignment (no `align` field); n = n pages, a power of two or not.
    public var alignmentPages: UInt64 = 0
    /// mmap and mprotect. Shrinks towards rw-.
    public var protection: Protection = .readWrite
    /// Fixed mmap, munmap, mprotect, touch: where.
    public var anchor: Anchor = .rangeStart(pages: 0)
    /// Bytes added to the anchored address (0 keeps it page-aligned).
    public var misalign: UInt64 = 0
    /// Randomized mmap: the raw draw, reduced modulo the candidate count when the step runs.
    public var choice: UInt64 = 0
    /// touch.
    public var write = false
    public var value: UInt32 = 0
    /// failNext.
    public var failKind: AllocationKind = .frame
    public var failCount = 1

    public init(_ kind: Kind) { self.kind = kind }
}

/// Where an address-taking step points, relative to the state it runs in. Indices wrap around the
/// number of regions or holes; with none there, the step falls back to the range start.
public enum Anchor: Sendable, Hashable {
    /// `pages` pages above the total range's base.
    case rangeStart(pages: UInt64)
    /// `pages + 1` pages below the total range's end (0 = the last page).
    case rangeEnd(pages: UInt64)
    /// The `index`-th region (ascending), `pages` pages above its base.
    case regionStart(index: UInt64, pages: UInt64)
    /// `pages` pages below the end of the `index`-th region (0 = just past it).
    case regionEnd(index: UInt64, pages: UInt64)
    /// The `index`-th hole (ascending), `pages` pages above its start.
    case hole(index: UInt64, pages: UInt64)
    /// Any page of the total range (the number wraps around the page count).
    case page(UInt64)
    /// `pages + 1` pages below the total range's base: outside it, as a bad pointer would be.
    case belowRange(pages: UInt64)
}

/// How big a sized step is.
public enum SizeChoice: Sendable, Hashable {
    /// A page count (0 gives size 0, which the model must reject).
    case pages(UInt64)
    /// Exactly the size of the `index`-th hole (an exact fit).
    case hole(index: UInt64)
    /// Exactly the size of the `index`-th region.
    case region(index: UInt64)
}
