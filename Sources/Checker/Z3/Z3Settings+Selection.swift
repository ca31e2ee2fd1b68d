import Model

extension Z3Settings {
    /// The ids of the loaded files the Swift catalogue does not have: the user's own properties.
    public var userIDs: Set<String> { Set(properties.map(\.id)).subtracting(PropertyCatalogue.ids) }

    /// Only the files `--properties` selected: a file with a catalogue id when that property is
    /// selected, a user file when the selection takes it (all of them when it names none).
    public func selecting(_ selection: PropertySet) -> Z3Settings {
        var selected = self
        let catalogue = Set(PropertyCatalogue.ids)
        let chosen = Set(selection.ids)
        selected.properties = properties.filter { file in
            catalogue.contains(file.id) ? chosen.contains(file.id) : selection.userSelection?.contains(file.id) ?? true
        }
        return selected
    }
}
