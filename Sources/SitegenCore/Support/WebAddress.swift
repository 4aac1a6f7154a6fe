/// The one check every URL sitegen accepts goes through (`base-url` in `site.md`,
/// `--base-url`, a source's `url`): an absolute http or https address with a host, made of
/// printable ASCII with nothing that could end an attribute, a line or a tag.
public enum WebAddress {
    /// Why `text` is not acceptable, or nil when it is. `isBase` adds the rules for a site's
    /// own address: no query or fragment, and a path without empty segments (`//evil.example/`
    /// would make the 404 page's links point to another host).
    public static func problem(with text: String, isBase: Bool = false) -> String? {
        let lower = text.lowercased()
        let scheme = lower.hasPrefix("https://") ? 8 : lower.hasPrefix("http://") ? 7 : 0
        guard scheme > 0 else { return "it must start with https:// or http://" }
        if let bad = text.unicodeScalars.first(where: { $0.value <= 0x20 || $0.value >= 0x7F }) {
            return bad.value <= 0x20 || bad.value == 0x7F
                ? "it holds a space or a control character (U+\(String(bad.value, radix: 16, uppercase: true)))"
                : "it holds '\(bad)': write non-ASCII characters percent-encoded"
        }
        if let bad = text.first(where: { "\"'<>\\`{}|^".contains($0) }) {
            return "it holds '\(bad)', which a URL cannot contain"
        }
        let rest = text.dropFirst(scheme)
        let host = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !host.isEmpty, !host.hasPrefix("@"), !host.hasPrefix(":"), !host.hasPrefix(".") else {
            return "it has no host after the scheme"
        }
        if isBase {
            if text.contains("?") || text.contains("#") { return "a site's address has no query or fragment" }
            let path = rest.dropFirst(host.count)
            if path.contains("//") { return "its path has an empty segment ('//')" }
        }
        return nil
    }
}
