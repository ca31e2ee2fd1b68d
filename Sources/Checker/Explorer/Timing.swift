import Foundation

func seconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
}

func formatSeconds(_ s: Double) -> String { String(format: s < 10 ? "%.2f" : "%.1f", s) }
