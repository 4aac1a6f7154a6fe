import Foundation
import Testing

@testable import SitegenCore

/// Every file below `folder`, as relative path → contents.
private func options(site: String, output: String, drafts: Bool = false, content: String? = nil) -> BuildOptions {
    BuildOptions(
        contentDirectory: content ?? Fixtures.path("Sites/\(site)/Content"),
        templatesDirectory: Fixtures.path("Sites/\(site)/Templates"), outputDirectory: output, includeDrafts: drafts)
}

@Suite("A fixture site built end to end")
struct EndToEndTests {
    /// Builds the basic fixture into a fresh folder and returns its files.
    func buildBasic(drafts: Bool = false) throws -> (BuildReport, [String: String], TemporaryFolder) {
        let temp = try TemporaryFolder()
        let output = temp.path + "/Public"
        let report = SiteBuilder(options: options(site: "basic", output: output, drafts: drafts)).run(write: true)
        return (report, tree(output), temp)
    }

    /// The fixture content with the fixture's own templates, and with the shipped ones (cached
    /// partials and all), each compared with its expected output.
    @Test(arguments: ["expected", "expected-shipped"])
    func matchesTheExpectedOutputByteForByte(expectedName: String) throws {
        let (report, files): (BuildReport, [String: String])
        if expectedName == "expected" {
            (report, files, _) = try buildBasic()
        } else {
            let temp = try TemporaryFolder()
            let output = temp.path + "/Public"
            report = SiteBuilder(
                options: BuildOptions(
                    contentDirectory: Fixtures.path("Sites/basic/Content"),
                    templatesDirectory: BuildSessionTests.shippedTemplates, outputDirectory: output)
            ).run(write: true)
            files = tree(output)
        }
        #expect(report.diagnostics.items.isEmpty, "\(report.diagnostics.items.map(DiagnosticFormatter.format))")
        let expectedFolder = Fixtures.path("Sites/basic/\(expectedName)")
        if ProcessInfo.processInfo.environment["SITEGEN_RECORD"] == "1" {
            try? FileManager.default.removeItem(atPath: expectedFolder)
            for (path, text) in files {
                let target = expectedFolder + "/" + path
                try FileManager.default.createDirectory(
                    atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try text.write(toFile: target, atomically: true, encoding: .utf8)
            }
        }
        let expected = tree(expectedFolder)
        #expect(files.keys.sorted() == expected.keys.sorted())
        let firstDifferent = files.keys.sorted().first { files[$0] != expected[$0] }
        #expect(firstDifferent == nil, "first file that differs: \(firstDifferent ?? ""); SITEGEN_RECORD=1 re-records")
    }

    /// A build keeps a limited number of rendered cards (two generations, `FragmentCache`):
    /// with a tiny limit, cards are dropped and made again, and the site is the same.
    @Test(arguments: [1, 2, 5])
    func aSmallCardCacheWritesTheSameSite(limit: Int) throws {
        let temp = try TemporaryFolder()
        let output = temp.path + "/Public"
        var options = BuildOptions(
            contentDirectory: Fixtures.path("Sites/basic/Content"),
            templatesDirectory: BuildSessionTests.shippedTemplates, outputDirectory: output)
        options.fragmentLimit = limit
        let report = SiteBuilder(options: options).run(write: true)
        #expect(report.succeeded)
        let files = tree(output)
        let expected = tree(Fixtures.path("Sites/basic/expected-shipped"))
        #expect(files.keys.sorted() == expected.keys.sorted())
        #expect(files.keys.sorted().first { files[$0] != expected[$0] } == nil)
    }

    @Test func writesEveryPageKind() throws {
        let (report, files, _) = try buildBasic()
        #expect(report.pageCount == 21)
        for path in [
            "index.html", "briefs/index.html", "briefs/alpha/index.html", "timeline/index.html",
            "events/range-event/index.html", "people/index.html", "people/ana-example/index.html",
            "organizations/index.html", "organizations/org-one/index.html", "topics/index.html",
            "topics/topic-one/index.html", "about/index.html", "sources/index.html", "sources/wire-report/index.html", "corrections/index.html", "404.html", "feed.xml", "sitemap.xml", "robots.txt",
            "assets/style.css", OutputWriter.markerName,
        ] {
            #expect(files[path] != nil, "missing \(path)")
        }
        #expect(files["briefs/delta/index.html"] == nil, "drafts are left out")
    }

    @Test func correctionsShowOnThePageTheCorrectionsPageAndTheFeed() throws {
        let (_, files, _) = try buildBasic()
        let alpha = try #require(files["briefs/alpha/index.html"])
        #expect(
            alpha.contains(
                "<li id=\"update-2025-09-01-correction\">Correction, <time datetime=\"2025-09-01\">September 1, 2025</time>: Ana spoke at the session, not before it.</li>"
            ))
        // The latest update is the page's "Updated" date.
        #expect(alpha.contains("updated <time datetime=\"2025-09-03\">"))
        let corrections = try #require(files["corrections/index.html"])
        #expect(corrections.contains("<p>Write to <a href=\"mailto:fixes@example.org\">fixes@example.org</a>.</p>"))
        let update = try #require(corrections.range(of: "<a href=\"../briefs/alpha/#update-2025-09-03-update\">"))
        let correction = try #require(corrections.range(of: "<a href=\"../briefs/alpha/#update-2025-09-01-correction\">"))
        #expect(update.lowerBound < correction.lowerBound, "newest first")
        let feed = try #require(files["feed.xml"])
        #expect(feed.contains("<title>Correction: Alpha &amp; the “first” brief</title>"))
        #expect(feed.contains("<id>https://example.org/explainer/briefs/alpha/#update-2025-09-01-correction</id>"))
        #expect(feed.contains("<updated>2025-09-03T00:00:00Z</updated>"))
    }

