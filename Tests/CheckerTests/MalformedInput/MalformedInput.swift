/// One malformed input: the command line (run in a fresh folder holding `files`), and what the
/// error message must name — the flag, file, step or field — so that the user can find it.
struct MalformedInput: CustomTestStringConvertible, Sendable {
    var arguments: [String]
    var files: [String: String] = [:]
    var mentions: [String]

    var testDescription: String { "regioncheck " + arguments.map { $0.isEmpty ? "''" : $0 }.joined(separator: " ") }

    init(_ arguments: [String], files: [String: String] = [:], mentions: [String]) {
        self.arguments = arguments
        self.files = files
        self.mentions = mentions
    }
}

import Testing

/// The corpus: every verb, every input kind (flags, universe files, traces, property files,
/// corpus folders). Each must exit 2 with a located message and no crash.
enum MalformedInputCorpus {
    static let property = "; id: p\n; kind: state\n; witness: x {x}\n(declare-const x Int)\n"
    static func trace(_ body: String) -> String { "{\"format\": \"regioncheck-trace\", \"version\": 1, \"universe\": \"tiny\", " + body + "}" }
    static func traceSteps(_ steps: String) -> String { trace("\"steps\": [\(steps)]") }

    /// A flag with each bad value, on a verb (plus fixed arguments).
    static func values(_ verb: [String], _ flag: String, _ bad: [String], mentions: String? = nil) -> [MalformedInput] {
        bad.map { MalformedInput(verb + [flag, $0], mentions: [mentions ?? flag]) }
    }

