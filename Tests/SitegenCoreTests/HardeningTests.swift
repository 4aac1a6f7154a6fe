import Foundation
import Testing

@testable import SitegenCore

/// Hostile and odd input: each case once crashed, hung, took quadratic time or published what
/// it should not.
@Suite("Hostile input and odd files")
struct HardeningTests {
    func render(_ body: String) -> RenderedMarkdown {
        let file = SourceFile(path: "test.md", text: body)
        return MarkdownRenderer().render(
            MarkdownSource(text: body, startLine: 1, file: file), rootPrefix: "", ids: .footnotes)
    }

    /// Emphasis nested 65,000 deep overflowed the stack of the recursive text walk (SIGSEGV).
    @Test(.tags(.slow), .enabled(if: SlowTests.enabled, "slow: run with SITEGEN_SLOW_TESTS=1")) func deepNestingDoesNotCrash() {
        let depth = 65_000
        let body = String(repeating: "*a **a ", count: depth) + "b" + String(repeating: " a** a*", count: depth)
        let rendered = render("# " + body + "\n")
        #expect(rendered.headingIDs.count == 1)
        #expect(rendered.wordCount > depth)
    }

    /// 10,000 equal headings took 50 million steps to number.
    @Test func manyEqualHeadingsGetNumberedIDsInLinearTime() {
        let rendered = render(String(repeating: "## a\n\n", count: 10_000))
        #expect(rendered.headingIDs.count == 10_000)
        #expect(Set(rendered.headingIDs).count == 10_000)
        #expect(rendered.headingIDs.prefix(3) == ["a", "a-2", "a-3"])
        #expect(rendered.headingIDs.last == "a-10000")
    }

    /// Every warning quoted the whole 40,000-character line: 13 s, 1.25 GB, 385 MB of stderr.
    @Test func repeatedWarningsAreCappedAndLongLinesCut() {
        let rendered = render(String(repeating: "<b>x</b>", count: 4_000) + "\n")
        #expect(rendered.diagnostics.count == MarkdownRenderer.listedPerCode + 1)
        let last = rendered.diagnostics.last
        #expect(last?.message == "7990 more like the 10 above in this file, not listed")
        let text = DiagnosticFormatter.format(rendered.diagnostics)
        #expect(text.count < 6_000)
        let summary = DiagnosticFormatter.format([last!])
        #expect(summary.hasPrefix("test.md:1:41: warning: 7990 more like the 10 above"))
        let lines = summary.split(separator: "\n")
        // The line is quoted from its start (the column is near it) to 60 characters after it.
        let quoted = Array(lines[1].dropFirst("    1 | ".count))
        #expect(quoted.count == 40 + 60 + 1)
        #expect(quoted.last == "…")
        #expect(quoted[40] == "<")
        #expect(lines[2] == "      | " + String(repeating: " ", count: 40) + "^")
        // Far into the line, the quote starts 60 characters before the column, after "…".
        let far = DiagnosticFormatter.format(
            SourceFile(path: "test.md", text: String(repeating: "<b>x</b>", count: 4_000)).warning(
                "test.code", "far", line: 1, column: 20_001))
        let farLines = far.split(separator: "\n")
        #expect(farLines[1].hasPrefix("    1 | …</b><b>x</b>"))
        #expect(farLines[2] == "      | " + String(repeating: " ", count: 61) + "^")
    }

