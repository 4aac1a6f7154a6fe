/// Prints diagnostics the way compilers do:
///
/// ```
/// Content/events/brawl.md:3:7: error: invalid date '2025-13-45': month must be 1–12 [frontmatter.invalid-date]
///     3 | date: 2025-13-45
///       |       ^
///   hint: write the date as YYYY-MM-DD, YYYY-MM or YYYY
/// ```
///
/// Control characters from content (a terminal escape, say) are shown as `<U+001B>`, never sent
/// to the terminal. A long line is quoted around the column only, as compilers do.
public enum DiagnosticFormatter {
    /// Characters of a long line quoted before and after the column.
    static let context = 60

    public static func format(_ diagnostic: Diagnostic) -> String {
        var out = ""
        if let position = diagnostic.position { out += "\(visible(position.description)): " }
        out += "\(diagnostic.severity.rawValue): \(visible(diagnostic.message)) [\(diagnostic.code)]\n"
        if let position = diagnostic.position, let line = diagnostic.sourceLine {
            let number = String(position.line)
            let gutter = String(repeating: " ", count: number.count)
            let characters = Array(line)
            let column = max(0, min(position.column - 1, characters.count))
            let isLong = characters.count > 2 * context + 20
            let start = isLong ? max(0, column - context) : 0
            let end = isLong ? min(characters.count, column + context) : characters.count
            var quoted = start > 0 ? "…" : ""
            var lead = start > 0 ? " " : ""
            for (i, ch) in characters[start..<end].enumerated() {
                let shown = ch == "\t" ? "\t" : visible(String(ch))
                quoted += shown
                // Tabs are kept so the caret lines up under the same characters.
                if start + i < column { lead += ch == "\t" ? "\t" : String(repeating: " ", count: shown.count) }
            }
            if end < characters.count { quoted += "…" }
            out += "    \(number) | \(quoted)\n"
            out += "    \(gutter) | \(lead)^\n"
        }
        if let hint = diagnostic.hint { out += "  hint: \(visible(hint))\n" }
        return out
    }

    public static func format(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(format).joined()
    }

    /// The text with control characters (but tab) spelled out as `<U+001B>`.
    public static func visible(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var out = ""
        for scalar in text.unicodeScalars {
            if isControl(scalar) {
                let hex = String(scalar.value, radix: 16, uppercase: true)
                out += "<U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex + ">"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        (scalar.value < 0x20 && scalar != "\t") || (0x7F...0x9F).contains(scalar.value)
            || scalar.value == 0xFFFE || scalar.value == 0xFFFF
    }
}
