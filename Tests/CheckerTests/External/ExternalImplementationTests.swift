import Checker
import Foundation
import Model
import Testing

/// `--implementation`: the example allocators through the C adapter, in worker processes.
@Suite struct ExternalExplorerTests {
    @Test func theCorrectExampleIsCleanWithTheReferenceDistinctStateCounts() throws {
        let alphabet = try Alphabet(universe: .tiny, settings: .classic)
        let external = try ExternalExplorer.run(.init(alphabet: alphabet, depth: 2, implementation: try ExternalFixture.spec("ExampleAllocator")))
        guard case .pass = external.outcome else {
            Issue.record("expected a pass, got \(external.text(tracePath: nil))")
            return
        }
        #expect(external.skipped == ["tree-shape"], "the example reports every capability; tree-shape is the model's own")
        let model = Explorer.run(ExplorationRequest(alphabet: alphabet, depth: 2))
        #expect(external.totalDistinct == model.totalDistinct)
        #expect(external.levels.map(\.distinct) == model.levels.map(\.distinct))
        #expect(external.totalDistinct == 561)
    }

    @Test func theBuggyExampleIsCaughtWithAShortestCounterexampleThatReplays() throws {
        let spec = try ExternalFixture.spec("ExampleAllocatorBuggy")
        let alphabet = try Alphabet(universe: .tiny, settings: .classic)
        let report = try ExternalExplorer.run(.init(alphabet: alphabet, depth: 3, implementation: spec))
        let counterexample = try #require(report.counterexample, "\(report.text(tracePath: nil))")
        #expect(report.exitCode == 1)
        #expect(counterexample.violation.property == "no-overlap")
        // One region cannot overlap itself: two steps are the fewest, and BFS finds two.
        #expect(counterexample.steps.count == 2)
        let trace = try Trace.parse(Data(counterexample.trace.jsonText().utf8), source: "buggy.json")
        #expect(trace.implementation?.path == spec.path)
        #expect(trace.implementation?.hash == spec.hash)
        let replay = try ExternalReplayer.run(trace, source: "buggy.json", implementation: spec)
        #expect(replay.reproduction?.index == 2)
    }

    @Test func aCrashIsNoCrashWithTheSignalAndItsTraceReplays() throws {
        let spec = try ExternalFixture.spec("ExampleAllocatorCrashing")
        let alphabet = try Alphabet(universe: .tiny, settings: .classic)
        let report = try ExternalExplorer.run(.init(alphabet: alphabet, depth: 3, implementation: spec))
        let counterexample = try #require(report.counterexample, "\(report.text(tracePath: nil))")
        #expect(counterexample.violation.property == "no-crash")
        #expect(counterexample.violation.explanation.contains("SIGSEGV"))
        #expect(counterexample.steps.count == 2)
        let replay = try ExternalReplayer.run(counterexample.trace, source: "crash.json", implementation: spec)
        #expect(replay.reproduction?.index == 2)
        #expect(replay.text.contains("SIGSEGV"))
    }

    @Test func aStepPastTheTimeLimitIsNoCrash() throws {
        let spec = try ExternalFixture.spec("ExampleAllocatorCrashing", stepTimeout: 0.5)
        let trace = Trace(universe: .tiny, violates: "no-crash", steps: [
            Trace.Step(.mmap(0x1000)), Trace.Step(.mprotect(address: 0x10000, size: 0x1000, protection: .execute)),
        ])
        let replay = try ExternalReplayer.run(trace, source: "hang.json", implementation: spec)
        let step = try #require(replay.reproduction)
        #expect(step.index == 2)
        #expect(step.violations.first?.explanation.contains("no answer within") == true)
    }
}

@Suite struct ExternalRandomTests {
    @Test func theCorrectExampleIsCleanOnTinyAndSerenity() throws {
        for universe in [Universe.tiny, .serenity] {
            let report = try ExternalRandom.run(.init(universe: universe, implementation: try ExternalFixture.spec("ExampleAllocator"),
                                                      runs: 8, steps: 150, seed: 7))
            #expect(report.exitCode == 0, "\(report.text(tracePath: nil))")
            #expect(report.stepsRun == 8 * 150)
        }
    }

