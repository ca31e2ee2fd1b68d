import Model

extension ConcurrentCounterexample {
    /// The interleaving, one column per thread: each row is one atomic step in the column of the
    /// thread that ran it, then the locks every thread holds after it; the address space is drawn
    /// after every step that changed it; a deadlock ends with its wait-for cycle.
    public func lines(threads: Int) -> [String] {
        let width = 44
        func cell(_ text: String) -> String {
            text.count >= width ? String(text.prefix(width - 1)) + " " : text.padding(toLength: width, withPad: " ", startingAt: 0)
        }
        var out: [String] = []
        out.append("\(atomicSteps) atomic steps, \(operations) operations begun")
        out.append("step  " + (0 ..< threads).map { cell("thread \($0) (CPU \($0))") }.joined() + "holds")
        for (i, record) in records.enumerated() {
            var text = record.begins ? "\(record.operation): " : ""
            text += record.step.description
            if let result = record.result { text += " → \(result)" }
            let columns = (0 ..< threads).map { cell($0 == record.move.thread ? text : "") }.joined()
            let holds = record.held.enumerated().map { t, locks in
                "T\(t){\(locks.map(\.description).joined(separator: ","))}"
            }.joined(separator: " ")
            out.append("\(String(i + 1).padding(toLength: 6, withPad: " ", startingAt: 0))\(columns)\(holds)")
            if let picture = record.picture {
                out += picture.split(separator: "\n", omittingEmptySubsequences: false).map { "      " + $0 }
            }
            if let tlbs = record.tlbs {
                for (cpu, entries) in tlbs.enumerated() { out.append("      CPU \(cpu) TLB: \(entries)") }
            }
        }
        for (cpu, tlb) in final.tlbs.enumerated() where !tlb.entries.isEmpty {
            out.append("CPU \(cpu) TLB: " + tlb.entries.map(\.description).joined(separator: ", "))
        }
        out.append("violated: \(violation)")
        return out
    }
}

extension ConcurrentExplorationReport {
    public func text(tracePath: String? = nil) -> String {
        var lines: [String] = []
        let reductionText = reduction ? "sleep sets" : "no reduction"
        lines.append("explore --threads \(threads): \(letters) operations per thread, depth \(depth) atomic steps, \(reductionText)")
        lines.append("states \(states), transitions \(transitions)" + (reduction ? ", slept \(slept)" : "")
            + ", depth reached \(depthReached), \(String(format: "%.2f", seconds)) s")
        if let counterexample {
            lines.append("VIOLATION \(counterexample.violation.property)")
            lines += counterexample.lines(threads: threads)
            if let tracePath { lines.append("schedule written to \(tracePath)") }
        } else if let inconclusive {
            lines.append("INCONCLUSIVE: \(inconclusive)")
        } else {
            lines.append("PASS: every property holds in every interleaving of up to \(depth) atomic steps")
        }
        return lines.joined(separator: "\n")
    }
}
