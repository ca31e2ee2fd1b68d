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
            // XML 1.0 allows only tab, newline, CR, U+0020…U+D7FF, U+E000…U+FFFD and U+10000 up,
            // even escaped: the other C0 controls and U+FFFE, U+FFFF become "?" (a Swift string
            // holds no lone surrogates).
            if scalar.value < 0x20 || scalar.value == 0xFFFE || scalar.value == 0xFFFF { out += "?" } else { out.unicodeScalars.append(scalar) }
        }
    }
    return out
}
