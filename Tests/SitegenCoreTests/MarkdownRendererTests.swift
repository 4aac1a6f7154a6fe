import Testing

@testable import SitegenCore

/// Renders `markdown` as the body of a file whose front matter takes lines 1–2.
private func render(_ markdown: String, rootPrefix: String = "../../", reserved: Set<String> = [])
    -> (RenderedMarkdown, Marked)
{
    let marked = Marked("---\n---\n" + markdown)
    let file = SourceFile(path: "Content/briefs/x.md", text: marked.text)
    let body = String(marked.text.dropFirst("---\n---\n".count))
    let source = MarkdownSource(text: body, startLine: 3, file: file)
    return (MarkdownRenderer().render(source, rootPrefix: rootPrefix, ids: PageIDs(reserved: reserved, reservedPrefixes: PageIDs.footnotes.reservedPrefixes)), marked)
}

@Suite("Markdown through cmark-gfm")
struct MarkdownRendererTests {
    @Test func trimmingSpacesIsFoundationsTrimmingOfWhitespaces() {
        let samples = [
            "", " ", "\t\t", "a", "  a b  ", "\u{00A0}quoted\u{3000}", "\u{2003}\tx\u{202F}", "\n a \n",
            "\u{200B}a\u{200B}", " \u{301}é ", "😀 ", " ünï cödé\t",
        ]
        for text in samples {
            #expect(MarkdownRenderer.trimmingSpaces(text) == text.trimmingCharacters(in: .whitespaces), "\(Array(text.unicodeScalars))")
        }
        // Every character of the Basic Multilingual Plane (where all of Unicode's spaces are),
        // either side of a letter.
        let differing = (0...0xFFFF).compactMap(Unicode.Scalar.init).filter { scalar in
            let text = "\(scalar)a\(scalar)"
            return MarkdownRenderer.trimmingSpaces(text) != text.trimmingCharacters(in: .whitespaces)
        }
        #expect(differing.isEmpty, "\(differing.prefix(5))")
    }