    static let flags: [MalformedInput] = {
        var c: [MalformedInput] = []
        let explore = ["explore", "--universe", "tiny", "--depth", "1"]
        c += values(["explore", "--universe", "tiny"], "--depth", ["-1", "65", "abc"])
        c += values(explore, "--workers", ["0", "257", "x"])
        c += values(explore, "--max-states", ["0", "-3", "1e3"])
        c += values(explore, "--max-seconds", ["0", "-1", "nan", "x"])
        c += values(explore, "--max-memory", ["0", "8796093022208", "9223372036854775807", "99999999999999999999"])
        c += values(explore, "--format", ["xml", "", "TEXT"])
        c += values(explore, "--design", ["linux", ""])
        c += values(explore, "--mutant", ["bogus", ""])
        c += values(explore, "--fix", ["bogus"])
        c.append(MalformedInput(explore + ["--design", "serenity", "--mutant", "ignore-map-result"], mentions: ["--mutant"]))
        c.append(MalformedInput(explore + ["--fix", "all"], mentions: ["serenity"]))
        c += values(explore, "--properties", ["bogus", "", "no-leak,,tlb-coherence", "-", "-no-overlap", "no-leak,"])
        c += values(["explore", "--depth", "1"], "--universe", ["", "missing.json", "enormous"])
        c += values(explore, "--sizes", ["", "0", "1,,2", "abc", "99999", "-1"])
        c += values(explore, "--alignments", ["3", "0", "", "1,,2", "16"])
        c += values(explore, "--protections", ["rw-,,none", "rwz", "", ","])
        c += values(explore, "--placements", ["bogus", "anywhere,,fixed", ""])
        c += values(explore, "--addresses", ["0x10001", "zz", "", "0x10000,,0x11000"])
        c += values(explore, "--max-range", ["99999", "-1", "x"])
        c += values(explore, "--z3", ["bogus", ""])
        c += values(explore, "--z3-timeout", ["0", "inf", "1e30", "nan", "-1", "3601"])
        c.append(MalformedInput(explore + ["--properties-dir", "."], mentions: ["--properties-dir"]))
        c.append(MalformedInput(explore + ["--z3", "all", "--properties-dir", "missing"], mentions: ["missing"]))
        c.append(MalformedInput(explore + ["--bogus"], mentions: ["--bogus"]))
        c.append(MalformedInput(["explore", "extra-argument"], mentions: ["extra-argument"]))
        // The default verb takes explore's flags.
        c += values([], "--max-memory", ["8796093022208", "0"])
        c += values([], "--depth", ["99"])
        c += values([], "--universe", [""])

        let random = ["random", "--universe", "tiny", "--runs", "1", "--steps", "5"]
        c += values(["random", "--universe", "tiny"], "--runs", ["0", "-5", "x"])
        c += values(["random", "--universe", "tiny"], "--steps", ["0", "x"])
        c += values(random, "--workers", ["0", "300"])
        c += values(random, "--seed", ["x", "-1", "0x", "99999999999999999999999", "0xfffffffffffffffff", ""])
        c += values(random, "--format", ["html5", ""])
        c += values(random, "--design", ["x"])
        c += values(random, "--mutant", ["x"])
        c += values(random, "--fix", ["x"])
        c.append(MalformedInput(random + ["--no-check", "--mutant", "ignore-map-result"], mentions: ["--no-check"]))
        c.append(MalformedInput(random + ["--no-check", "--format", "junit"], mentions: ["--no-check"]))
        c.append(MalformedInput(random + ["--design", "serenity", "--mutant", "ignore-map-result"], mentions: ["--mutant"]))
        c += values(["random", "--runs", "1"], "--universe", ["", "missing.json"])
        c += values(random, "--properties", ["", "bogus", "a,,b"])
        c += values(random, "--z3-timeout", ["0", "inf"])
        c.append(MalformedInput(random + ["--properties-dir", "."], mentions: ["--properties-dir"]))

        c += values(["prove"], "--regions", ["0", "257", "x"])
        c += values(["prove", "--regions", "1"], "--timeout", ["0", "inf", "1e30"])
        c += values(["prove", "--regions", "1"], "--format", ["junit", "x"])
        c += values(["prove", "--regions", "1"], "--obligation", ["x", ""])
        c += values(["prove", "--regions", "1"], "--mutant", ["x"])
        c.append(MalformedInput(["prove", "--regions", "1", "--properties-dir", "missing"], mentions: ["missing"]))

        c += values(["mutants"], "--alphabet", ["x", "", "Standard"])
        c += values(["mutants"], "--depth", ["0", "65", "x"])
        c += values(["mutants"], "--small-depth", ["-1", "65"])
        c += values(["mutants"], "--runs", ["-1"])
        c += values(["mutants"], "--steps", ["0"])
        c += values(["mutants"], "--prove-regions", ["300", "-1"])
        c += values(["mutants"], "--seed", ["x", ""])
        c += values(["mutants"], "--workers", ["0"])
        c += values(["mutants"], "--format", ["x"])
        c += values(["mutants"], "--out", [""])
        c += values(["mutants"], "--only", ["x"])

        c += values(["bench"], "--runs", ["0", "102"])
        c += values(["bench"], "--depth", ["0", "65"])
        c += values(["bench"], "--workers", ["0"])
        c += values(["bench", "--model-only"], "--universe", ["", "missing.json"])
        c += values(["bench-random"], "--runs", ["0"])
        c += values(["bench-random"], "--steps", ["0"])
        c += values(["bench-random"], "--repetitions", ["0"])
        c += values(["bench-random"], "--seed", ["x", "-1"])
        c += values(["bench-random", "--runs", "1", "--steps", "1", "--repetitions", "1"], "--universe", ["", "missing.json"])
        c += values(["bench-prove"], "--runs", ["0", "102"])
        c += values(["bench-prove", "--runs", "1"], "--regions", ["", "0", "1,,2"])
        c += values(["bench-prove", "--runs", "1", "--regions", "1"], "--timeout", ["inf", "1e30", "0"])

        c.append(MalformedInput(["properties", "--bogus"], mentions: ["--bogus"]))
        c.append(MalformedInput(["replay", "--format", "json", "t.json"], files: ["t.json": traceSteps("")], mentions: ["--format"]))
        c.append(MalformedInput(["replay", "--properties", "bogus", "t.json"], files: ["t.json": traceSteps("")], mentions: ["--properties"]))
        c.append(MalformedInput(["nonsense-verb"], mentions: ["nonsense-verb"]))
        return c
    }()