    @Test func theBuggyExampleIsCaughtAndShrunkToTwoSteps() throws {
        let report = try ExternalRandom.run(.init(universe: .tiny, implementation: try ExternalFixture.spec("ExampleAllocatorBuggy"),
                                                  runs: 50, steps: 200, seed: 1))
        let counterexample = try #require(report.counterexample, "\(report.text(tracePath: nil))")
        #expect(["no-overlap", "specific-exactness"].contains(counterexample.violation.property))
        #expect(counterexample.steps.count == 2)
    }

    @Test func sameSeedSameTrace() throws {
        let spec = try ExternalFixture.spec("ExampleAllocatorBuggy")
        let request = ExternalRandom.Request(universe: .tiny, implementation: spec, runs: 50, steps: 200, seed: 3)
        let first = try ExternalRandom.run(request), second = try ExternalRandom.run(request)
        #expect(first.counterexample?.steps == second.counterexample?.steps)
        #expect(first.stepsRun == second.stepsRun)
    }
}

/// The strongest check of the adapter path: the correct example and the reference model, fed
/// the same random sequences, agree on every result and on every observation (canonically
/// encoded). Injected failures are left out: where an implementation allocates page tables
/// within one step is its own business (SPEC §2 asks only for atomicity).
@Suite struct ExternalDifferentialTests {
    @Test func theExampleAgreesWithTheModelStepByStep() throws {
        let universe = Universe.tiny
        let implementation = try ExternalImplementation(spec: try ExternalFixture.spec("ExampleAllocator"), universe: universe)
        var compared = 0
        for run in 0 ..< 12 {
            var rng = SplitMix64(seed: 1000 + UInt64(run))
            var model = AddressSpace(universe: universe)
            guard case .completed = implementation.run([], fresh: true, observe: true) else {
                Issue.record("the example crashed on create")
                return
            }
            for index in 0 ..< 120 {
                var operation = ExternalStepGenerator.next(&rng, observation: model.observation(), universe: universe)
                if case .failNext = operation { operation = .teardown }
                let expected = operation.apply(to: &model)
                guard case .completed(let outcome) = implementation.run([operation], fresh: false, observe: true) else {
                    Issue.record("run \(run) step \(index + 1): \(operation) crashed the example")
                    return
                }
                // The model still answers EINVAL for munmap partly outside the total range and for
                // mprotect of size 0, where SPEC §2 now says 0; the example follows SPEC.
                let specChanged: Bool = switch operation {
                case let .munmap(address, size): address < universe.base || address &+ size > universe.end
                default: false
                }
                if specChanged && expected == .error(.EINVAL) { model = AddressSpace(universe: universe); _ = implementation.run([], fresh: true, observe: false); continue }
                #expect(outcome.result == expected, "run \(run) step \(index + 1): \(operation)")
                let observed = outcome.observation!.canonicalEncoding(universe: universe)
                #expect(observed == model.observation().canonicalEncoding(universe: universe), "run \(run) step \(index + 1): \(operation)")
                if outcome.result != expected || observed != model.observation().canonicalEncoding(universe: universe) { return }
                compared += 1
            }
        }
        #expect(compared > 1000)
    }
}

/// Bad adapters are bad input naming the path and the symbol (the CLI exits 2 with the message).
@Suite struct ExternalLoadingTests {
    @Test func aWrongABIVersionNamesTheField() throws {
        #expect(throws: InputError.self) { try ExternalImplementation(spec: try ExternalFixture.spec("AdapterWrongABI"), universe: .tiny) }
        do {
            _ = try ExternalImplementation(spec: try ExternalFixture.spec("AdapterWrongABI"), universe: .tiny)
        } catch let error as InputError {
            #expect(error.source.hasSuffix("libAdapterWrongABI.so"))
            #expect(error.message.contains("regioncheck_allocator.abi_version is 99"))
        }
    }

