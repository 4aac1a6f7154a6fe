import Foundation
import Testing

@testable import SitegenCore

/// The page types rendered through templates compiled against typed models (the 404 page so
/// far): the same bytes swift-mustache renders, and a misspelt value an error at its place.
@Suite("Typed pages")
struct TypedPagesTests {
    static func load(_ folder: String) -> (TemplateSet?, [Diagnostic]) {
        TemplateLoader(directory: folder).load()
    }

    @Test func theShippedTemplatesCompileForTheTypedPages() throws {
        let (templates, diagnostics) = Self.load(BuildSessionTests.shippedTemplates)
        #expect(diagnostics.isEmpty)
        #expect(try #require(templates).typed != nil)
    }

    /// The fixture's templates have no cached partials: its 404 page goes through
    /// swift-mustache, as before (and its bytes are the fixture's expected ones).
    @Test func templatesWithoutCachedPartialsRenderThroughSwiftMustache() throws {
        let (templates, diagnostics) = Self.load(Fixtures.path("Sites/basic/Templates"))
        #expect(diagnostics.isEmpty)
        #expect(try #require(templates).typed == nil)
    }

    /// The prototype site's typed pages (it fills every value), rendered typed and through
    /// swift-mustache (the same templates with no cached partials, so no typed pages): the same
    /// bytes.
    @Test(arguments: [
        PageRenderer.Job.notFound, .corrections, .search, .document(DocumentID(.brief, "a")), .document(DocumentID(.brief, "b")),
        .document(DocumentID(.event, "past")), .document(DocumentID(.event, "next")),
        .listing(DocumentID(.person, "p"), .briefs, page: 1), .listing(DocumentID(.person, "p"), .briefs, page: 2),
        .listing(DocumentID(.topic, "t"), .timeline, page: 1), .listing(DocumentID(.organization, "o"), .members, page: 1),
        .listing(DocumentID(.source, "d"), .quotes, page: 1), .listing(DocumentID(.source, "d"), .people, page: 1),
        .listing(DocumentID(.source, "d"), .organizations, page: 1), .month(PartialDate(year: 2025, month: 8), page: 1),
        .month(PartialDate(year: 2025, month: 9), page: 1),
    ])
    func typedPagesAreTheSameBytesAsSwiftMustaches(job: PageRenderer.Job) throws {
        let templates = try #require(Self.load(BuildSessionTests.shippedTemplates).0)
        let graph = try #require(PrototypeSite.graph)
        let typed = PageRenderer(graph: graph, templates: templates, fragments: FragmentCache(templates: templates))
        let prepared = typed.prepare(job)
        #expect(prepared.template == nil, "rendered through the typed path")
        let untyped = try templates.withoutCachedPartials()
        #expect(untyped.typed == nil)
        let reference = PageRenderer(graph: graph, templates: untyped, fragments: FragmentCache(templates: untyped))
        let expected = reference.render(job).contents
        #expect(typed.render(prepared).contents == expected)
        #expect(expected.contains("<header class=\"site-header\">") && expected.contains("</html>"))
        if job == .corrections { #expect(expected.contains("<li><strong>")) }
        if case .listing(_, let listing, _) = job {
            #expect(expected.contains(listing == .quotes ? "checked-quotes" : listing == .timeline ? "class=\"event" : "class=\"card"))
        }
        if job == .listing(DocumentID(.person, "p"), .briefs, page: 2) {
            // Two briefs a page each: a pager, and its links in the head.
            #expect(expected.contains("<nav class=\"pager\"") && expected.contains("<link rel=\"prev\""))
        }
        if case .month = job { #expect(expected.contains("month-nav")) }
        if job == .document(DocumentID(.brief, "a")) {
            // Every part of a brief's page is there to compare: contents, sources with links back,
            // an outlet, corrections, people, events, chips, related briefs, search filters.
            for part in [
                "<nav class=\"toc\"", "class=\"backlinks\"", "As reported by", "id=\"update-", "People in this brief",
                "Events in this brief", "class=\"chips\"", "Related briefs", "data-pagefind-filter", "article:modified_time",
            ] {
                #expect(expected.contains(part), "\(part)")
            }
        }
    }

    /// Every page of the prototype site (every page type, every value filled, lists a page
    /// long) goes through its compiled template, to the bytes swift-mustache renders.
    @Test func everyPageOfThePrototypeIsTypedAndTheSameBytes() throws {
        let templates = try #require(Self.load(BuildSessionTests.shippedTemplates).0)
        let graph = try #require(PrototypeSite.graph)
        let typed = PageRenderer(graph: graph, templates: templates, fragments: FragmentCache(templates: templates))
        let untyped = try templates.withoutCachedPartials()
        let reference = PageRenderer(graph: graph, templates: untyped, fragments: FragmentCache(templates: untyped))
        var pages = 0
        for job in PageRenderer.pageJobs(for: graph) {
            let prepared = typed.prepare(job)
            #expect(prepared.template == nil, "\(job) is rendered through the typed path")
            #expect(typed.render(prepared).contents == reference.render(job).contents, "\(job)")
            pages += 1
        }
        #expect(pages == 30)
    }

    /// Every cached partial (cards of each kind, event rows, header, footer, dates) rendered
    /// through its compiled template, in pages still rendered by swift-mustache: the same
    /// bytes as the partials rendered inside the page by swift-mustache.
    @Test(arguments: [
        PageRenderer.Job.list(.brief, page: 1), .list(.person, page: 1), .list(.organization, page: 1),
        .list(.topic, page: 1), .month(PartialDate(year: 2025, month: 8), page: 1), .home,
        .document(DocumentID(.person, "p")), .document(DocumentID(.topic, "t")),
    ])
    func cachedPartialsAreTheSameBytesAsSwiftMustaches(job: PageRenderer.Job) throws {
        let templates = try #require(Self.load(BuildSessionTests.shippedTemplates).0)
        #expect(templates.typed?.partials != nil)
        let graph = try #require(PrototypeSite.graph)
        let typed = PageRenderer(graph: graph, templates: templates, fragments: FragmentCache(templates: templates))
        let untyped = try templates.withoutCachedPartials()
        let reference = PageRenderer(graph: graph, templates: untyped, fragments: FragmentCache(templates: untyped))
        let expected = reference.render(job).contents
        #expect(typed.render(job).contents == expected)
        #expect(expected.contains("class=\"card") || expected.contains("class=\"event"))
    }

    /// `{{titel}}` in the layout, or a value the 404 page does not have in its template, is an
    /// error at that template's line and column, reported once, with the nearest names.
    @Test func aMisspeltValueIsAnErrorAtItsPlaceOnce() throws {
        let temp = try TemporaryFolder()
        let folder = temp.path + "/Templates"
        try FileManager.default.copyItem(atPath: BuildSessionTests.shippedTemplates, toPath: folder)
        let layout = folder + "/layout.mustache"
        let text = try String(contentsOfFile: layout, encoding: .utf8)
        try text.replacingOccurrences(of: "<title>{{pageTitle}}</title>", with: "<title>{{pageTitel}}</title>")
            .write(toFile: layout, atomically: true, encoding: .utf8)
        let (_, diagnostics) = Self.load(folder)
        let typed = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(typed.position == SourcePosition(path: layout, line: 6, column: 8))
        #expect(typed.message == "'pageTitel' is not a value this template can read here (the 404 page)")
        #expect(typed.hint == "did you mean 'pageTitle'?")
        // The check of every template against every view model does not report it again.
        let site = try BuildSessionTests.Site(templates: folder)
        let report = SiteBuilder(options: site.options()).run(write: true)
        #expect(report.diagnostics.errors.filter { $0.position?.path == site.templates + "/layout.mustache" }.count == 1)
        #expect(!report.didWrite)
    }

    /// A problem in each of two page templates: both reported in one run.
    @Test func everyTypedPagesProblemInOneRun() throws {
        let temp = try TemporaryFolder()
        let folder = temp.path + "/Templates"
        try FileManager.default.copyItem(atPath: BuildSessionTests.shippedTemplates, toPath: folder)
        for (name, from, to) in [("404", "{{root}}timeline/", "{{rot}}timeline/"), ("corrections", "{{kindLabel}}", "{{kindLable}}"),
            ("brief", "{{readingMinutes}} min", "{{readingMinute}} min"),
            ("partials/cached/person", "{{role}}", "{{rol}}"),
        ] {
            let path = folder + "/\(name).mustache"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: from, with: to).write(toFile: path, atomically: true, encoding: .utf8)
        }
        let (_, diagnostics) = Self.load(folder)
        #expect(diagnostics.map(\.message) == [
            "'rot' is not a value this template can read here (the 404 page)",
            "'kindLable' is not a value this template can read here (correction)",
            "'readingMinute' is not a value this template can read here (a brief's page)",
            "'rol' is not a value this template can read here (person card)",
        ])
        #expect(
            diagnostics.map(\.hint) == [
                "did you mean 'root'?", "did you mean 'kindLabel'?", "did you mean 'readingMinutes'?", "did you mean 'role'?",
            ])
        #expect(
            diagnostics.map { $0.position?.path } == [
                folder + "/404.mustache", folder + "/corrections.mustache", folder + "/brief.mustache",
                folder + "/partials/cached/person.mustache",
            ])
    }
}
