/// Prints diagnostics the way compilers do:
///
/// ```
/// Content/events/brawl.md:3:7: error: invalid date '2025-13-45': month must be 1–12 [frontmatter.invalid-date]
///     3 | date: 2025-13-45
///       |       ^
///   hint: write the date as YYYY-MM-DD, YYYY-MM or YYYY
/// ```
public enum DiagnosticFormatter {
    public static func format(_ diagnostic: Diagnostic) -> String {
        var out = ""
        if let position = diagnostic.position { out += "\(position): " }
        out += "\(diagnostic.severity.rawValue): \(diagnostic.message) [\(diagnostic.code)]\n"
        if let position = diagnostic.position, let line = diagnostic.sourceLine {
            let number = String(position.line)
            let gutter = String(repeating: " ", count: number.count)
            // Tabs are kept so the caret lines up under the same characters.
            let lead = line.prefix(max(0, position.column - 1)).map { $0 == "\t" ? "\t" : " " }.joined()
            out += "    \(number) | \(line)\n"
            out += "    \(gutter) | \(lead)^\n"
        }
        if let hint = diagnostic.hint { out += "  hint: \(hint)\n" }
        return out
    }

    public static func format(_ diagnostics: [Diagnostic]) -> String {
        diagnostics.map(format).joined()
    }
}
