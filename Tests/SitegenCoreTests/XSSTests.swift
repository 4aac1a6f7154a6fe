import Foundation
#if canImport(FoundationXML)
    import FoundationXML
#endif
import Testing

@testable import SitegenCore

/// The tags and attributes a browser would see in a page: a tokenizer that follows the HTML
/// standard's tag, attribute, comment and raw-text rules (enough to be the oracle of these
/// tests: it reads unquoted attributes, entity-encoded values and `<script>` anywhere).
struct HTMLTags {
    struct Tag {
        let name: String
        var attributes: [(name: String, value: String)] = []
    }

    private(set) var tags: [Tag] = []

    init(_ html: String) {
        let s = Array(html.unicodeScalars)
        var i = 0
        func isSpace(_ c: Unicode.Scalar) -> Bool { c == " " || c == "\t" || c == "\n" || c == "\r" || c == "\u{0C}" }
        while i < s.count {
            guard s[i] == "<", i + 1 < s.count else {
                i += 1
                continue
            }
            if s[i + 1] == "!" {
                // Comment or doctype: to "-->" or ">".
                let isComment = i + 3 < s.count && s[i + 2] == "-" && s[i + 3] == "-"
                i += 2
                while i < s.count {
                    if isComment, s[i] == ">", i >= 2, s[i - 1] == "-", s[i - 2] == "-" { break }
                    if !isComment, s[i] == ">" { break }
                    i += 1
                }
                i += 1
                continue
            }
            let isEnd = s[i + 1] == "/"
            var j = i + (isEnd ? 2 : 1)
            guard j < s.count, s[j].properties.isAlphabetic else {
                i += 1
                continue
            }
            var name = ""
            while j < s.count, !isSpace(s[j]), s[j] != "/", s[j] != ">" {
                name.unicodeScalars.append(s[j])
                j += 1
            }
            var tag = Tag(name: name.lowercased())
            // Attributes.
            while j < s.count, s[j] != ">" {
                if isSpace(s[j]) || s[j] == "/" {
                    j += 1
                    continue
                }
                var attribute = ""
                repeat {
                    attribute.unicodeScalars.append(s[j])
                    j += 1
                } while j < s.count && !isSpace(s[j]) && s[j] != "/" && s[j] != ">" && s[j] != "="
                while j < s.count, isSpace(s[j]) { j += 1 }
                var value = ""
                if j < s.count, s[j] == "=" {
                    j += 1
                    while j < s.count, isSpace(s[j]) { j += 1 }
                    if j < s.count, s[j] == "\"" || s[j] == "'" {
                        let quote = s[j]
                        j += 1
                        while j < s.count, s[j] != quote {
                            value.unicodeScalars.append(s[j])
                            j += 1
                        }
                        j += 1
                    } else {
                        while j < s.count, !isSpace(s[j]), s[j] != ">" {
                            value.unicodeScalars.append(s[j])
                            j += 1
                        }
                    }
                }
                tag.attributes.append((attribute.lowercased(), Self.decode(value)))
            }
            i = j + 1
            if !isEnd { tags.append(tag) }
            // Raw text: nothing inside is a tag until the matching end tag.
            if !isEnd, ["script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"].contains(tag.name) {
                let end = Array("</\(tag.name)".unicodeScalars)
                while i < s.count {
                    if s[i] == "<", i + end.count <= s.count,
                        String(String.UnicodeScalarView(s[i..<i + end.count])).lowercased() == String(String.UnicodeScalarView(end))
                    {
                        break
                    }
                    i += 1
                }
            }
        }
    }

    /// Character references in an attribute value, as a browser decodes them.
    static func decode(_ value: String) -> String {
        guard value.contains("&") else { return value }
        let named: [String: String] = [
            "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "colon": ":", "tab": "\t",
            "newline": "\n", "sol": "/", "lpar": "(", "rpar": ")", "nbsp": "\u{A0}",
        ]
        var out = ""
        let s = Array(value.unicodeScalars)
        var i = 0
        while i < s.count {
            guard s[i] == "&" else {
                out.unicodeScalars.append(s[i])
                i += 1
                continue
            }
            var j = i + 1
            var entity = ""
            while j < s.count, j - i < 12, s[j] != ";", s[j].properties.isAlphabetic || s[j].properties.numericType != nil || s[j] == "#" {
                entity.unicodeScalars.append(s[j])
                j += 1
            }
            let next = j < s.count && s[j] == ";" ? j + 1 : j
            if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let n = UInt32(entity.dropFirst(2), radix: 16),
                let scalar = Unicode.Scalar(n)
            {
                out.unicodeScalars.append(scalar)
                i = next
            } else if entity.hasPrefix("#"), let n = UInt32(entity.dropFirst()), let scalar = Unicode.Scalar(n) {
                out.unicodeScalars.append(scalar)
                i = next
            } else if let text = named[entity.lowercased()] {
                out += text
                i = next
            } else {
                out += "&"
                i += 1
            }
        }
        return out
    }

