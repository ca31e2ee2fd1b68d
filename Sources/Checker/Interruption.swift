import Foundation
import Synchronization

/// SIGINT and SIGTERM during `explore` or `random`: the handler only records the signal; the
/// loops poll `requested` once per batch (an atomic load) and stop there with a partial,
/// inconclusive report (exit 3), writing the outputs asked for. A second signal kills as usual.
public enum Interruption {
    /// The signal received, 0 while none.
    private static let received = Atomic<Int32>(0)

    public static func install() {
        // A parent may have spawned us with these blocked (the mask is inherited): unblock them.
        var unblock = sigset_t()
        sigemptyset(&unblock)
        sigaddset(&unblock, SIGINT)
        sigaddset(&unblock, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &unblock, nil)
        for number in [SIGINT, SIGTERM] {
            signal(number) { caught in
                Interruption.received.store(caught, ordering: .relaxed)
                signal(caught, SIG_DFL)
            }
        }
    }

    public static var requested: Bool { received.load(ordering: .relaxed) != 0 }

    /// "SIGINT", "SIGTERM".
    public static var signalName: String {
        switch received.load(ordering: .relaxed) {
        case SIGINT: "SIGINT"
        case SIGTERM: "SIGTERM"
        case let n: "signal \(n)"
        }
    }
}