    @Test func controlCharactersAreShownNotSentToTheTerminal() {
        let file = SourceFile(path: "x.md", text: "title: a\u{1B}[31mred\n")
        let text = DiagnosticFormatter.format(file.error("test.code", "bad '\u{1B}[2J'", line: 1, column: 9))
        #expect(!text.unicodeScalars.contains("\u{1B}"))
        #expect(
            text == """
                x.md:1:9: error: bad '<U+001B>[2J' [test.code]
                    1 | title: a<U+001B>[31mred
                      |         ^

                """)
    }

    @Test(arguments: ["title: a\u{01}b", "title: \"a\\u0007b\"", "title: 'a\u{7F}'", "title: a\u{FFFE}"])
    func controlCharactersInFrontMatterAreErrors(line: String) {
        let (_, diagnostics) = parseFrontMatter("---\n" + line + "\n---\n")
        #expect(diagnostics.map(\.code) == ["frontmatter.control-character"])
        #expect(diagnostics.first?.position?.line == 2)
        #expect(diagnostics.first?.position?.column == 8)
    }

    @Test func yearZeroIsNotADate() {
        #expect(PartialDate.parse("0000") == .failure(.year))
        #expect(PartialDate.parse("0000-01-01") == .failure(.year))
        #expect((try? PartialDate.parse("0001").get())?.iso == "0001")
    }

    @Test(arguments: [
        ("https://example.org/x/", true, nil),
        ("https://", true, "it has no host after the scheme"),
        ("https://x/\"><script>", true, "it holds '\"', which a URL cannot contain"),
        ("https://example.org/\nDisallow: /", true, "it holds a space or a control character (U+A)"),
        ("https://example.org//evil.example/", true, "its path has an empty segment ('//')"),
        ("https://example.org/x?y=1", true, "a site's address has no query or fragment"),
        ("https://example.org/x?y=1", false, nil),
        ("javascript:alert(1)", false, "it must start with https:// or http://"),
        ("https://exämple.org/", false, "it holds 'ä': write non-ASCII characters percent-encoded"),
    ] as [(String, Bool, String?)])
    func oneCheckForEveryURL(url: String, isBase: Bool, problem: String?) {
        #expect(WebAddress.problem(with: url, isBase: isBase) == problem)
    }

    @Test func aBaseURLThatInjectsLinesIsAnError() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        let path = site.content + "/site.md"
        let text = try site.text(path)
        try site.write(
            path,
            text.replacingOccurrences(
                of: "base-url: https://example.org/explainer",
                with: "base-url: \"https://example.org/\\nDisallow: /\""))
        let report = SiteBuilder(options: site.options()).run(write: true)
        #expect(report.diagnostics.errors.map(\.code) == ["frontmatter.invalid-url"])
        #expect(site.temp.read("Public/robots.txt") == nil)
    }

    /// Symbolic links were followed: `Content/briefs/x.md -> /etc/passwd` was read and published.
    @Test func contentSymlinksAreRefusedWithoutReadingThem() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        try FileManager.default.createSymbolicLink(
            atPath: site.content + "/briefs/linked.md", withDestinationPath: "/etc/passwd")
        let report = SiteBuilder(options: site.options()).run(write: true)
        #expect(report.diagnostics.errors.map(\.code) == ["load.symlink"])
        let text = DiagnosticFormatter.format(report.diagnostics.items)
        #expect(!text.contains("root:"))
        #expect(site.temp.read("Public/index.html") == nil)
    }

    /// A FIFO in Content/ or Templates/assets/ made the build wait forever.
    @Test func fifosAreRefusedNotOpened() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        #expect(mkfifo(site.content + "/briefs/pipe.md", 0o644) == 0)
        #expect(mkfifo(site.templates + "/assets/pipe.css", 0o644) == 0)
        let report = SiteBuilder(options: site.options()).run(write: true)
        #expect(report.diagnostics.items.map(\.code).sorted() == ["assets.special-file", "load.special-file"])
    }

    /// `Templates/assets/x -> /etc/passwd` appeared in Public/.
    @Test func assetSymlinksAreNotPublished() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        try FileManager.default.createSymbolicLink(
            atPath: site.templates + "/assets/passwd", withDestinationPath: "/etc/passwd")
        let report = SiteBuilder(options: site.options()).run(write: true)
        #expect(report.succeeded)
        #expect(report.diagnostics.warnings.map(\.code) == ["assets.symlink"])
        #expect(site.temp.read("Public/assets/passwd") == nil)
        #expect(site.temp.read("Public/assets/style.css") != nil)
    }

    /// The swap was two renames: a kill between them left no Public/.
    @Test func theSwapIsOneAtomicExchange() throws {
        let temp = try TemporaryFolder()
        try temp.write("a/file", "A")
        try temp.write("b/file", "B")
        #expect(OutputWriter.exchange(temp.path + "/a", temp.path + "/b"))
        #expect(temp.read("a/file") == "B")
        #expect(temp.read("b/file") == "A")
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        let output = site.temp.path + "/Public"
        #expect(SiteBuilder(options: site.options()).run(write: true).succeeded)
        var before = stat()
        stat(output, &before)
        #expect(SiteBuilder(options: site.options()).run(write: true).succeeded)
        var after = stat()
        stat(output, &after)
        #expect(before.st_ino != after.st_ino)
        #expect(!FileManager.default.fileExists(atPath: site.temp.path + "/.Public.sitegen-previous"))
        let leftOver = try FileManager.default.contentsOfDirectory(atPath: site.temp.path).filter {
            $0.contains("sitegen-staging")
        }
        #expect(leftOver.isEmpty)
    }
}

