import Model

extension SerenityFixes {
    /// The fixes a `--fix` list names: fix names, or `all`. Bad names are an input error naming
    /// the flag.
    public static func selection(_ names: [String], design: Design) throws(InputError) -> SerenityFixes {
        var fixes: SerenityFixes = []
        for name in names {
            if name == "all" {
                fixes.formUnion(.all)
            } else if let fix = SerenityFixes.named(name) {
                fixes.insert(fix)
            } else {
                throw InputError(source: "--fix", message: "unknown fix '\(name)' (known: all, \(catalogue.map(\.name).joined(separator: ", ")))")
            }
        }
        if !fixes.isEmpty && design != .serenity {
            throw InputError(source: "--fix", message: "fixes apply to --design serenity only")
        }
        return fixes
    }
}
