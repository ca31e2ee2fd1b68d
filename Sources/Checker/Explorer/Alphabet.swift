import Model

/// The operations the explorer tries in every state, generated from a universe and its
/// `AlphabetSettings`, in a fixed order (the order in which a level's transitions are checked,
/// so the reported counterexample is the first shortest one in this order):
///
/// 1. mmap, for each placement (anywhere, randomized, fixed-noreplace, fixed), size, alignment,
///    protection and — for the fixed placements — address;
/// 2. munmap of every page-aligned range of 1...maxRange pages inside the universe (by length,
///    then address), then, with `unaligned`, of one page from half a page into each page and of
///    one and a half pages from each page (both round out to two pages);
/// 3. mprotect of the same ranges, for each protection;
/// 4. a read and a write of every page (the write stores 1 + the page's index);
/// 5. with `exec`, two exec set-ups (see `AlphabetSettings.exec`);
/// 6. teardown.
///
/// Two kinds of letter stand for several branches, expanded per state by `forEachBranch`:
/// a randomized mmap is one branch per candidate position (`choice: k`), and, with faults on,
/// every branch that allocates a page table (a frame) also runs once with the next page-table
/// (frame) allocation failing: all branches without a failure come first, then those with a
/// page-table failure, then those with a frame failure, each in alphabet order.
public struct Alphabet: Sendable {
    public let universe: Universe
    public let settings: AlphabetSettings
    public let letters: [Operation]
    let isRandomized: [Bool]

    /// Largest universe the explorer enumerates pages of (the 64-bit `serenity` universe is for
    /// random runs and proofs).
    public static let maxPages: UInt64 = 4096
    /// Letters are stored in 16 bits per explored state.
    public static let maxLetters = 1 << 16 - 1

    public init(universe: Universe, settings: AlphabetSettings = .standard, source: String = "alphabet") throws(InputError) {
        guard universe.pages <= Alphabet.maxPages else {
            throw InputError(source: source, message: "universe \(universe.name) has \(universe.pages) pages; "
                + "exhaustive exploration enumerates every page and is limited to \(Alphabet.maxPages)")
        }
        try settings.validate(for: universe, source: source)
        try settings.checkLetterCount(for: universe, limit: Alphabet.maxLetters, source: source)
        self.universe = universe
        self.settings = settings
        let P = universe.pageSize
        let pageAddresses = (0 ..< universe.pages).map { universe.base + $0 * P }
        var letters: [Operation] = []
        for placement in settings.placements {
            for size in settings.sizes {
                for alignment in settings.alignments {
                    for protection in settings.protections {
                        let align: UInt64? = alignment == 1 ? nil : alignment * P
                        switch placement {
                        case .anywhere, .randomized, .topDown:
                            letters.append(.mmap(size: size * P, protection: protection, placement: placement,
                                                 address: nil, alignment: align, choice: nil))
                        case .fixed, .fixedNoReplace, .hint:
                            for address in settings.addresses ?? pageAddresses where address.isAligned(to: alignment * P) {
                                letters.append(.mmap(size: size * P, protection: protection, placement: placement,
                                                     address: address, alignment: align, choice: nil))
                            }
                        }
                    }
                }
            }
        }
        var ranges: [(UInt64, UInt64)] = settings.maxRange == 0 ? [] : (1 ... settings.maxRange).flatMap { pages in
            (0 ... universe.pages - pages).map { first in (universe.base + first * P, pages * P) }
        }
        if settings.unaligned {
            // Half a page in: rounds out to the two pages it touches; one and a half pages from a
            // page start: rounds up to two (a size rounded down would leave the second page).
            ranges += (0 ..< universe.pages - 1).map { (universe.base + $0 * P + P / 2, P) }
            ranges += (0 ..< universe.pages - 1).map { (universe.base + $0 * P, P + P / 2) }
        }
        for (address, size) in ranges { letters.append(.munmap(address: address, size: size)) }
        for protection in settings.protections {
            for (address, size) in ranges { letters.append(.mprotect(address: address, size: size, protection: protection)) }
        }
        if settings.touch {
            for (i, address) in pageAddresses.enumerated() {
                letters.append(.touch(address: address, write: false, value: 0))
                letters.append(.touch(address: address, write: true, value: UInt32(i + 1)))
            }
        }
        if settings.exec && universe.pages >= 3 {
            let text = Protection([.read, .execute])
            letters.append(.exec(segments: [ExecSegment(size: P, protection: text), ExecSegment(size: 2 * P, protection: .readWrite)]))
            letters.append(.exec(segments: [ExecSegment(address: universe.base + P, size: P, protection: text),
                                            ExecSegment(size: P, protection: .readWrite)]))
        }
        if settings.teardown { letters.append(.teardown) }
        guard letters.count <= Alphabet.maxLetters else {
            throw InputError(source: source, message: "the alphabet has \(letters.count) letters; at most \(Alphabet.maxLetters) "
                + "are supported (fewer sizes, addresses or protections, or a smaller maxRange)")
        }
        guard !letters.isEmpty else { throw InputError(source: source, message: "the alphabet is empty: nothing to explore") }
        self.letters = letters
        self.isRandomized = letters.map { op in
            if case .mmap(_, _, .randomized, _, _, _) = op { true } else { false }
        }
    }

    /// The steps of a branch, as a trace records them: an injected failure (if any), then the
    /// operation with its randomized choice filled in.
    public func steps(of branch: Branch) -> [Operation] {
        let operation = operation(of: branch)
        guard let fault = branch.fault else { return [operation] }
        return [.failNext(kind: fault, count: 1), operation]
    }

    /// Calls `body` with every branch from `space` that injects no failure, in alphabet order
    /// (a randomized mmap once per candidate, ascending), until it returns true. The explorer
    /// then tries, in the same order, the branches that inject a failure (see `ExpansionWorker`).
    func forEachPlainBranch(in space: AddressSpace, _ body: (Branch) -> Bool) {
        for letter in letters.indices {
            if isRandomized[letter], case let .mmap(size, _, _, _, alignment, _) = letters[letter] {
                let count = space.regions.randomizedCandidateCount(size: size, alignment: alignment ?? universe.pageSize)
                if count == 0 {
                    if body(Branch(letter: letter)) { return }
                }
                for k in 0 ..< count {
                    if body(Branch(letter: letter, choice: k)) { return }
                }
            } else {
                if body(Branch(letter: letter)) { return }
            }
        }
    }
}

extension Alphabet {
    /// The operation of a branch, with its randomized choice filled in.
    func operation(of branch: Branch) -> Operation {
        let operation = letters[branch.letter]
        if let choice = branch.choice, case let .mmap(size, protection, placement, address, alignment, _) = operation {
            return .mmap(size: size, protection: protection, placement: placement, address: address, alignment: alignment, choice: choice)
        }
        return operation
    }
}