    @Test func aMissingSymbolIsNamed() throws {
        do {
            _ = try ExternalImplementation(spec: try ExternalFixture.spec("AdapterMissingSymbol"), universe: .tiny)
            Issue.record("loading a library without regioncheck_allocator succeeded")
        } catch let error as InputError {
            #expect(error.message.contains("missing symbol 'regioncheck_allocator'"))
        }
    }

    @Test func aMissingFileIsNamed() {
        #expect(throws: InputError(source: "/nonexistent/libNothing.so", message: "no such implementation library")) {
            try ImplementationSpec(path: "/nonexistent/libNothing.so")
        }
    }

    @Test func theCLIExitsTwoNamingTheSymbol() throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: ExternalFixture.worker)
        process.arguments = ["explore", "--universe", "tiny", "--depth", "1", "--implementation", ExternalFixture.library("AdapterMissingSymbol")]
        let errors = Pipe()
        process.standardError = errors
        process.standardOutput = Pipe()
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationStatus == 2)
        #expect(message.contains("libAdapterMissingSymbol.so"))
        #expect(message.contains("regioncheck_allocator"))
    }
}

@Suite struct ExternalChecksTests {
    @Test func aRegionsOnlyImplementationSkipsWhatNeedsMore() {
        let checks = ExternalChecks(capabilities: .regions, propertyIDs: nil, design: .reference, universe: .tiny)
        #expect(Set(checks.skipped).isSuperset(of: ["no-leak", "mmu-coherence", "tlb-coherence", "allocation-free", "tree-shape"]))
        #expect(checks.ids.contains("first-fit"))
        #expect(checks.ids.last == ExternalChecks.noCrashID)
        #expect(ExternalChecks(capabilities: .all, propertyIDs: nil, design: .reference, universe: .tiny).skipped == ["tree-shape"])
    }

    @Test func anErrnoOutsideTheContractIsHonestResult() {
        let empty = Observation(capabilities: .regions)
        let report = StepReport(result: .error(.EINVAL), unknownErrno: 1234, pageTableAttempts: 0, frameAttempts: 0, refusals: 0, observation: empty)
        let checks = ExternalChecks(capabilities: .regions, propertyIDs: nil, design: .reference, universe: .tiny)
        let found = checks.firstViolation(before: empty, operation: .munmap(address: 0x10000, size: 0x1000), outcome: report, after: empty)
        #expect(found?.property == "honest-result")
    }
}

/// The real SerenityOS RegionTree, built from a checkout named by REGIONCHECK_SERENITY_CHECKOUT
/// (skipped without one, as in CI).
@Suite struct SerenityRegionTreeTests {
    static let checkout = ProcessInfo.processInfo.environment["REGIONCHECK_SERENITY_CHECKOUT"]

    @Test(.enabled(if: checkout != nil)) func theRealTreeShowsTheWindowRuleInTwoSteps() throws {
        let script = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
            "../../../Examples/allocators/SerenityRegionTree/build.sh").standardizedFileURL.path
        let library = FileManager.default.temporaryDirectory.appendingPathComponent("libSerenityRegionTree-\(UUID().uuidString).so").path
        let build = Process()
        build.executableURL = URL(fileURLWithPath: "/bin/sh")
        build.arguments = [script, Self.checkout!, library]
        try build.run()
        build.waitUntilExit()
        try #require(build.terminationStatus == 0)
        let spec = try ImplementationSpec(path: library, workerExecutable: ExternalFixture.worker)
        let report = try ExternalExplorer.run(.init(alphabet: try Alphabet(universe: .tiny, settings: .classic), depth: 3, implementation: spec,
                                                    design: .serenity))
        #expect(report.counterexample?.violation.property == "first-fit")
        #expect(report.counterexample?.steps.count == 2)
    }
}