    static let urlAttributes: Set<String> = ["href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset"]

    /// Every way a page could run script: a script element, an `on…` attribute, a URL with a
    /// scheme that runs code (after decoding, without the whitespace and controls browsers skip).
    var dangers: [String] {
        var found: [String] = []
        for tag in tags {
            // JSON-LD is data, not script: a script element whose only attribute is that type
            // (its content is checked to be whole JSON by `jsonLD(in:)`).
            let isJSONLD = tag.name == "script" && tag.attributes.count == 1
                && tag.attributes[0].name == "type" && tag.attributes[0].value == "application/ld+json"
            if !isJSONLD && ["script", "iframe", "object", "embed", "base", "form", "svg", "math"].contains(tag.name) {
                found.append("<\(tag.name)>")
            }
            for (name, value) in tag.attributes {
                if name.hasPrefix("on") { found.append("<\(tag.name) \(name)>") }
                if name == "style" && value.lowercased().contains("expression") { found.append("style expression") }
                let squeezed = String(value.unicodeScalars.filter { $0.value > 0x20 }.map(Character.init)).lowercased()
                let isRefresh =
                    tag.name == "meta" && name == "content"
                    && tag.attributes.contains { $0.name == "http-equiv" && $0.value.lowercased() == "refresh" }
                if Self.urlAttributes.contains(name) || isRefresh {
                    // data: runs script where it is navigated to or embedded, not as an icon or image.
                    let schemes =
                        ["link", "img", "source"].contains(tag.name)
                        ? ["javascript:", "vbscript:"] : ["javascript:", "vbscript:", "data:", "file:"]
                    for scheme in schemes where squeezed.hasPrefix(scheme) || (isRefresh && squeezed.contains("url=" + scheme)) {
                        found.append("<\(tag.name) \(name)=\(scheme)>")
                    }
                }
            }
        }
        return found
    }
}

@Suite("No payload becomes script: 300+ cases through Markdown, front matter, feed and sitemap")
struct XSSTests {
    static let schemes = ["javascript:alert(1)", "vbscript:msgbox(1)", "data:text/html,<script>alert(1)</script>",
        "file:///etc/passwd"]

    /// A dangerous scheme written in every way browsers still read it.
    static var encodedSchemes: [String] {
        var out: [String] = []
        for url in schemes {
            let colon = url.firstIndex(of: ":")!
            let scheme = String(url[..<colon])
            let rest = String(url[colon...].dropFirst())
            out += [
                url, url.uppercased(), scheme.prefix(1).uppercased() + scheme.dropFirst() + ":" + rest,
                scheme + "&#58;" + rest, scheme + "&colon;" + rest, scheme + "&#x3A;" + rest,
                "&#" + String(scheme.unicodeScalars.first!.value) + ";" + scheme.dropFirst() + ":" + rest,
                "&#x" + String(scheme.unicodeScalars.first!.value, radix: 16) + ";" + scheme.dropFirst() + ":" + rest,
                " " + url, "\t" + url, String(scheme.prefix(2)) + "\t" + scheme.dropFirst(2) + ":" + rest,
                String(scheme.prefix(2)) + "&Tab;" + scheme.dropFirst(2) + ":" + rest,
                String(scheme.prefix(2)) + "&#x09;" + scheme.dropFirst(2) + ":" + rest,
                String(scheme.prefix(2)) + "&NewLine;" + scheme.dropFirst(2) + ":" + rest,
                "%6A" + url.dropFirst(), url.replacingOccurrences(of: "(", with: "&lpar;"),
            ]
        }
        return out
    }

