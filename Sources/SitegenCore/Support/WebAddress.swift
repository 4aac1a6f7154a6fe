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
        let authority = rest.prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        guard !authority.isEmpty, !authority.hasPrefix("@"), !authority.hasPrefix(":"), !authority.hasPrefix(".") else {
            return "it has no host after the scheme"
        }
        if authority.contains("@") {
            return "it holds a user name or password before '@', which would be published"
        }
        guard let (host, port) = split(authority) else {
            return "its host '\(authority)' is not a name or an IP address"
        }
        if let port {
            guard !port.isEmpty, port.allSatisfy(\.isASCII), port.allSatisfy(\.isNumber), let n = Int(port), (1...65535).contains(n)
            else { return "its port '\(port)' is not a number from 1 to 65535" }
        }
        if let problem = hostProblem(host) { return problem }
        let path = rest.dropFirst(authority.count).prefix { $0 != "?" && $0 != "#" }
        let segments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        if segments.contains(where: { [".", "..", "%2e", "%2e%2e", ".%2e", "%2e."].contains($0.lowercased()) }) {
            return "its path has a '.' or '..' segment: write the address it leads to"
        }
        if isBase {
            if text.contains("?") || text.contains("#") { return "a site's address has no query or fragment" }
            if path.contains("//") { return "its path has an empty segment ('//')" }
        }
        return nil
    }

    /// The host of an address `problem(with:)` accepts (an IPv6 address with its brackets),
    /// without port: for the calendar's UIDs.
    public static func host(of address: String) -> String? {
        guard let start = address.range(of: "://") else { return nil }
        let authority = address[start.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        return split(authority).map { String($0.host) }
    }

    /// An authority's host and, after its ':', port; nil when an IPv6 literal is not closed
    /// or has something other than a port after it.
    private static func split(_ authority: Substring) -> (host: Substring, port: Substring?)? {
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return nil }
            let host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if after.isEmpty { return (host, nil) }
            guard after.hasPrefix(":") else { return nil }
            return (host, after.dropFirst())
        }
        guard let colon = authority.firstIndex(of: ":") else { return (authority, nil) }
        return (authority[..<colon], authority[authority.index(after: colon)...])
    }

    /// A host is a name of letters, digits and hyphens between dots (an IPv4 address is one),
    /// or an IPv6 address in brackets.
    private static func hostProblem(_ host: Substring) -> String? {
        if host.hasPrefix("[") {
            let inside = host.dropFirst().dropLast()
            let valid =
                inside.contains(":") && inside.allSatisfy { $0.isHexDigit || $0 == ":" || $0 == "." }
                && inside.count <= 45
            return valid ? nil : "its host '\(host)' is not an IPv6 address"
        }
        var labels = host.split(separator: ".", omittingEmptySubsequences: false)
        if labels.count > 1, labels.last == "" { labels.removeLast() }  // a fully qualified name's final dot
        let valid =
            host.count <= 253
            && labels.allSatisfy { label in
                !label.isEmpty && label.count <= 63 && !label.hasPrefix("-") && !label.hasSuffix("-")
                    && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
            }
        return valid ? nil : "its host '\(host)' is not a host name (letters, digits and hyphens between dots)"
    }
}