@Suite("Heading ids keep clear of the ids templates and footnotes use")
struct PageIDTests {
    @Test func theTemplatesIdsAndPrefixesAreReadOffTheTemplates() throws {
        let (templates, problems) = TemplateLoader(directory: BuildSessionTests.shippedTemplates).load()
        #expect(problems.isEmpty)
        let ids = try #require(templates?.ids)
        #expect(ids.reserved.isSuperset(of: ["main", "sources", "featured", "latest", "key-people", "site-nav"]))
        #expect(ids.reservedPrefixes == ["cite-", "event-", "fn-", "fnref-", "month-", "update-", "year-"])
    }

    @Test func headingsThatWouldCollideAreRenamed() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        try site.write(site.content + "/site.md", try site.text(site.content + "/site.md") + "\n## Latest\n\n## Featured\n")
        try site.write(
            site.content + "/people/bob-example.md",
            try site.text(site.content + "/people/bob-example.md") + "\n## Event day event\n\n## Month August 2025\n")
        try site.write(
            site.content + "/briefs/gamma.md",
            try site.text(site.content + "/briefs/gamma.md") + "\n## fn 1\n\nNoted.[^1]\n\n## Sources\n\n[^1]: A note.\n")
        #expect(SiteBuilder(options: site.options()).run(write: true).succeeded)
        let home = try #require(site.temp.read("Public/index.html"))
        #expect(home.contains("<h2 id=\"latest-2\">"))
        #expect(home.contains("<h2 id=\"featured-2\">"))
        let bob = try #require(site.temp.read("Public/people/bob-example/index.html"))
        #expect(bob.contains("id=\"h-event-day-event\""))
        #expect(bob.contains("id=\"event-day-event\""))
        #expect(bob.contains("id=\"h-month-august-2025\""))
        let gamma = try #require(site.temp.read("Public/briefs/gamma/index.html"))
        #expect(gamma.contains("<h2 id=\"h-fn-1\">"))
        #expect(gamma.contains("id=\"fn-1\""))
        #expect(gamma.contains("<h2 id=\"sources-2\">"))
    }

    /// Found by the Markdown fuzz target: "fn" numbered "fn-2" took a footnote's prefix.
    @Test func aNumberedHeadingStaysClearOfReservedPrefixes() {
        let text = "## fn \u{FFFD}\n\n## fn \u{FFFD}\n"
        let ids = PageIDs(reserved: [], reservedPrefixes: ["fn-", "fnref-"])
        let rendered = MarkdownRenderer().render(
            MarkdownSource(text: text, startLine: 1, file: SourceFile(path: "x.md", text: text)), rootPrefix: "",
            ids: ids)
        #expect(rendered.headingIDs == ["fn", "h-fn-2"])
    }

    @Test func aMissingPartialIsATemplateError() throws {
        let temp = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: BuildSessionTests.shippedTemplates, toPath: temp.path + "/T")
        try FileManager.default.removeItem(atPath: temp.path + "/T/partials/cached/topic.mustache")
        let (templates, problems) = TemplateLoader(directory: temp.path + "/T").load()
        #expect(templates == nil)
        #expect(problems.map(\.code) == ["template.missing-partial"])
        #expect(problems.first?.position?.path.hasSuffix("T/topics.mustache") == true)
    }

    @Test func anIdMadeOnlyOfAValueIsATemplateError() throws {
        let temp = try TemporaryFolder()
        try FileManager.default.copyItem(atPath: BuildSessionTests.shippedTemplates, toPath: temp.path + "/T")
        let path = temp.path + "/T/partials/cached/event.mustache"
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "id=\"event-{{id}}\"", with: "id=\"{{id}}\"").write(
            toFile: path, atomically: true, encoding: .utf8)
        let (_, problems) = TemplateLoader(directory: temp.path + "/T").load()
        #expect(problems.map(\.code) == ["template.unprefixed-id"])
        #expect(problems.first?.position?.line == 4)
    }

    @Test func timelineLinksPointAtTheRows() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        try site.write(
            site.content + "/briefs/gamma.md",
            try site.text(site.content + "/briefs/gamma.md")
                + "\nSee [the session](@timeline#day-event) in [August](@timeline#month-august-2025).\n")
        #expect(SiteBuilder(options: site.options()).run(write: true).succeeded)
        let gamma = try #require(site.temp.read("Public/briefs/gamma/index.html"))
        #expect(gamma.contains("href=\"../../timeline/#event-day-event\""))
        #expect(gamma.contains("href=\"../../timeline/#month-august-2025\""))
        let event = try #require(site.temp.read("Public/events/day-event/index.html"))
        #expect(event.contains("../../timeline/#event-day-event"))
    }
}

