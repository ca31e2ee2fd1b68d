/// GitHub Actions reads a line that starts with `::` (after blanks) on stdout or stderr as a
/// workflow command. A report that echoes user text — a trace note `"x\n::add-mask::secret"`, a
/// universe name with a newline — must not issue one: such a line gets a space between the colons.
public enum WorkflowCommandText {
    public static func neutralised(_ text: String) -> String {
        guard text.contains("::") else { return text }
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        for i in lines.indices {
            let blanks = lines[i].prefix { $0 == " " || $0 == "\t" || $0 == "\r" }
            if lines[i].dropFirst(blanks.count).hasPrefix("::") {
                lines[i] = String(blanks) + ": :" + lines[i].dropFirst(blanks.count + 2)
            }
        }
        return lines.joined(separator: "\n")
    }
}