    /// Outputs that cannot be written, refused before the run.
    static let outputs: [MalformedInput] = {
        var c: [MalformedInput] = []
        let explore = ["explore", "--universe", "tiny", "--depth", "1"]
        let random = ["random", "--universe", "tiny", "--runs", "1", "--steps", "5"]
        for verb in [explore, random] {
            c.append(MalformedInput(verb + ["--trace-out", "folder"], files: ["folder/keep": ""], mentions: ["--trace-out", "folder"]))
            c.append(MalformedInput(verb + ["--trace-out", "no/such/dir/t.json"], mentions: ["--trace-out"]))
            c.append(MalformedInput(verb + ["--trace-out", ""], mentions: ["--trace-out"]))
            c.append(MalformedInput(verb + ["--trace-out", "/dev/null"], mentions: ["--trace-out", "device"]))
            c.append(MalformedInput(verb + ["--output", "folder"], files: ["folder/keep": ""], mentions: ["--output"]))
            c.append(MalformedInput(verb + ["--output", "no/such/dir/r.txt"], mentions: ["--output"]))
        }
        c.append(MalformedInput(random + ["--corpus", "file.txt"], files: ["file.txt": "x"], mentions: ["--corpus"]))
        c.append(MalformedInput(random + ["--corpus", "file.txt/sub"], files: ["file.txt": "x"], mentions: ["--corpus"]))
        c.append(MalformedInput(["replay", "--output", "folder", "t.json"], files: ["folder/keep": "", "t.json": traceSteps("")], mentions: ["--output"]))
        c.append(MalformedInput(["prove", "--regions", "1", "--output", "folder"], files: ["folder/keep": ""], mentions: ["--output"]))
        c.append(MalformedInput(["mutants", "--depth", "1", "--small-depth", "0", "--runs", "0", "--prove-regions", "0", "--out", "file.txt"],
                                files: ["file.txt": "x"], mentions: ["--out"]))
        c.append(MalformedInput(["mutants", "--depth", "1", "--small-depth", "0", "--runs", "0", "--prove-regions", "0", "--stryker", "folder"],
                                files: ["folder/keep": ""], mentions: ["--stryker"]))
        c.append(MalformedInput(["mutants", "--depth", "1", "--small-depth", "0", "--runs", "0", "--prove-regions", "0", "--output", "folder"],
                                files: ["folder/keep": ""], mentions: ["--output"]))
        return c
    }()

    static let universes: [MalformedInput] = {
        let cases: [(String, String)] = [
            ("not json", "JSON"), ("[1, 2]", "u.json"), ("{\"preset\": \"tiny\", \"colour\": 1}", "colour"),
            ("{\"preset\": \"tiny\", \"pages\": 0}", "pages"), ("{\"preset\": \"tiny\", \"pages\": \"x\"}", "pages"),
            ("{\"preset\": \"tiny\", \"pages\": true}", "pages"), ("{\"preset\": \"tiny\", \"pages\": -4}", "pages"),
            ("{\"preset\": \"tiny\", \"pages\": 2.5}", "pages"), ("{\"preset\": \"tiny\", \"pageSize\": 1000}", "pageSize"),
            ("{\"preset\": \"tiny\", \"base\": \"0x10001\"}", "base"), ("{\"preset\": \"tiny\", \"frames\": 1099511627776}", "frames"),
            ("{\"preset\": \"tiny\", \"pageTables\": 1099511627776}", "pageTables"), ("{\"preset\": \"bogus\"}", "preset"),
            ("{\"preset\": \"tiny\", \"name\": 5}", "name"), ("{\"preset\": \"tiny\", \"alphabet\": 3}", "alphabet"),
            ("{\"preset\": \"tiny\", \"alphabet\": {\"colour\": 1}}", "colour"),
            ("{\"preset\": \"tiny\", \"alphabet\": {\"sizes\": 3}}", "sizes"),
            ("{\"preset\": \"tiny\", \"alphabet\": {\"sizes\": [\"a\"]}}", "sizes"),
            ("{\"preset\": \"tiny\", \"alphabet\": {\"sizes\": [0]}}", "sizes"),
            ("{\"preset\": \"tiny\", \"alphabet\": {\"alignments\": [3]}}", "alignments"),
            ("{\"preset\": \"tiny\", \"alphabet\": {\"protections\": [\"zz\"]}}", "protections"),
            ("{\"preset\": \"tiny\", \"alphabet\": {\"protections\": [\"\"]}}", "protections"),
            ("{\"preset\": \"tiny\", \"alphabet\": {\"placements\": [\"x\"]}}", "placements"),
            ("{\"preset\": \"tiny\", \"alphabet\": {\"maxRange\": 99}}", "maxRange"),
            ("{\"preset\": \"tiny\", \"alphabet\": {\"addresses\": [\"0x10001\"]}}", "addresses"),
            ("{\"preset\": \"tiny\", \"alphabet\": {\"touch\": 1}}", "touch"),
            ("{\"preset\": \"serenity\"}", "pages"), ("", "u.json"), ("{}", "frames"),
            // Millions of letters from a few hundred bytes: refused before any is built.
            ("{\"preset\": \"small\", \"pages\": 4096, \"pagesPerTable\": 512, \"alphabet\": {\"sizes\": [" + (1 ... 60).map(String.init).joined(separator: ",")
                + "], \"protections\": [\"rw-\", \"r--\", \"--x\", \"rwx\", \"none\", \"r-x\", \"-w-\"], \"alignments\": [1, 2, 4, 8]}}", "sizes"),
        ]
        var c = cases.map { MalformedInput(["explore", "--universe", "u.json", "--depth", "1"], files: ["u.json": $0.0], mentions: ["u.json", $0.1]) }
        c.append(MalformedInput(["explore", "--universe", "folder", "--depth", "1"], files: ["folder/keep": ""], mentions: ["folder"]))
        c.append(MalformedInput(["explore", "--universe", "/dev/null", "--depth", "1"], mentions: ["/dev/null"]))
        c.append(MalformedInput(["random", "--universe", "u.json", "--runs", "1"], files: ["u.json": "{\"preset\": \"tiny\", \"pages\": 0}"], mentions: ["u.json", "pages"]))
        c.append(MalformedInput(["bench", "--model-only", "--universe", "u.json"], files: ["u.json": "nope"], mentions: ["u.json"]))
        return c
    }()

