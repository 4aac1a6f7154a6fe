/// Typographic quotes for the plain text of front matter (titles, summaries, names), the way
/// cmark's smart punctuation already treats bodies: `"first"` → “first”, `Rubio's` → Rubio’s.
public enum Typography {
    public static func smartQuotes(_ text: String) -> String {
        guard text.contains(where: { $0 == "\"" || $0 == "'" }) else { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        var previous: Character?
        for ch in text {
            switch ch {
            case "\"": out.append(opens(after: previous) ? "“" : "”")
            case "'": out.append(opens(after: previous) ? "‘" : "’")
            default: out.append(ch)
            }
            previous = ch
        }
        return out
    }

    /// A quote opens at the start, after white space, or after opening punctuation.
    private static func opens(after previous: Character?) -> Bool {
        guard let previous else { return true }
        return previous.isWhitespace || "([{“‘—–-/".contains(previous)
    }
}
