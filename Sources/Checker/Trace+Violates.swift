/// A trace's `violates` names a property replay checks for; a typo there would read as "bug
/// fixed" (not reproduced, exit 0), so an id no check knows is bad input.
extension Trace {
    /// `known` are the ids of the properties replay can check (the catalogue, plus any Z3
    /// property files it loads).
    public func checkViolates(known: [String], source: String) throws(InputError) {
        guard let violates, !known.contains(violates) else { return }
        throw InputError(source: source, location: "field 'violates'",
                         message: "unknown property id \"\(violates)\" (known: \(known.joined(separator: ", ")))")
    }
}