    @Test func briefPageLinksEverythingRelatively() throws {
        let (_, files, _) = try buildBasic()
        let alpha = try #require(files["briefs/alpha/index.html"])
        #expect(alpha.contains("<title>Alpha &amp; the “first” brief — Fixture Explainer</title>"))
        #expect(alpha.contains("<link rel=\"canonical\" href=\"https://example.org/explainer/briefs/alpha/\">"))
        #expect(alpha.contains("<a href=\"../../people/ana-example/\">Ana</a>"))
        #expect(alpha.contains("<a href=\"../../events/day-event/#what-happened\">the session</a>"))
        #expect(alpha.contains("<h2 id=\"what-happened\">"))
        #expect(alpha.contains("<ol class=\"toc\"><li><a href=\"#what-happened\">What happened</a></li>"))
        #expect(alpha.contains("Explainer · <time datetime=\"2025-08-29\">August 29, 2025</time> · updated"))
        // Inline citations are numbered and link to the source list, which links back to each use.
        #expect(
            alpha.contains(
                "As the wire reported<sup class=\"cite\" id=\"cite-ref-1-1\"><a href=\"#cite-1\">[1]</a></sup>, the session went on."
            ))
        #expect(alpha.contains("Again<sup class=\"cite\" id=\"cite-ref-1-2\"><a href=\"#cite-1\">[1]</a></sup>."))
        #expect(
            alpha.contains(
                "<li id=\"cite-1\"><a href=\"#cite-ref-1-1\">a</a> <a href=\"#cite-ref-1-2\">b</a> <a href=\"../../sources/wire-report/\">A report</a>, <time datetime=\"2025-08-28\">August 28, 2025</time>; as reported by Organization One: The session.</li>"
            ))
        // Related: beta shares Ana and the topic; gamma shares nothing.
        #expect(alpha.contains("<h2>Related</h2><ul><li>Analysis <a href=\"../../briefs/beta/\">Beta</a>"))
        #expect(!alpha.contains("briefs/gamma/"))
        // Events in time order, the scheduled one marked.
        let day = try #require(alpha.range(of: "id=\"event-day-event\""))
        let range = try #require(alpha.range(of: "id=\"event-range-event\""))
        #expect(day.lowerBound < range.lowerBound)
        #expect(
            alpha.contains(
                "<time datetime=\"2025-09-02\">September 2</time>–<time datetime=\"2025-09-04\">4, 2025</time> Scheduled"
            ))
    }

    @Test func timelineIsInOrderGroupedByMonthWithTheAsOfMarker() throws {
        let (_, files, _) = try buildBasic()
        let timeline = try #require(files["timeline/index.html"])
        let order = [
            "<h2>August 2025</h2>", "id=\"event-month-event\"", "id=\"event-day-event\"", "<h2>September 2025</h2>",
            "As of August 30, 2025", "id=\"event-range-event\"",
        ]
        let positions = order.compactMap { timeline.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count)
        #expect(positions == positions.sorted())
        #expect(timeline.contains("<time datetime=\"2025-08\">August 2025</time> <a href=\"../events/month-event/\">"))
        #expect(!timeline.contains("2025-08\">August 2025</time> Scheduled"))
    }

    @Test func backlinksAreComputedFromFrontMatterAndText() throws {
        let (_, files, _) = try buildBasic()
        let ana = try #require(files["people/ana-example/index.html"])
        #expect(ana.contains("<a href=\"../../briefs/alpha/\">"))
        #expect(ana.contains("<a href=\"../../briefs/beta/\">"))
        #expect(ana.contains("<a href=\"../../events/range-event/\">A visit</a>"))
        #expect(ana.contains("<blockquote>It’s off the table.</blockquote>"))
        let bob = try #require(files["people/bob-example/index.html"])
        #expect(bob.contains("<a href=\"../../briefs/alpha/\">"), "named only in alpha's text")
        #expect(bob.contains("<a href=\"../../events/day-event/\">A session</a>"))
        let org = try #require(files["organizations/org-one/index.html"])
        #expect(org.contains("<h2>Members</h2><ul><li><a href=\"../../people/ana-example/\">Ana Example</a></li></ul>"))
        let topic = try #require(files["topics/topic-one/index.html"])
        #expect(
            topic.contains("briefs/alpha/") && topic.contains("briefs/beta/") && topic.contains("events/month-event/"))
    }

    @Test func feedSitemapAndRobotsUseTheBaseURL() throws {
        let (_, files, _) = try buildBasic()
        let feed = try #require(files["feed.xml"])
        #expect(feed.contains("<id>https://example.org/explainer/briefs/alpha/</id>"))
        #expect(feed.contains("<updated>2025-09-03T00:00:00Z</updated>"))
        #expect(feed.contains("<title>Alpha &amp; the “first” brief</title>"))
        #expect(!feed.contains("delta"))
        let sitemap = try #require(files["sitemap.xml"])
        #expect(
            sitemap.contains(
                "<url><loc>https://example.org/explainer/briefs/gamma/</loc><lastmod>2025-08</lastmod></url>"))
        #expect(!sitemap.contains("404"))
        #expect(
            files["robots.txt"] == "User-agent: *\nAllow: /\n\nSitemap: https://example.org/explainer/sitemap.xml\n")
        #expect(try #require(files["404.html"]).contains("<a href=\"/explainer/\">Home</a>"))
    }

    /// A sitemap with more pages than a file may list (50,000; here the test's limit) is split:
    /// `sitemap.xml` is the index of `sitemap-1.xml`, `sitemap-2.xml`…, which list the same
    /// pages in the same order, at most the limit each. At the limit, nothing is split.
    @Test(arguments: [(5, [5, 5, 5, 5]), (6, [6, 6, 6, 2]), (19, [19, 1]), (20, [])])
    func aLargeSitemapIsSplitIntoFilesWithAnIndex(limit: Int, sizes: [Int]) throws {
        let (_, whole, _) = try buildBasic()
        func urls(_ xml: String) -> [String] { xml.split(separator: "\n").filter { $0.hasPrefix("  <url>") }.map(String.init) }
        let all = urls(try #require(whole["sitemap.xml"]))
        #expect(all.count == 20)

        let temp = try TemporaryFolder()
        let output = temp.path + "/Public"
        var split = options(site: "basic", output: output)
        split.sitemapLimit = limit
        let report = SiteBuilder(options: split).run(write: true)
        #expect(report.succeeded)
        let files = tree(output)
        let names = sizes.indices.map { "sitemap-\($0 + 1).xml" }
        if sizes.isEmpty {
            #expect(files["sitemap.xml"] == whole["sitemap.xml"])
        } else {
            #expect(
                files["sitemap.xml"] == """
                    <?xml version="1.0" encoding="utf-8"?>
                    <sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">

                    """ + names.map { "  <sitemap><loc>https://example.org/explainer/\($0)</loc></sitemap>\n" }.joined()
                    + "</sitemapindex>\n")
        }
        let parts = names.map { urls(files[$0] ?? "") }
        #expect(parts.map(\.count) == sizes)
        if !sizes.isEmpty { #expect(Array(parts.joined()) == all) }
        // The pages are the same; only the sitemap's files differ.
        #expect(Set(files.keys).subtracting(whole.keys) == Set(names))
        #expect(files.filter { !$0.key.hasPrefix("sitemap") } == whole.filter { !$0.key.hasPrefix("sitemap") })
    }

    @Test func draftsAreBuiltWhenAsked() throws {
        let (_, files, _) = try buildBasic(drafts: true)
        #expect(files["briefs/delta/index.html"] != nil)
    }

    /// A source document gathered for a draft is as private as the draft: not published, not
    /// listed, not in the sitemap or search, until a published page cites it (or `--drafts`).
    @Test func aSourceOnlyDraftsCiteIsLeftOutWithThem() throws {
        let temp = try TemporaryFolder()
        let content = temp.path + "/Content"
        try FileManager.default.copyItem(atPath: Fixtures.path("Sites/basic/Content"), toPath: content)
        let source = { (title: String) in
            "---\ntitle: \(title)\npublisher: Example Wire\ndate: 2025-08-29\nkind: report\n---\nText.\n"
        }
        try source("For the draft").write(toFile: content + "/sources/draft-only.md", atomically: true, encoding: .utf8)
        try source("Cited inline").write(toFile: content + "/sources/inline-only.md", atomically: true, encoding: .utf8)
        let delta = try String(contentsOfFile: content + "/briefs/delta.md", encoding: .utf8)
        try delta.replacingOccurrences(of: "draft: true", with: "draft: true\nsources: [draft-only]")
            .replacingOccurrences(of: "Draft.", with: "Draft, [as reported](@sources/inline-only).")
            .write(toFile: content + "/briefs/delta.md", atomically: true, encoding: .utf8)
        func build(drafts: Bool) throws -> [String: String] {
            let output = temp.path + (drafts ? "/WithDrafts" : "/Public")
            let report = SiteBuilder(options: options(site: "basic", output: output, drafts: drafts, content: content))
                .run(write: true)
            #expect(report.succeeded)
            return tree(output)
        }
        let published = try build(drafts: false)
        #expect(published["sources/draft-only/index.html"] == nil)
        #expect(published["sources/inline-only/index.html"] == nil)
        #expect(published["sources/wire-report/index.html"] != nil)
        let everything = published.values.joined()
        #expect(!everything.contains("For the draft") && !everything.contains("draft-only"))
        #expect(!everything.contains("Cited inline") && !everything.contains("inline-only"))
        // A plain link to its page from a published page is a broken link, not a dead one.
        let beta = content + "/briefs/beta.md"
        let betaText = try String(contentsOfFile: beta, encoding: .utf8)
        try (betaText + "\nSee [the memo](../../sources/draft-only/).\n").write(toFile: beta, atomically: true, encoding: .utf8)
        let linked = SiteBuilder(options: options(site: "basic", output: temp.path + "/Linked", content: content)).run(write: true)
        #expect(linked.diagnostics.errors.map(\.code) == ["graph.broken-link"])
        try betaText.write(toFile: beta, atomically: true, encoding: .utf8)
        let previewed = try build(drafts: true)
        #expect(previewed["sources/draft-only/index.html"]?.contains("For the draft") == true)
        #expect(previewed["sources/inline-only/index.html"]?.contains("Cited inline") == true)
        // Cited by a published page as well: published.
        try betaText.replacingOccurrences(of: "topics: [topic-one]", with: "topics: [topic-one]\nsources: [draft-only]")
            .write(toFile: content + "/briefs/beta.md", atomically: true, encoding: .utf8)
        let cited = try build(drafts: false)
        #expect(cited["sources/draft-only/index.html"] != nil)
        #expect(cited["sources/inline-only/index.html"] == nil)
    }

    @Test func twoBuildsAreByteIdentical() throws {
        let (_, first, _) = try buildBasic()
        let (_, second, _) = try buildBasic()
        #expect(first == second)
    }

    @Test func filesOfDeletedContentDisappear() throws {
        let temp = try TemporaryFolder()
        let content = temp.path + "/Content"
        try FileManager.default.copyItem(atPath: Fixtures.path("Sites/basic/Content"), toPath: content)
        let output = temp.path + "/Public"
        let opts = options(site: "basic", output: output, content: content)
        #expect(SiteBuilder(options: opts).run(write: true).succeeded)
        #expect(temp.read("Public/briefs/gamma/index.html") != nil)
        try FileManager.default.removeItem(atPath: content + "/briefs/gamma.md")
        #expect(SiteBuilder(options: opts).run(write: true).succeeded)
        #expect(temp.read("Public/briefs/gamma/index.html") == nil)
    }
}