    @Test func inlineCitationsAreNumberedWithLinksBack() {
        let (rendered, _) = render("Said [so](@sources/a), [again](@sources/a) and [here](@sources/b).\n")
        #expect(
            rendered.html
                == "<p>Said so<sup class=\"cite\" id=\"cite-ref-1-1\"><a href=\"#cite-1\">[1]</a></sup>, again<sup class=\"cite\" id=\"cite-ref-1-2\"><a href=\"#cite-1\">[1]</a></sup> and here<sup class=\"cite\" id=\"cite-ref-2-1\"><a href=\"#cite-2\">[2]</a></sup>.</p>\n")
        #expect(rendered.citedSources == [CitedSource(slug: "a", uses: 2), CitedSource(slug: "b", uses: 1)])
        #expect(rendered.references.map(\.slug) == ["a", "a", "b"])
    }

    /// cmark-gfm's table cells take no custom node: a plain link to the source list, with no id
    /// for the list to link back to (and nothing leaked: the fuzz target found that).
    @Test func aCitationInATableCellIsAPlainLink() {
        let (rendered, _) = render("| a |\n|---|\n| [so](@sources/a) |\n\nThen [again](@sources/a).\n")
        #expect(rendered.html.contains("<td>so<a href=\"#cite-1\">[1]</a></td>"))
        #expect(rendered.html.contains("again<sup class=\"cite\" id=\"cite-ref-1-1\"><a href=\"#cite-1\">[1]</a></sup>"))
        #expect(rendered.citedSources == [CitedSource(slug: "a", uses: 1)])
    }

    @Test func rendersAParagraphExactly() {
        #expect(render("Hello *world*.\n").0.html == "<p>Hello <em>world</em>.</p>\n")
    }

    @Test(arguments: [
        ("| a | b |\n|---|---|\n| 1 | 2 |\n", "<table>"),
        ("~~gone~~\n", "<del>gone</del>"),
        ("See https://example.org/x now.\n", "<a href=\"https://example.org/x\">https://example.org/x</a>"),
        ("- [x] done\n- [ ] todo\n", "<input type=\"checkbox\" checked=\"\" disabled=\"\" />"),
        ("\"Never,\" she said -- it's off.\n", "“Never,” she said – it’s off."),
    ])
    func extensions(_ markdown: String, _ expected: String) {
        let html = render(markdown).0.html
        #expect(html.contains(expected), "\(html)")
    }

    /// cmark-gfm keeps the extensions' trigger characters (`:` `w` `~`) in one process-wide
    /// table that each parse sets and clears; parses on other threads must not lose them.
    @Test func extensionsWorkWhenManyThreadsParseAtOnce() {
        let markdown = String(
            repeating: "Words and more words before https://example.org/a and ~~struck~~ text.\n\n", count: 40)
        let expected = render(markdown).0.html
        #expect(expected.components(separatedBy: "<del>struck</del>").count == 41)
        #expect(expected.components(separatedBy: "<a href=\"https://example.org/a\">").count == 41)
        let outputs = parallelMap(400, jobs: 4) { _ in render(markdown).0.html }
        #expect(outputs.filter { $0 != expected }.count == 0)
    }

    /// Bodies without a `~` run their inline pass without the lock, alongside bodies with one,
    /// whose passes set and clear strikethrough's character: neither may lose its links or
    /// struck text.
    @Test(.tags(.slow), .enabled(if: SlowTests.enabled, "slow: run with SITEGEN_SLOW_TESTS=1")) func bodiesWithAndWithoutStrikethroughParseAtOnce() {
        let plain = String(repeating: "Words before https://example.org/a and www.example.org/b text.\n\n", count: 40)
        let struck = String(repeating: "Words before https://example.org/a and ~~struck~~ text.\n\n", count: 40)
        let expectedPlain = render(plain).0.html
        let expectedStruck = render(struck).0.html
        #expect(expectedPlain.components(separatedBy: "<a href=\"http://www.example.org/b\">").count == 41)
        #expect(expectedPlain.components(separatedBy: "<a href=\"https://example.org/a\">").count == 41)
        #expect(expectedStruck.components(separatedBy: "<del>struck</del>").count == 41)
        let outputs = parallelMap(800, jobs: 4) { i in i % 2 == 0 ? render(plain).0.html : render(struck).0.html }
        #expect(outputs.enumerated().filter { $0.element != ($0.offset % 2 == 0 ? expectedPlain : expectedStruck) }.count == 0)
    }

    @Test func aNulByteDoesNotCutTheBodyShort() {
        #expect(
            render("Before\u{0}after.\n\nNext paragraph.\n").0.html
                == "<p>Before\u{FFFD}after.</p>\n<p>Next paragraph.</p>\n")
    }

    @Test func footnotes() {
        let html = render("Claim.[^1]\n\n[^1]: Border Report.\n").0.html
        #expect(
            html.contains("<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup>"))
        #expect(html.contains("<section class=\"footnotes\" data-footnotes>"))
        #expect(html.contains("<li id=\"fn-1\">"))
    }

    /// Footnotes get a heading of their own, with an id clear of the body's headings.
    @Test func footnotesHaveAHeading() {
        let html = render("## Notes\n\nClaim.[^1]\n\n[^1]: Border Report.\n").0.html
        #expect(html.contains("<h2 class=\"footnotes-heading\" id=\"notes-2\">Notes</h2>\n<section class=\"footnotes\" data-footnotes>"))
        #expect(!render("No notes.\n").0.html.contains("footnotes-heading"))
    }

    /// A table is in a region a keyboard can reach and scroll, named after its header cells.
    @Test func aTableIsInAFocusableNamedRegion() {
        let html = render("| Form & kind | What <it> says |\n|---|---|\n| drone | request |\n").0.html
        #expect(
            html.hasPrefix(
                "<div class=\"table-wrap\" role=\"region\" tabindex=\"0\" aria-label=\"Table: Form &amp; kind, What  says\">\n<table>\n<thead>"))
        #expect(html.hasSuffix("</table>\n</div>\n"))
    }

    @Test func headingsGetStableUniqueIDs() {
        let (r, _) = render(
            "## Rubio's visit\n\n### Fernández Noroña\n\n## Rubio's visit\n\n## Sources\n\n#### Deep\n",
            reserved: ["sources"])
        #expect(r.headingIDs == ["rubio-s-visit", "fernandez-norona", "rubio-s-visit-2", "sources-2", "deep"])
        #expect(r.html.contains("<h2 id=\"rubio-s-visit\">"))
        #expect(r.html.contains("<h3 id=\"fernandez-norona\">"))
        #expect(r.toc.map(\.id) == ["rubio-s-visit", "fernandez-norona", "rubio-s-visit-2", "sources-2"])
        #expect(r.toc.map(\.text) == ["Rubio’s visit", "Fernández Noroña", "Rubio’s visit", "Sources"])
    }

    @Test func wordCountAndReadingTime() {
        let r = render("## Two words\n\n" + String(repeating: "word ", count: 438) + "\n").0
        #expect(r.wordCount == 440)
        #expect(r.readingMinutes == 2)
        #expect(r.leadText.hasPrefix("word word"))
    }

    @Test func referencesBecomeRelativeURLs() {
        let (r, _) = render(
            "[Sheinbaum](@people/claudia-sheinbaum), [the brawl](@events/brawl#aftermath), [about](@pages/about).\n")
        #expect(r.html.contains("<a href=\"../../people/claudia-sheinbaum/\">Sheinbaum</a>"))
        #expect(r.html.contains("<a href=\"../../events/brawl/#aftermath\">the brawl</a>"))
        #expect(r.html.contains("<a href=\"../../about/\">about</a>"))
        #expect(
            r.references.map { "\($0.kind.folder)/\($0.slug)#\($0.fragment ?? "")" } == [
                "people/claudia-sheinbaum#", "events/brawl#aftermath", "pages/about#",
            ])
        #expect(r.diagnostics.isEmpty)
    }

    @Test func referencePositionsAreInTheFileWithAccentsCounted() throws {
        let (r, marked) = render("First line.\nFernández and 1️⃣[Noroña](@people/gerardo-fernandez-norona).\n")
        let reference = try #require(r.references.first)
        #expect(reference.position.line == marked.line)
        #expect(reference.position.column == marked.column)
        #expect(reference.position.line == 4)
    }

    @Test func listPagesCanBeNamedOnTheirOwn() {
        let (r, _) = render("[the timeline](@timeline) and [all briefs](@briefs#top)\n")
        #expect(
            r.html
                == "<p><a href=\"../../timeline/\">the timeline</a> and <a href=\"../../briefs/#top\">all briefs</a></p>\n"
        )
        #expect(r.references.isEmpty)
    }

    @Test(arguments: ["@events", "@people/", "@senators/x", "@people/Claudia", "@people/a/b"])
    func malformedReferencesAreErrors(_ target: String) throws {
        let (r, marked) = render("Ñandú 1️⃣[x](\(target)).\n")
        let d = try #require(r.diagnostics.first)
        #expect(d.code == "markdown.invalid-reference")
        #expect(d.severity == .error)
        #expect(d.position?.line == marked.line)
        #expect(d.position?.column == marked.column)
    }
}

