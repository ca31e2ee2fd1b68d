/// The concurrent explorer's default bound, in atomic steps (README, "Concurrency": the
/// reference on `tiny` with two threads is clean to it in the measured time).
public enum ConcurrentDefaults {
    public static let depth = 48
}
