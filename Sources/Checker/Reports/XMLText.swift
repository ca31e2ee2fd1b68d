/// Escapes text for an XML attribute value or element content.
func xmlEscaped(_ text: String) -> String {
    var out = ""
    out.reserveCapacity(text.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        case "\n", "\t", "\r": out.unicodeScalars.append(scalar)
        default:
            // XML 1.0 forbids most control characters even when escaped.
            if scalar.value < 0x20 { out += "?" } else { out.unicodeScalars.append(scalar) }
        }
    }
    return out
}