    static let traces: [MalformedInput] = {
        let mmap = "{\"op\": \"mmap\", \"size\": \"0x1000\", \"prot\": \"rw-\", \"placement\": \"anywhere\"}"
        let cases: [(String, [String])] = [
            ("not json", []), ("", []), ("[]", []),
            (trace("\"steps\": 3"), ["steps"]), ("{\"version\": 1, \"universe\": \"tiny\"}", ["steps"]),
            (trace("\"steps\": [], \"colour\": 1"), ["colour"]),
            ("{\"version\": 2, \"universe\": \"tiny\", \"steps\": []}", ["version"]),
            ("{\"version\": 1, \"universe\": \"bogus\", \"steps\": []}", ["universe"]),
            (trace("\"design\": \"linux\", \"steps\": []"), ["design"]),
            (trace("\"mutations\": [\"bogus\"], \"steps\": []"), ["mutations"]),
            (trace("\"fixes\": [\"bogus\"], \"steps\": []"), ["fixes"]),
            (trace("\"fixes\": [\"exact-fit-windows\"], \"steps\": []"), ["fixes"]),
            (trace("\"violates\": \"bogus\", \"steps\": [{\"op\": \"teardown\"}]"), ["violates", "bogus"]),
            (trace("\"violates\": 3, \"steps\": []"), ["violates"]),
            (traceSteps("3"), ["step 1"]), (traceSteps("{\"op\": \"fly\"}"), ["step 1", "op"]),
            (traceSteps("{}"), ["step 1", "op"]),
            (traceSteps("{\"op\": \"mmap\", \"prot\": \"rw-\", \"placement\": \"anywhere\"}"), ["step 1", "size"]),
            (traceSteps("{\"op\": \"mprotect\", \"addr\": \"0x10000\", \"size\": \"0x1000\"}"), ["step 1", "prot"]),
            (traceSteps("{\"op\": \"mprotect\", \"addr\": \"0x10000\", \"size\": \"0x1000\", \"prot\": \"rwq\"}"), ["step 1", "prot"]),
            (traceSteps("{\"op\": \"mmap\", \"size\": \"0x1000\", \"prot\": \"rw-\", \"placement\": \"sideways\"}"), ["step 1", "placement"]),
            (traceSteps("{\"op\": \"munmap\", \"addr\": \"zz\", \"size\": \"0x1000\"}"), ["step 1", "addr"]),
            (traceSteps("{\"op\": \"munmap\", \"addr\": \"0x10000\", \"size\": -1}"), ["step 1", "size"]),
            (traceSteps("{\"op\": \"munmap\", \"addr\": \"0x10000\"}"), ["step 1", "size"]),
            (traceSteps(mmap + ", {\"op\": \"touch\", \"addr\": \"0x10000\", \"write\": \"yes\"}"), ["step 2", "write"]),
            (traceSteps(mmap + ", {\"op\": \"teardown\", \"expect\": \"EWHAT\"}"), ["step 2", "expect"]),
            (traceSteps(mmap + ", {\"op\": \"teardown\", \"size\": 1}"), ["step 2", "size"]),
            (traceSteps("{\"op\": \"fail-next\", \"kind\": \"disk\", \"count\": 1}"), ["step 1", "kind"]),
        ]
        var c = cases.map { MalformedInput(["replay", "t.json"], files: ["t.json": $0.0], mentions: ["t.json"] + $0.1) }
        c.append(MalformedInput(["replay", "missing.json"], mentions: ["missing.json"]))
        c.append(MalformedInput(["replay", "folder"], files: ["folder/keep": ""], mentions: ["folder"]))
        c.append(MalformedInput(["replay", "/dev/null"], mentions: ["/dev/null"]))
        c.append(MalformedInput(["replay", "--quiet", "ok.json", "t.json"], files: ["ok.json": traceSteps(""), "t.json": "{"], mentions: ["t.json"]))
        c.append(MalformedInput(["replay", "--format", "junit", "t.json"], files: ["t.json": traceSteps("{\"op\": \"fly\"}")], mentions: ["t.json", "op"]))
        return c
    }()