@Suite("A build that fails reports everything and writes nothing")
struct FailurePathTests {
    @Test func everyErrorWithItsPositionAndThePreviousOutputUntouched() throws {
        let temp = try TemporaryFolder()
        let output = temp.path + "/Public"
        #expect(SiteBuilder(options: options(site: "basic", output: output)).run(write: true).succeeded)
        let before = tree(output)

        let content = Fixtures.path("Errors/broken/Content")
        let report = SiteBuilder(options: options(site: "basic", output: output, content: content)).run(write: true)
        #expect(!report.succeeded)
        #expect(!report.didWrite)
        #expect(tree(output) == before)
        let leftOver = try FileManager.default.contentsOfDirectory(atPath: temp.path).filter {
            $0.contains("sitegen-staging")
        }
        #expect(leftOver.isEmpty)

        let text = DiagnosticFormatter.format(report.diagnostics.sorted)
            .replacingOccurrences(of: Fixtures.root + "/", with: "")
        let expectedPath = Fixtures.path("Errors/broken/expected-diagnostics.txt")
        if ProcessInfo.processInfo.environment["SITEGEN_RECORD"] == "1" {
            try text.write(toFile: expectedPath, atomically: true, encoding: .utf8)
        }
        #expect(text == (try String(contentsOfFile: expectedPath, encoding: .utf8)))
    }

