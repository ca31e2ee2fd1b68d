import Foundation
import Model

extension Trace {
    /// Reads a trace file; every problem names the file, the step and the field.
    public static func load(path: String) throws(InputError) -> Trace {
        try parse(JSONFields.readFile(path), source: path)
    }

    public static func parse(_ data: Data, source: String) throws(InputError) -> Trace {
        let document = try JSONFields.parseDocument(data, source: source)
        let top = try JSONFields(document, source: source, location: "")
        try top.onlyKeys(["format", "version", "description", "universe", "design", "mutations", "fixes", "violates", "steps", "implementation"])
        if let format = try top.string("format"), format != Trace.format {
            throw top.fail("format", "must be \"\(Trace.format)\", got \"\(format)\"")
        }
        let version = try top.requiredNumber("version")
        guard version == UInt64(Trace.version) else {
            throw top.fail("version", "this regioncheck reads version \(Trace.version), the file has \(version)")
        }
        guard let universeValue = top.object["universe"] else { throw top.fail("universe", "is missing") }
        let universe = try UniverseFile.universe(from: universeValue, source: source, location: "field 'universe'")
        var design = Design.reference
        if let name = try top.string("design") {
            guard let d = Design(rawValue: name) else {
                throw top.fail("design", "unknown design \"\(name)\" (known: \(Design.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            design = d
        }
        var mutations: Mutations = []
        for (i, raw) in (try top.array("mutations") ?? []).enumerated() {
            guard let name = raw as? String, let m = Mutations.named(name) else {
                throw InputError(source: source, location: "field 'mutations'[\(i)]",
                                 message: "unknown mutant \(raw) (see `regioncheck mutants --list`)")
            }
            mutations.insert(m)
        }
        if design != .reference && !mutations.isEmpty {
            throw top.fail("mutations", "mutants are seams of the reference design; the \(design.rawValue) design takes none")
        }
        var fixes: SerenityFixes = []
        for (i, raw) in (try top.array("fixes") ?? []).enumerated() {
            guard let name = raw as? String, let fix = SerenityFixes.named(name) else {
                throw InputError(source: source, location: "field 'fixes'[\(i)]",
                                 message: "unknown fix \(raw) (known: \(SerenityFixes.catalogue.map(\.name).joined(separator: ", ")))")
            }
            fixes.insert(fix)
        }
        if design != .serenity && !fixes.isEmpty {
            throw top.fail("fixes", "fixes apply to the serenity design only")
        }
        guard let rawSteps = try top.array("steps") else { throw top.fail("steps", "is missing") }
        var steps: [Step] = []
        for (i, raw) in rawSteps.enumerated() {
            steps.append(try parseStep(raw, source: source, location: "step \(i + 1)", universe: universe))
        }
        var trace = Trace(universe: universe, design: design, mutations: mutations, serenityFixes: fixes,
                          description: try top.string("description"), violates: try top.string("violates"), steps: steps)
        if let raw = top.object["implementation"] {
            let record = try JSONFields(raw, source: source, location: "field 'implementation'")
            try record.onlyKeys(["path", "fnv1a"])
            guard let path = try record.string("path") else { throw record.fail("path", "is missing") }
            trace.implementation = TraceImplementation(path: path, hash: try record.string("fnv1a") ?? "")
        }
        return trace
    }

    static let stepKeys: [String: Set<String>] = [
        "mmap": ["size", "prot", "placement", "addr", "align", "choice"],
        "munmap": ["addr", "size"],
        "mprotect": ["addr", "size", "prot"],
        "touch": ["addr", "access", "value"],
        "fail-next": ["kind", "count"],
        "teardown": [],
        "exec": ["segments"],
    ]

    static func parseStep(_ raw: Any, source: String, location: String, universe: Universe) throws(InputError) -> Step {
        let f = try JSONFields(raw, source: source, location: location)
        let op = try f.requiredString("op")
        guard let keys = stepKeys[op] else {
            throw f.fail("op", "unknown operation \"\(op)\" (known: \(stepKeys.keys.sorted().joined(separator: ", ")))")
        }
        try f.onlyKeys(keys.union(["op", "expect", "note"]))
        // mmap's protection defaults to rw-; mprotect's is the point of the step, so it is required.
        func protection(required: Bool = false) throws(InputError) -> Protection {
            guard let text = try f.string("prot") else {
                if required { throw f.fail("prot", "is missing (mprotect needs the new protection, like \"r--\" or \"none\")") }
                return .readWrite
            }
            guard let p = Protection(text: text) else { throw f.fail("prot", "must be like \"rw-\", \"r-x\" or \"none\", got \"\(text)\"") }
            return p
        }
        let operation: Operation
        switch op {
        case "mmap":
            let kindName = try f.string("placement") ?? "anywhere"
            guard let kind = Operation.PlacementKind(rawValue: kindName) else {
                throw f.fail("placement", "must be one of \(Operation.PlacementKind.allCases.map(\.rawValue).joined(separator: ", ")); got \"\(kindName)\"")
            }
            let address = try f.number("addr")
            if (kind == .fixed || kind == .fixedNoReplace || kind == .hint) && address == nil {
                throw f.fail("addr", "is required for \(kind.rawValue) placement")
            }
            operation = .mmap(size: try f.requiredNumber("size"), protection: try protection(), placement: kind,
                              address: address, alignment: try f.number("align"), choice: try f.number("choice"))
        case "munmap":
            operation = .munmap(address: try f.requiredNumber("addr"), size: try f.requiredNumber("size"))
        case "mprotect":
            operation = .mprotect(address: try f.requiredNumber("addr"), size: try f.requiredNumber("size"), protection: try protection(required: true))
        case "touch":
            let access = try f.string("access") ?? "read"
            guard access == "read" || access == "write" else { throw f.fail("access", "must be \"read\" or \"write\"") }
            let value = try f.number("value") ?? 0
            guard value <= UInt64(UInt32.max) else { throw f.fail("value", "must fit in 32 bits") }
            operation = .touch(address: try f.requiredNumber("addr"), write: access == "write", value: UInt32(value))
        case "fail-next":
            let kindName = try f.requiredString("kind")
            let kind: AllocationKind
            switch kindName {
            case "frame": kind = .frame
            case "page-table", "pageTable": kind = .pageTable
            default: throw f.fail("kind", "must be \"frame\" or \"page-table\", got \"\(kindName)\"")
            }
            let count = try f.number("count") ?? 1
            guard count <= 1_000_000 else { throw f.fail("count", "is unreasonably large (\(count))") }
            operation = .failNext(kind: kind, count: Int(count))
        case "exec":
            guard let items = try f.array("segments"), !items.isEmpty else { throw f.fail("segments", "must list at least one segment") }
            var segments: [ExecSegment] = []
            for (i, item) in items.enumerated() {
                let s = try JSONFields(item, source: source, location: "\(location), segment \(i + 1)")
                try s.onlyKeys(["addr", "size", "prot"])
                let text = try s.string("prot") ?? "rw-"
                guard let p = Protection(text: text) else { throw s.fail("prot", "must be like \"rw-\", \"r-x\" or \"none\", got \"\(text)\"") }
                segments.append(ExecSegment(address: try s.number("addr"), size: try s.requiredNumber("size"), protection: p))
            }
            operation = .exec(segments: segments)
        default:
            operation = .teardown
        }
        return Step(operation, expected: try parseExpected(f), note: try f.string("note"))
    }

    static func parseExpected(_ f: JSONFields) throws(InputError) -> ExpectedResult? {
        guard let raw = f.object["expect"] else { return nil }
        if let text = raw as? String {
            if text == "ok" { return .ok }
            guard let e = KernelError(name: text) else {
                throw f.fail("expect", "must be \"ok\", {\"ok\": VALUE} or an errno name like \"ENOMEM\", got \"\(text)\"")
            }
            return .error(e)
        }
        if let object = raw as? [String: Any], object.count == 1, let value = object["ok"] {
            guard let n = JSONFields.parseNumber(value) else { throw f.fail("expect", "the ok value must be a number or hex string") }
            return .okValue(n)
        }
        throw f.fail("expect", "must be \"ok\", {\"ok\": VALUE} or an errno name like \"ENOMEM\"")
    }
}

extension Trace {
    /// The trace as JSON text, one step a line, addresses in hex.
    public func jsonText() -> String {
        var lines: [String] = ["{"]
        lines.append("  \"format\": \"\(Trace.format)\",")
        lines.append("  \"version\": \(Trace.version),")
        if let description { lines.append("  \"description\": \(jsonString(description)),") }
        lines.append("  \"universe\": \(UniverseFile.jsonText(universe)),")
        lines.append("  \"design\": \"\(design.rawValue)\",")
        lines.append("  \"mutations\": [\(mutations.names.map { "\"\($0)\"" }.joined(separator: ", "))],")
        if !serenityFixes.isEmpty {
            lines.append("  \"fixes\": [\(serenityFixes.names.map { "\"\($0)\"" }.joined(separator: ", "))],")
        }
        if let violates { lines.append("  \"violates\": \(jsonString(violates)),") }
        if let implementation {
            lines.append("  \"implementation\": {\"path\": \(jsonString(implementation.path)), \"fnv1a\": \"\(implementation.hash)\"},")
        }
        lines.append("  \"steps\": [")
        for (i, step) in steps.enumerated() {
            lines.append("    " + Trace.stepJSON(step) + (i + 1 < steps.count ? "," : ""))
        }
        lines.append("  ]")
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }

    public func write(to path: String) throws(InputError) {
        // Checked again at the end: the rename below would replace a FIFO, symlink or device.
        try OutputPath.checkFile(path, flag: path)
        do {
            try jsonText().write(toFile: path, atomically: true, encoding: .utf8)
        } catch {
            throw InputError(source: path, message: "cannot be written: \(error.localizedDescription)")
        }
    }

    static func stepJSON(_ step: Step) -> String {
        var fields: [String] = []
        func hex(_ key: String, _ v: UInt64) { fields.append("\"\(key)\": \"\(v.hex)\"") }
        switch step.operation {
        case let .mmap(size, protection, placement, address, alignment, choice):
            fields.append("\"op\": \"mmap\"")
            hex("size", size)
            fields.append("\"prot\": \"\(protection)\"")
            fields.append("\"placement\": \"\(placement.rawValue)\"")
            if let address { hex("addr", address) }
            if let alignment { hex("align", alignment) }
            if let choice { fields.append("\"choice\": \(choice)") }
        case let .munmap(address, size):
            fields.append("\"op\": \"munmap\"")
            hex("addr", address)
            hex("size", size)
        case let .mprotect(address, size, protection):
            fields.append("\"op\": \"mprotect\"")
            hex("addr", address)
            hex("size", size)
            fields.append("\"prot\": \"\(protection)\"")
        case let .touch(address, write, value):
            fields.append("\"op\": \"touch\"")
            hex("addr", address)
            fields.append("\"access\": \"\(write ? "write" : "read")\"")
            if write { fields.append("\"value\": \(value)") }
        case let .failNext(kind, count):
            fields.append("\"op\": \"fail-next\"")
            fields.append("\"kind\": \"\(kind == .frame ? "frame" : "page-table")\"")
            fields.append("\"count\": \(count)")
        case .teardown:
            fields.append("\"op\": \"teardown\"")
        case let .exec(segments):
            fields.append("\"op\": \"exec\"")
            let items = segments.map { s in
                "{" + ((s.address.map { ["\"addr\": \"\($0.hex)\""] } ?? []) + ["\"size\": \"\(s.size.hex)\"", "\"prot\": \"\(s.protection)\""])
                    .joined(separator: ", ") + "}"
            }
            fields.append("\"segments\": [" + items.joined(separator: ", ") + "]")
        }
        switch step.expected {
        case nil: break
        case .ok?: fields.append("\"expect\": \"ok\"")
        case .okValue(let v)?: fields.append("\"expect\": {\"ok\": \"\(v.hex)\"}")
        case .error(let e)?: fields.append("\"expect\": \"\(e)\"")
        }
        if let note = step.note { fields.append("\"note\": \(jsonString(note))") }
        return "{" + fields.joined(separator: ", ") + "}"
    }
}

/// A JSON string literal.
func jsonString(_ s: String) -> String {
    var out = "\""
    for c in s.unicodeScalars {
        switch c {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        default:
            if c.value < 0x20 { out += String(format: "\\u%04x", c.value) } else { out.unicodeScalars.append(c) }
        }
    }
    return out + "\""
}
