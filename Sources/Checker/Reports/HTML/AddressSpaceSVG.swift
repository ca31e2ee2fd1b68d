import Foundation
import Model

/// The SVG map of one observed address space: the total range left to right, with rows for the
/// regions (coloured by stable object number, PROT_NONE hatched, holes dashed), the populated
/// pages, the page tables, the PTEs and the TLB (an entry that differs from its PTE is red), and
/// the pages a violation names outlined in red. Drawn from the observation only.
struct AddressSpaceSVG {
    var observation: Observation
    var universe: Universe
    var identities: ObjectIdentities
    var highlighted: Set<UInt64> = []
    /// Makes the hatch pattern's id unique within the page.
    var idSuffix: String

    static let width = 960.0
    static let left = 76.0
    static var plotWidth: Double { width - left - 8 }

    /// A stable colour per object number (golden-angle hues, so neighbours differ).
    static func colour(_ number: Int, light: Bool = false) -> String {
        let hue = (number * 137 + 200) % 360
        return light ? "hsl(\(hue), 55%, 85%)" : "hsl(\(hue), 60%, 62%)"
    }

    /// Pages drawn in full; a larger universe is drawn zoomed to the part that holds something.
    static let fullViewPages: UInt64 = 1024

    /// The byte range the map shows: the total range, or for a large universe the span from the
    /// lowest to the highest thing drawn (regions, translations, named pages), padded.
    var window: (base: UInt64, end: UInt64) {
        let P = universe.pageSize
        guard universe.pages > Self.fullViewPages else { return (universe.base, universe.end) }
        var lo = UInt64.max, hi: UInt64 = 0
        for r in observation.regions { lo = min(lo, r.base); hi = max(hi, r.end) }
        for t in observation.ptes + observation.tlb { lo = min(lo, t.page * P); hi = max(hi, (t.page + 1) * P) }
        for page in highlighted { lo = min(lo, page * P); hi = max(hi, (page + 1) * P) }
        guard lo < hi else { return (universe.base, min(universe.end, universe.base + 16 * P)) }
        let pad = max((hi - lo) / 10, 2 * P) / P * P
        let base = lo - min(pad, lo - universe.base)
        let end = min(universe.end, max(hi + pad, base + 16 * P))
        return (base, end)
    }

    /// `window`, computed once per picture.
    var fixedWindow: (base: UInt64, end: UInt64)? = nil

    private func x(_ address: UInt64) -> Double {
        let (base, end) = fixedWindow ?? window
        let clamped = min(max(address, base), end)
        return Self.left + Double(clamped - base) / Double(end - base) * Self.plotWidth
    }
    private func x(page: UInt64) -> Double { x(page * universe.pageSize) }
    private var pageWidth: Double {
        let base = (fixedWindow ?? window).base
        return max(1, x(base + universe.pageSize) - x(base))
    }
    private func n(_ v: Double) -> String { String(format: "%.1f", v) }

    private func rect(_ x0: Double, _ y: Double, _ w: Double, _ h: Double, fill: String, extra: String = "", title: String? = nil) -> String {
        let body = title.map { "<title>\(htmlEscaped($0))</title>" } ?? ""
        let open = "<rect x=\"\(n(x0))\" y=\"\(n(y))\" width=\"\(n(max(w, 1)))\" height=\"\(n(h))\" fill=\"\(fill)\"\(extra)"
        return body.isEmpty ? open + "/>" : open + ">\(body)</rect>"
    }
    private func label(_ text: String, _ x0: Double, _ y: Double, anchor: String = "start", extra: String = "") -> String {
        "<text x=\"\(n(x0))\" y=\"\(n(y))\" text-anchor=\"\(anchor)\"\(extra)>\(htmlEscaped(text))</text>"
    }