    @Test func refusesToReplaceAFolderItDidNotBuild() throws {
        let temp = try TemporaryFolder()
        try temp.write("Home/notes.txt", "precious")
        let report = SiteBuilder(options: options(site: "basic", output: temp.path + "/Home")).run(write: true)
        #expect(report.diagnostics.errors.map(\.code) == ["write.unsafe-output"])
        #expect(temp.read("Home/notes.txt") == "precious")
    }

    @Test func checkWritesNothing() throws {
        let temp = try TemporaryFolder()
        let report = SiteBuilder(options: options(site: "basic", output: temp.path + "/Public")).run(write: false)
        #expect(report.succeeded)
        #expect(report.pageCount == 21)
        #expect(!FileManager.default.fileExists(atPath: temp.path + "/Public"))
    }

    @Test func unreadableAndNonUTF8FilesAreErrorsAtTheirPath() throws {
        let temp = try TemporaryFolder()
        let content = temp.path + "/Content"
        try FileManager.default.copyItem(atPath: Fixtures.path("Sites/basic/Content"), toPath: content)
        try FileManager.default.createDirectory(
            atPath: content + "/briefs/folder.md", withIntermediateDirectories: true)
        try Data([0x2D, 0x2D, 0x2D, 0x0A, 0xFF, 0x0A]).write(to: URL(fileURLWithPath: content + "/topics/latin1.md"))
        let (loaded, _) = ContentLoader(contentDirectory: content).discover()
        let report = SiteBuilder(
            options: BuildOptions(
                contentDirectory: content, templatesDirectory: Fixtures.path("Sites/basic/Templates"),
                outputDirectory: temp.path + "/Public")
        ).run(write: false)
        #expect(loaded.diagnostics.map(\.code) == ["load.special-file"])
        let problems = report.diagnostics.errors.map {
            "\($0.code) \($0.position.map { "\($0.line):\($0.column)" } ?? "")"
        }
        #expect(problems == ["load.special-file 1:1", "load.not-utf8 1:1"])
        #expect(report.diagnostics.errors.first?.message.hasSuffix("folder.md' is a folder, not a content file") == true)
    }

    @Test func templateErrorsNameTheTemplateFile() throws {
        let temp = try TemporaryFolder()
        let templates = temp.path + "/Templates"
        try FileManager.default.copyItem(atPath: Fixtures.path("Sites/basic/Templates"), toPath: templates)
        try temp.write(
            "Templates/page.mustache",
            "{{<layout}}{{$content}}\n<h1>{{#title}}{{title}}</h1>\n{{/content}}{{/layout}}\n")
        try FileManager.default.removeItem(atPath: templates + "/topics.mustache")
        let (set, diagnostics) = TemplateLoader(directory: templates).load()
        #expect(set == nil)
        #expect(diagnostics.map(\.code).sorted() == ["template.missing", "template.syntax"])
        let syntax = try #require(diagnostics.first { $0.code == "template.syntax" })
        #expect(syntax.position?.path == templates + "/page.mustache")
        let missing = try #require(diagnostics.first { $0.code == "template.missing" })
        #expect(missing.message == "template '\(templates)/topics.mustache' is missing")
    }
}