@Suite("Limits that bound what a body may cost")
struct ContentLimitTests {
    /// Builds the fixture with `body` as a new brief's body (and `settings` added to site.md);
    /// the error codes and positions of the new brief.
    func check(_ body: String, settings: String = "") throws -> [String] {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        if !settings.isEmpty {
            let text = try site.text(site.content + "/site.md")
            try site.write(site.content + "/site.md", text.replacingOccurrences(of: "as-of:", with: settings + "\nas-of:"))
        }
        try site.write(
            site.content + "/briefs/big.md", "---\ntitle: Big\nsummary: S.\ndate: 2025-08-01\nkind: news\n---\n" + body)
        let report = SiteBuilder(options: site.options()).run(write: false)
        return report.diagnostics.sorted.map { d in
            "\(d.code) \(d.position.map { "\($0.line):\($0.column)" } ?? "")"
        }
    }

    @Test func aBodyOverTheSizeLimit() throws {
        let body = String(repeating: "word ", count: 60_000)
        #expect(try check(body) == ["limits.body-size 7:1"])
        #expect(try check(body, settings: "max-body-bytes: 400000") == [])
    }

    @Test func aTableTooWide() throws {
        let row = "|" + String(repeating: " a |", count: 100)
        let body = "Text.\n\n" + row + "\n" + "|" + String(repeating: "---|", count: 100) + "\n"
        #expect(try check(body) == ["limits.table-columns 9:1"])
        #expect(try check(body, settings: "max-table-columns: 200") == [])
    }

    @Test func aLinkTooLong() throws {
        let body = "See [this][x] and [this][x].\n\n[x]: https://example.org/" + String(repeating: "a", count: 100_000) + "\n"
        #expect(try check(body) == ["limits.link-length 9:6"])
        #expect(try check(body, settings: "max-link-length: 200000") == [])
    }

    @Test func aLimitMustBeAWholeNumber() throws {
        let found = try check("Text.\n", settings: "max-body-bytes: lots")
        #expect(found == ["frontmatter.type 5:17"], "\(found)")
    }
}

@Suite("Templates read only values their page models have")
struct TemplateKeyTests {
    @Test func theShippedTemplatesReadOnlyProvidedValues() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        let report = SiteBuilder(options: site.options()).run(write: false)
        #expect(report.diagnostics.items.isEmpty)
    }

    @Test func aMisspeltKeyIsAnErrorAtItsPlace() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        let path = site.templates + "/partials/cached/brief.mustache"
        let text = try site.text(path)
        try site.write(path, text.replacingOccurrences(of: "{{summary}}", with: "{{sumary}}"))
        let report = SiteBuilder(options: site.options()).run(write: true)
        let text2 = DiagnosticFormatter.format(report.diagnostics.items)
            .replacingOccurrences(of: site.templates + "/", with: "")
        #expect(
            text2 == """
                partials/cached/brief.mustache:4:6: error: 'sumary' is not a value this template can read here (brief card) [template.unknown-key]
                    4 |   <p>{{sumary}}</p>
                      |      ^
                  hint: did you mean 'summary'?

                """)
        #expect(!report.didWrite)
    }
}

@Suite("The prototype site the typed pages are tested on")
struct PrototypeSiteTests {
    @Test func itBuildsWithoutAProblemAndFillsEveryList() throws {
        let graph = try #require(PrototypeSite.graph)
        #expect(graph.briefs.count == 2)
        #expect(graph.related["a"] == ["b"])
        #expect(graph.members["o"] == ["p"])
        #expect(graph.body(.brief, "a")?.toc.count == 3)
        #expect(graph.isScheduled(try #require(graph.events["next"])))
    }
}