    var markup: String {
        if fixedWindow == nil {
            var fixed = self
            fixed.fixedWindow = window
            return fixed.markup
        }
        let P = universe.pageSize
        let rows = (regions: 22.0, populated: 70.0, tables: 86.0, ptes: 104.0, tlb: 122.0, bottom: 138.0)
        var out: [String] = []
        out.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"map\" width=\"\(n(Self.width))\" height=\"\(n(rows.bottom + 22))\" "
            + "viewBox=\"0 0 \(n(Self.width)) \(n(rows.bottom + 22))\" role=\"img\">")
        out.append("<defs><pattern id=\"hatch-\(idSuffix)\" width=\"6\" height=\"6\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">"
            + "<rect width=\"6\" height=\"6\" fill=\"#fff\" fill-opacity=\"0.35\"/><line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"6\" stroke=\"#333\" stroke-width=\"2\"/></pattern></defs>")
        // Axis: the total range's ends, and page ticks when there are few pages.
        let shown = fixedWindow ?? window
        let zoomed = shown != (universe.base, universe.end)
        out.append(label(shown.base.hex, Self.left, 12))
        out.append(label(shown.end.hex, Self.left + Self.plotWidth, 12, anchor: "end"))
        if zoomed {
            out.append(label("zoomed: the total range is \(byteRange(universe.base, universe.end))", Self.left + Self.plotWidth / 2, 12,
                             anchor: "middle", extra: " fill=\"#888\""))
        }
        let firstPage = shown.base / P
        let shownPages = (shown.end - shown.base) / P
        if shownPages <= 64 {
            for p in firstPage ... firstPage + shownPages {
                out.append("<line x1=\"\(n(x(page: p)))\" y1=\"16\" x2=\"\(n(x(page: p)))\" y2=\"\(n(rows.bottom))\" stroke=\"#e4e4e4\"/>")
            }
        }
        for (name, y) in [("regions", rows.regions + 26), ("populated", rows.populated + 9), ("tables", rows.tables + 11),
                          ("PTEs", rows.ptes + 11), ("TLB", rows.tlb + 11)] {
            out.append(label(name, 4, y, extra: " fill=\"#666\""))
        }
        // The total range as one hole; regions are drawn over it.
        out.append(rect(Self.left, rows.regions, Self.plotWidth, 40, fill: "#f6f6f6",
                        extra: " stroke=\"#999\" stroke-dasharray=\"4 3\" class=\"hole\"", title: "hole"))
        let objects = Dictionary(observation.objects.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for region in observation.regions {
            let number = identities.number(of: region.object) ?? 0
            let letter = number == 0 ? "?" : String(ObjectIdentities.letter(for: number, accessible: region.protection.isAccessible))
            let x0 = x(region.base), w = x(region.end) - x(region.base)
            let title = "\(letter) \(byteRange(region.base, region.end)) \(region.protection) obj \(number) +\(region.offset)"
            let attributes = " stroke=\"#333\" class=\"region\" data-letter=\"\(letter)\" data-object=\"\(number)\" data-base=\"\(region.base.hex)\" data-size=\"\(region.size.hex)\""
            out.append(rect(x0, rows.regions, w, 40, fill: Self.colour(number), extra: attributes, title: title))
            if !region.protection.isAccessible {
                out.append(rect(x0, rows.regions, w, 40, fill: "url(#hatch-\(idSuffix))", extra: " class=\"prot-none\""))
            }
            let halo = " stroke=\"#fff\" stroke-width=\"3\" paint-order=\"stroke\""
            if w >= 14 { out.append(label(letter, x0 + w / 2, rows.regions + 17, anchor: "middle", extra: " font-weight=\"bold\"" + halo)) }
            if w >= 40 { out.append(label("\(region.protection) +\(region.offset)", x0 + w / 2, rows.regions + 32, anchor: "middle", extra: halo)) }
            // Populated pages of this region: those of its object inside its window.
            if let object = objects[region.object] {
                let pages = region.size / P
                for populated in object.populated where populated.page >= region.offset && populated.page < region.offset + pages {
                    let page = region.base / P + (populated.page - region.offset)
                    out.append(rect(x(page: page) + 1, rows.populated, pageWidth - 2, 10, fill: Self.colour(number),
                                    extra: " stroke=\"#333\" class=\"populated\"", title: "page \((page * P).hex): object page \(populated.page), frame \(populated.frame)"))
                }
            } else if observation.capabilities.contains(.objectsAndFrames) {
                out.append(label("dangling", x0 + 2, rows.populated + 9, extra: " fill=\"#a00\""))
            }
        }
        if observation.capabilities.contains(.pageTables) {
            let perTable = universe.pagesPerTable
            let allocated = Set(observation.pageTables)
            let lastPage = firstPage + shownPages - 1
            for table in firstPage / perTable ... lastPage / perTable {
                let start = max(table * perTable, firstPage), end = min((table + 1) * perTable, lastPage + 1)
                let on = allocated.contains(table)
                out.append(rect(x(page: start) + 1, rows.tables, x(page: end) - x(page: start) - 2, 14, fill: on ? "#777" : "#fff",
                                extra: " stroke=\"#777\" class=\"\(on ? "table" : "no-table")\"", title: "page table \(table)\(on ? "" : " (not allocated)")"))
            }
            let ptes = Dictionary(observation.ptes.map { ($0.page, $0) }, uniquingKeysWith: { first, _ in first })
            for pte in observation.ptes { out.append(translation(pte, y: rows.ptes, stale: false, kind: "pte")) }
            if observation.capabilities.contains(.tlb) {
                for entry in observation.tlb { out.append(translation(entry, y: rows.tlb, stale: ptes[entry.page] != entry, kind: "tlb")) }
            } else {
                out.append(label("not reported", Self.left, rows.tlb + 11, extra: " fill=\"#999\""))
            }
        } else {
            out.append(label("not reported", Self.left, rows.tables + 11, extra: " fill=\"#999\""))
        }
        for page in highlighted.sorted() {
            out.append(rect(x(page: page), 17, pageWidth, rows.bottom - 15, fill: "#d33",
                            extra: " fill-opacity=\"0.12\" stroke=\"#d33\" stroke-width=\"2\" class=\"named\"", title: "named by the violation: \((page * P).hex)"))
        }
        var footer = "\(observation.regions.count) regions"
        if observation.capabilities.contains(.pageTables) { footer += ", \(observation.pageTables.count)/\(universe.pageTables) page tables, \(observation.ptes.count) PTEs" }
        if observation.capabilities.contains(.tlb) { footer += ", \(observation.tlb.count) TLB entries" }
        if observation.capabilities.contains(.objectsAndFrames) { footer += ", \(observation.framesInUse.count)/\(universe.frames) frames" }
        out.append(label(footer, Self.left, rows.bottom + 16, extra: " fill=\"#555\""))
        out.append("</svg>")
        return out.joined(separator: "\n")
    }

    private func translation(_ t: ObservedTranslation, y: Double, stale: Bool, kind: String) -> String {
        let fill = stale ? "#d33" : (t.writable ? "#4a8" : "#8ac")
        let x0 = x(page: t.page) + 1, w = pageWidth - 2
        var out = rect(x0, y, w, 14, fill: fill, extra: " class=\"\(kind)\(stale ? " stale" : "")\"",
                       title: "\(kind == "tlb" ? "TLB" : "PTE") \((t.page * universe.pageSize).hex) → frame \(t.frame) \(t.writable ? "rw" : "r-")\(stale ? " (differs from the PTE)" : "")")
        if w >= 22 { out += label("f\(t.frame)\(t.writable ? "w" : "")", x0 + w / 2, y + 11, anchor: "middle", extra: " fill=\"#fff\"") }
        return out
    }
}
