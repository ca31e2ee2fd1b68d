import Foundation
import Model

/// Random histories on an external implementation: each run starts from a fresh instance and
/// takes steps aimed at the observed regions' edges (`ExternalStepGenerator`), checking every
/// step; the first violation is shrunk by deleting steps (each candidate replayed from a fresh
/// instance) and written as a trace. Same seed, same library → same runs and the same trace.
public enum ExternalRandom {
    public struct Request: Sendable {
        public var universe: Universe
        public var implementation: ImplementationSpec
        public var runs: Int
        public var steps: Int
        public var seed: UInt64
        public var propertyIDs: Set<String>?
        /// Whose errno conventions the implementation follows.
        public var design: Design = .reference
        /// Replays a shrinking may try.
        public var shrinkBudget = 2000

        public init(universe: Universe, implementation: ImplementationSpec, runs: Int, steps: Int, seed: UInt64, propertyIDs: Set<String>? = nil) {
            self.universe = universe
            self.implementation = implementation
            self.runs = runs
            self.steps = steps
            self.seed = seed
            self.propertyIDs = propertyIDs
        }
    }

    public static func run(_ request: Request) throws(InputError) -> ExternalReport {
        let universe = request.universe
        let implementation = try ExternalImplementation(spec: request.implementation, universe: universe)
        let checks = ExternalChecks(capabilities: implementation.capabilities, propertyIDs: request.propertyIDs, design: request.design,
                                    universe: universe)
        let started = Date()
        var report = ExternalReport(verb: "random", universe: universe, implementation: request.implementation,
                                    capabilities: implementation.capabilities, checked: checks.ids, skipped: checks.skipped)
        for run in 0 ..< request.runs {
            var rng = SplitMix64(seed: request.seed &+ UInt64(run))
            let found = execute(on: implementation, checks: checks, stepsRun: &report.stepsRun) { before, index in
                index < request.steps ? ExternalStepGenerator.next(&rng, observation: before, universe: universe, design: request.design) : nil
            }
            if let (steps, violation) = found {
                let (shrunk, shrunkViolation) = shrink(steps, violation, on: implementation, checks: checks, budget: request.shrinkBudget)
                report.outcome = .violation(ExternalCounterexample(steps: shrunk, violation: shrunkViolation, universe: universe,
                                                                   implementation: request.implementation, design: request.design))
                break
            }
        }
        report.seconds = Date().timeIntervalSince(started)
        report.requests = implementation.requests
        return report
    }

    /// Runs steps from a fresh instance, one request each, until `nextStep` gives none or a
    /// property fails; returns the steps up to the failing one and its violation.
    static func execute(on implementation: ExternalImplementation, checks: ExternalChecks, stepsRun: inout Int,
                        nextStep: (Observation, Int) -> Operation?) -> ([Operation], Violation)? {
        guard case .completed(let root) = implementation.run([], fresh: true, observe: true), var before = root.observation else {
            return ([], Violation(property: ExternalChecks.noCrashID, explanation: "the implementation crashed on create"))
        }
        var taken: [Operation] = []
        while let operation = nextStep(before, taken.count) {
            taken.append(operation)
            stepsRun += 1
            switch implementation.run([operation], fresh: false, observe: true) {
            case .crashed(let how):
                return (taken, Violation(property: ExternalChecks.noCrashID, explanation: "\(operation): \(how)"))
            case .completed(let outcome):
                let after = outcome.observation!
                if let violation = checks.firstViolation(before: before, operation: operation, outcome: outcome, after: after) {
                    return (taken, violation)
                }
                before = after
            }
        }
        return nil
    }

    /// Deletes chunks of steps (halves, then quarters, ... single steps) while the same property
    /// still fails, to a fixed point or until the budget of replays is spent.
    static func shrink(_ steps: [Operation], _ violation: Violation, on implementation: ExternalImplementation, checks: ExternalChecks,
                       budget: Int) -> ([Operation], Violation) {
        var best = steps, bestViolation = violation, tries = 0, ignored = 0
        var progress = true
        while progress && tries < budget {
            progress = false
            var chunk = max(best.count / 2, 1)
            while chunk >= 1 && tries < budget {
                var start = 0
                while start < best.count && tries < budget {
                    var candidate = best
                    candidate.removeSubrange(start ..< min(start + chunk, best.count))
                    tries += 1
                    let replay = candidate
                    if let (prefix, found) = execute(on: implementation, checks: checks, stepsRun: &ignored,
                                                     nextStep: { _, i in i < replay.count ? replay[i] : nil }),
                       found.property == violation.property {
                        best = prefix
                        bestViolation = found
                        progress = true
                    } else {
                        start += chunk
                    }
                }
                chunk /= 2
            }
        }
        return (best, bestViolation)
    }
}

/// Steps aimed at where allocators break: the edges of the observed regions, the ends of the
/// total range, small sizes and alignments, every placement and protection, touches of pages
/// in and beside regions, injected allocation failures, and the occasional teardown.
public enum ExternalStepGenerator {
    static let protections: [Protection] = [.readWrite, .none, .read, [.read, .write, .execute], .execute]

    public static func next(_ rng: inout SplitMix64, observation: Observation, universe: Universe, design: Design = .reference) -> Operation {
        let P = universe.pageSize
        func address() -> UInt64 {
            var spots: [UInt64] = [universe.base, universe.end - P]
            for r in observation.regions { spots += [r.base, r.end, r.base &+ P] }
            let spot = spots[Int(rng.below(UInt64(spots.count)))]
            let nearby = Int64(rng.below(5)) - 2
            let page = Int64(bitPattern: spot / P) + nearby
            let candidate = UInt64(max(page, 0)) * P
            return rng.chance(5) ? universe.base + rng.below(min(universe.pages, 64)) * P : candidate
        }
        func pages() -> UInt64 { [1, 1, 1, 2, 2, 3, 4][Int(rng.below(7))] * P }
        func protection() -> Protection { protections[Int(rng.below(UInt64(protections.count)))] }
        switch rng.pick(weights: [35, 18, 15, 22, 7, 3]) {
        case 0:
            let size = pages()
            let placement = Operation.PlacementKind.allCases[Int(rng.below(4))]
            let alignment: UInt64? = rng.chance(80) ? nil : [2, 4][Int(rng.below(2))] * P
            var choice: UInt64?
            if placement == .randomized {
                let count = observation.randomizedCandidateCount(size: size, alignment: alignment, universe: universe, design: design)
                choice = count > 0 ? rng.below(count) : nil
            }
            let fixedAddress: UInt64? = placement == .fixed || placement == .fixedNoReplace ? address() : nil
            return .mmap(size: size, protection: protection(), placement: placement, address: fixedAddress, alignment: alignment, choice: choice)
        case 1: return .munmap(address: address(), size: pages())
        case 2: return .mprotect(address: address(), size: pages(), protection: protection())
        case 3:
            let write = rng.chance(50)
            return .touch(address: address(), write: write, value: write ? UInt32(truncatingIfNeeded: rng.below(1000) + 1) : 0)
        case 4: return .failNext(kind: rng.chance(50) ? .frame : .pageTable, count: 1)
        default: return .teardown
        }
    }
}