    static let propertyFiles: [MalformedInput] = {
        let cases: [(String, String, [String])] = [
            ("p.smt2", property + "(assert (> x 0))\n(check-sat)\n", ["p.smt2:6:2", "check-sat"]),
            ("p.smt2", property + "(push 1)\n(assert (> x 0))\n", ["p.smt2:5:2", "push"]),
            ("p.smt2", property + "(assert (> x 0))\n(get-model)\n", ["p.smt2:6", "get-model"]),
            ("p.smt2", property + "(declare-const regioncheck.y Int)\n(assert (> regioncheck.y 0))\n", ["p.smt2:5:16", "regioncheck."]),
            ("p.smt2", property + "(assert (> |regioncheck.z| 0))\n", ["p.smt2:5", "regioncheck."]),
            ("p.smt2", property + "(assert (forall ((a Int)) (=> (and (<= 0 a) (< a 300)) (forall ((b Int)) (=> (and (<= 0 b) (< b 300)) "
                + "(forall ((c Int)) (=> (and (<= 0 c) (< c 300)) (> (+ a b c x) -1))))))))\n", ["p.smt2:5:10", "instances"]),
            ("p.smt2", property + "(assert (forall ((a Int)) (=> (and (<= 0 a) (< a 1000)) (forall ((b Int)) (=> (and (<= 0 b) (< b 1000)) (> (+ a b x) -1))))))\n",
                ["p.smt2:5:10", "instances"]),
            ("p.smt2", property + "(assert (> x 0)\n", ["p.smt2"]),
            ("p.smt2", property + "(assert (> y 0))\n", ["p.smt2"]),
            ("p.smt2", property, ["p.smt2", "asserts nothing"]),
            ("p.smt2", "(declare-const x Int)\n(assert (> x 0))\n", ["p.smt2", "id"]),
            ("p.smt2", "; id: q\n; kind: state\n; witness: x\n(declare-const x Int)\n(assert (> x 0))\n", ["p.smt2", "q"]),
            ("p.smt2", "; id: p\n; kind: sometimes\n; witness: x\n(declare-const x Int)\n(assert (> x 0))\n", ["p.smt2", "kind"]),
            ("no-overlap.smt2", "; id: no-overlap\n; kind: state\n; witness: x\n(declare-const x Int)\n(assert (> x 0))\n", ["no-overlap"]),
        ]
        var c: [MalformedInput] = []
        for (name, text, mentions) in cases {
            c.append(MalformedInput(["explore", "--universe", "tiny", "--depth", "1", "--z3", "all", "--properties-dir", "props"],
                                    files: ["props/" + name: text], mentions: mentions))
        }
        // The same files through random and prove.
        for (name, text, mentions) in [cases[0], cases[3], cases[5]] {
            c.append(MalformedInput(["random", "--universe", "tiny", "--runs", "1", "--steps", "2", "--z3", "all", "--properties-dir", "props"],
                                    files: ["props/" + name: text], mentions: mentions))
            c.append(MalformedInput(["prove", "--regions", "1", "--properties-dir", "props"], files: ["props/" + name: text], mentions: mentions))
        }
        return c
    }()

    static let corpusFolders: [MalformedInput] = {
        let random = ["random", "--universe", "tiny", "--runs", "1", "--steps", "2", "--corpus", "db"]
        return [
            MalformedInput(random, files: ["db/bad.json": "not json"], mentions: ["db/bad.json"]),
            MalformedInput(random, files: ["db/bad.json": traceSteps("{\"op\": \"fly\"}")], mentions: ["db/bad.json", "op"]),
            MalformedInput(random, files: ["db/bad.json": trace("\"violates\": 3, \"steps\": []")], mentions: ["db/bad.json", "violates"]),
            MalformedInput(random, files: ["db/bad.json": "{\"version\": 9, \"universe\": \"tiny\", \"steps\": []}"], mentions: ["db/bad.json", "version"]),
            MalformedInput(random, files: ["db/bad.json/inner": ""], mentions: ["db/bad.json"]),
        ]
    }()

    static let all: [MalformedInput] = flags + outputs + universes + traces + propertyFiles + corpusFolders
}
