/// How an operation that fails restores the state it started from (every operation is atomic).
public enum RollbackStrategy: Sendable, Hashable {
    /// Runs the operation in place and undoes its writes from the storage's journal
    /// (`JournaledArray`): the cost follows what the operation changed, not the state's size.
    case journal
    /// Runs the operation on a copy and keeps the copy on success. A state whose arrays are
    /// shared with a stored copy (the explorer's) pays for the copy on its first write anyway,
    /// so this saves it the journal's bookkeeping.
    case copy
}