    static var markdownPayloads: [String] {
        var out: [String] = []
        for url in encodedSchemes {
            out += [
                "[x](\(url))", "[x](<\(url)>)", "![x](\(url))", "[x][r]\n\n[r]: \(url)", "<\(url)>",
                "[x](\(url) \"title\")",
            ]
        }
        out += [
            "<script>alert(1)</script>", "<SCRIPT SRC=//x.example/x.js></SCRIPT>", "<img src=x onerror=alert(1)>",
            "<svg onload=alert(1)>", "<iframe src=javascript:alert(1)>", "<a href=\"javascript:alert(1)\">x</a>",
            "<div style=\"background:url(javascript:alert(1))\">", "<math><mtext><img src=x onerror=alert(1)>",
            "<details open ontoggle=alert(1)>", "<body onload=alert(1)>", "<object data=javascript:alert(1)>",
            "<embed src=javascript:alert(1)>", "<form action=javascript:alert(1)><button>x</button></form>",
            "<meta http-equiv=refresh content=\"0;url=javascript:alert(1)\">", "<base href=javascript:alert(1)//>",
            "<!--<img src=x onerror=alert(1)>-->", "<![CDATA[<script>alert(1)</script>]]>",
            "<textarea><script>alert(1)</script></textarea>", "<style>@import 'javascript:alert(1)'</style>",
            "<xmp><script>alert(1)</script></xmp>", "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
            "`<script>alert(1)</script>`", "```\n<script>alert(1)</script>\n```",
            "    <script>alert(1)</script>", "<scr<script>ipt>alert(1)</script>",
            "[<img src=x onerror=alert(1)>](https://example.org)", "[x](https://example.org \"\\\" onmouseover=alert(1) \\\"\")",
            "[x](https://example.org\" onmouseover=\"alert(1))", "![x\" onerror=\"alert(1)](https://example.org/a.png)",
            "| a |\n|---|\n| <script>alert(1)</script> |", "- [ ] <img src=x onerror=alert(1)>",
            "~~<script>alert(1)</script>~~", "www.example.org/<script>alert(1)</script>",
            "https://example.org/\"><script>alert(1)</script>", "x[^1]\n\n[^1]: <script>alert(1)</script>",
            "[^<script>]\n\n[^<script>]: x", "## <script>alert(1)</script>", "## x\" onmouseover=\"alert(1)",
            "[x](@people/ana-example\"><script>alert(1)</script>)", "[x](@people/ana-example#\"><script>)",
            "[x](@timeline#\"onmouseover=alert(1)\")", "[x](@briefs/<script>)", "[x](@people/../../etc/passwd)",
            "&lt;script&gt;alert(1)&lt;/script&gt;", "&#60;script&#62;alert(1)&#60;/script&#62;",
            "<a href=\"&#106;avascript:alert(1)\">x</a>", "<a href=\"jav&#x09;ascript:alert(1)\">x</a>",
            "<img src=\"x\" onerror=\"alert(1)\"/>", "<img/src=x/onerror=alert(1)>", "<img src=x onerror\n=alert(1)>",
            "<<script>script>alert(1)<</script>/script>", "<a href=javascript&colon;alert(1)>x</a>",
            "[x](javascript:alert(1)//https://example.org)", "[x](JaVaScRiPt&colon;alert(1))",
            "![x](data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+)", "<video><source onerror=alert(1)>",
            "<input autofocus onfocus=alert(1)>", "<select onfocus=alert(1) autofocus>", "<marquee onstart=alert(1)>",
            "<isindex action=javascript:alert(1) type=image>", "<link rel=import href=data:text/html,x>",
        ]
        return out
    }

    static var frontMatterPayloads: [String] {
        [
            "<script>alert(1)</script>", "\"><script>alert(1)</script>", "'><img src=x onerror=alert(1)>",
            "</title><script>alert(1)</script>", "</textarea><script>alert(1)</script>",
            "javascript:alert(1)", "x\" onmouseover=\"alert(1)", "]]></title><script>alert(1)</script>",
            "&lt;script&gt;", "<!-- x --><svg onload=alert(1)>", "</script><script>alert(1)</script>",
            "<![CDATA[<script>]]>",
        ]
    }

