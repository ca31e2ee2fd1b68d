import Model

/// The design now lives in Model (the address space runs it); the alias keeps `Checker.Design`.
public typealias Design = Model.Design