@Suite("Markdown safety: raw HTML and dangerous links are dropped")
struct MarkdownSafetyTests {
    @Test(arguments: [
        "javascript:alert(1)", "JaVaScRiPt:alert(1)", "&#106;avascript:alert(1)", "&#x6A;avascript:alert(1)",
        "java&#9;script:alert(1)", "vbscript:msgbox", "VBScript:msgbox", "file:///etc/passwd", "FILE:///etc/passwd",
        "data:text/html;base64,PHNjcmlwdD4=", "data:image/png;base64,AAAA", "DATA:image/svg+xml,x",
        "%20javascript:alert(1)".replacingOccurrences(of: "%20", with: "&#32;"),
    ])
    func dangerousLinkIsDropped(_ destination: String) throws {
        let (r, marked) = render("Before 1️⃣[click me](\(destination)) after.\n")
        #expect(r.html == "<p>Before click me after.</p>\n")
        let d = try #require(r.diagnostics.first)
        #expect(d.code == "markdown.unsafe-link")
        #expect(d.position?.column == marked.column)
    }

    @Test func dangerousImageIsDropped() {
        let r = render("![alt text](javascript:alert(1))\n").0
        #expect(r.html == "<p>alt text</p>\n")
    }

    @Test func dangerousAutolinkIsDropped() {
        let r = render("<javascript:alert(1)>\n").0
        #expect(!r.html.lowercased().contains("javascript:alert(1)\""))
        #expect(!r.html.contains("href"))
    }

    @Test func safeLinksStay() {
        let r = render("[a](https://example.org) [b](mailto:x@example.org) [c](#top) [d](page/)\n").0
        #expect(
            r.html
                == "<p><a href=\"https://example.org\">a</a> <a href=\"mailto:x@example.org\">b</a> <a href=\"#top\">c</a> <a href=\"page/\">d</a></p>\n"
        )
        #expect(r.diagnostics.isEmpty)
    }

    @Test func rawHTMLBlocksAndInlinesAreDropped() {
        let (r, _) = render("<script>alert(1)</script>\n\nText <b onclick=\"x()\">bold</b> <iframe src=x></iframe>.\n")
        #expect(r.html == "<p>Text bold .</p>\n")
        #expect(r.diagnostics.map(\.code) == Array(repeating: "markdown.raw-html", count: 5))
        #expect(r.diagnostics.allSatisfy { $0.severity == .warning })
        #expect(r.diagnostics.first?.position?.line == 3)
    }

    @Test func codeKeepsItsAngleBracketsEscaped() {
        let r = render("`<script>` and\n\n```\n<b>x</b>\n```\n").0
        #expect(r.html == "<p><code>&lt;script&gt;</code> and</p>\n<pre><code>&lt;b&gt;x&lt;/b&gt;\n</code></pre>\n")
    }
}

@Suite("Heading ids")
struct HeadingIDTests {
    @Test(arguments: [
        ("What Washington wants", "what-washington-wants"), ("Rubio's visit", "rubio-s-visit"),
        ("  The 2,681 judges ", "the-2-681-judges"), ("¿Qué sigue? Fernández", "que-sigue-fernandez"),
        ("---", ""), ("U.S.–Mexico", "u-s-mexico"),
    ])
    func ids(_ text: String, _ id: String) {
        #expect(HeadingID.make(from: text) == id)
    }
}