    static func yaml(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    @Test func theCorpusIsLargeEnough() {
        #expect(Self.markdownPayloads.count + Self.frontMatterPayloads.count * 8 >= 300)
    }

    @Test func theOracleFindsWhatABrowserWouldRun() {
        #expect(HTMLTags("<img src=x onerror=alert(1)>").dangers == ["<img onerror>"])
        #expect(HTMLTags("<a href=\"&#106;ava&#x09;script&colon;x\">").dangers == ["<a href=javascript:>"])
        #expect(HTMLTags("<p>&lt;script&gt;</p>").dangers == [])
        #expect(HTMLTags("<title><script></title>").dangers == [])
        #expect(HTMLTags("<!-- <script> -->").dangers == [])
        #expect(HTMLTags("<svg/onload=x>").dangers == ["<svg>", "<svg onload>"])
        #expect(HTMLTags("<meta http-equiv=refresh content=\"0;url=javascript:x\">").dangers == ["<meta content=javascript:>"])
        #expect(HTMLTags("<meta name=description content=\"javascript:x\">").dangers == [])
        #expect(HTMLTags("<link rel=icon href=\"data:,\">").dangers == [])
        #expect(HTMLTags("<a href=\" data:text/html,x\">").dangers == ["<a href=data:>"])
    }

    /// Every Markdown payload as a body, rendered alone: no danger in the HTML.
    @Test func markdownPayloadsRenderSafely() {
        let renderer = MarkdownRenderer()
        for payload in Self.markdownPayloads {
            let text = payload + "\n"
            let html = renderer.render(
                MarkdownSource(text: text, startLine: 1, file: SourceFile(path: "x.md", text: text)), rootPrefix: "../../"
            ).html
            #expect(HTMLTags(html).dangers == [], "\(payload) → \(html)")
        }
    }

    /// Payloads in every front matter text field and in bodies of a whole site: no danger on
    /// any page, and the feed and sitemap stay well-formed XML with the payloads as text.
    @Test func payloadsInAWholeSiteRenderSafely() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        for (i, payload) in Self.frontMatterPayloads.enumerated() {
            let value = Self.yaml(payload)
            try site.write(
                site.content + "/briefs/x\(i).md",
                """
                ---
                title: \(value)
                summary: \(value)
                date: 2025-08-\(10 + i)
                kind: news
                people: [ana-example]
                sources:
                  - document: s\(i)
                    reported-by: org-one
                    note: \(value)
                ---
                \(Self.markdownPayloads[i * 5 % Self.markdownPayloads.count])

                """)
            try site.write(
                site.content + "/people/p\(i).md",
                """
                ---
                name: \(value)
                role: \(value)
                summary: \(value)
                aliases: [\(value), Person\(i)]
                quotes:
                  - text: \(value)
                    context: \(value)
                    source: s\(i)
                ---
                Body.

                """)
            try site.write(
                site.content + "/sources/s\(i).md",
                """
                ---
                title: \(value)
                publisher: \(value)
                author: \(value)
                kind: report
                publish-text: true
                ---
                \(payload)
                \(Self.markdownPayloads[i * 5 % Self.markdownPayloads.count])

                Person\(i) said: “\(payload)”

                """)
            try site.write(
                site.content + "/events/e\(i).md",
                "---\ntitle: \(value)\ndate: 2025-08-\(10 + i)\nlocation: \(value)\npeople: [p\(i)]\n---\n\(payload)\n")
        }
        let report = SiteBuilder(options: site.options()).run(write: true)
        #expect(report.diagnostics.errors.isEmpty, "\(DiagnosticFormatter.format(report.diagnostics.errors))")
        let files = tree(site.temp.path + "/Public")
        #expect(files.count > 40)
        for (path, text) in files where path.hasSuffix(".html") {
            #expect(HTMLTags(text).dangers == [], "\(path)")
            // The JSON-LD holds every payload as data: one script element, whose text up to the
            // first `</script` is the whole JSON object (nothing closed it early).
            let scripts = text.components(separatedBy: "<script").count - 1
            #expect(scripts <= 1, "\(path)")
            if scripts == 1 {
                let start = try #require(text.range(of: "<script type=\"application/ld+json\">")).upperBound
                let end = try #require(text.range(of: "</script", range: start..<text.endIndex)).lowerBound
                let json = try JSONSerialization.jsonObject(with: Data(text[start..<end].utf8)) as? [String: Any]
                #expect(json?["@graph"] != nil, "\(path)")
            }
        }
        for name in ["feed.xml", "sitemap.xml"] {
            let xml = try #require(files[name])
            let parser = XMLParser(data: Data(xml.utf8))
            #expect(parser.parse(), "\(name) is not well-formed: \(String(describing: parser.parserError))")
            #expect(!xml.contains("<script"))
        }
    }
}
