import Foundation
import Testing

@testable import SitegenCore

/// Templates compiled against the page models: the same pages with cached partials or
/// without, and a misspelt value an error at its place.
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

    /// The fixture's templates have no cached partials: their pages read every item's values
    /// where they list it (and their bytes are the fixture's expected ones).
    @Test func templatesWithoutCachedPartialsCompileToo() throws {
        let (templates, diagnostics) = Self.load(Fixtures.path("Sites/basic/Templates"))
        #expect(diagnostics.isEmpty)
        let set = try #require(templates)
        #expect(set.typed != nil && set.cachedPartials.isEmpty)
    }

    /// The shipped templates as they are, and with every cached partial renamed so that it is
    /// not cached (`partials/uncached/…`, read where it is included).
    /// With `indented`, every standalone include of a partial is indented by two spaces.
    static func cachedAndUncached(indented: Bool = false) throws -> (TemplateSet, TemplateSet) {
        var texts: [String: String] = [:]
        let root = BuildSessionTests.shippedTemplates
        for path in FileManager.default.subpaths(atPath: root) ?? [] where path.hasSuffix(".mustache") {
            var text = try String(contentsOfFile: root + "/" + path, encoding: .utf8)
            if indented { text = text.replacingOccurrences(of: "\n{{>", with: "\n  {{>") }
            texts[String(path.dropLast(".mustache".count))] = text
        }
        var uncached: [String: String] = [:]
        for (name, text) in texts {
            uncached[name.replacingOccurrences(of: "partials/cached/", with: "partials/uncached/")] =
                text.replacingOccurrences(of: "partials/cached/", with: "partials/uncached/")
        }
        return (try TemplateSet(texts: texts), try TemplateSet(texts: uncached))
    }

    /// Every page of the prototype site (every page type, every value filled, lists a page
    /// long): cached partials change nothing but the time it takes. A card, row, header or date
    /// rendered once and inserted is the same as read where it is listed.
    @Test func everyPageOfThePrototypeIsTheSameWithCachedPartialsOrWithout() throws {
        let (cached, uncached) = try Self.cachedAndUncached()
        #expect(cached.cachedPartials.count == 8 && uncached.cachedPartials.isEmpty)
        #expect(cached.typed != nil && uncached.typed != nil)
        let graph = try #require(PrototypeSite.graph)
        let renderer = PageRenderer(graph: graph, templates: cached, fragments: FragmentCache(templates: cached))
        let reference = PageRenderer(graph: graph, templates: uncached, fragments: FragmentCache(templates: uncached))
        var pages = 0
        for job in PageRenderer.pageJobs(for: graph) {
            let expected = reference.render(job).contents
            #expect(renderer.render(job).contents == expected, "\(job)")
            #expect(expected.contains("<header class=\"site-header\">") && expected.contains("</html>"), "\(job)")
            pages += 1
            switch job {
            case .corrections: #expect(expected.contains("<li><strong>"))
            case .document(DocumentID(.brief, "a")):
                // Every part of a brief's page: contents, sources with links back, an outlet,
                // corrections, people, events, chips, related briefs, search filters.
                for part in [
                    "<nav class=\"toc\"", "class=\"backlinks\"", "As reported by", "id=\"update-", "People in this brief",
                    "Events in this brief", "class=\"chips\"", "Related briefs", "data-pagefind-filter", "article:modified_time",
                ] {
                    #expect(expected.contains(part), "\(part)")
                }
            case .documentList(_, let listing, _):
                #expect(expected.contains(listing == .quotes ? "checked-quotes" : listing == .timeline ? "class=\"event" : "class=\"card"))
            case .month: #expect(expected.contains("month-nav"))
            default: break
            }
        }
        #expect(pages == 30)
        // Two briefs a page each: a pager, and its links in the head.
        let second = renderer.render(.documentList(DocumentID(.person, "p"), .briefs, page: 2)).contents
        #expect(second.contains("<nav class=\"pager\"") && second.contains("<link rel=\"prev\""))
    }

    /// A cached partial included where each line of the page is indented: every line of the
    /// item's HTML is indented as the partial's own lines would be.
    @Test func anIndentedCachedPartialIsIndentedAsIfReadInPlace() throws {
        let (cached, uncached) = try Self.cachedAndUncached(indented: true)
        let graph = try #require(PrototypeSite.graph)
        let renderer = PageRenderer(graph: graph, templates: cached, fragments: FragmentCache(templates: cached))
        let reference = PageRenderer(graph: graph, templates: uncached, fragments: FragmentCache(templates: uncached))
        for job in [PageRenderer.Job.document(DocumentID(.brief, "a")), .kindList(.brief, page: 1), .home] {
            let expected = reference.render(job).contents
            #expect(renderer.render(job).contents == expected, "\(job)")
            #expect(expected.contains("\n  <li class=\"card\">\n    <"), "\(job)")
        }
    }

    /// A copy of the shipped templates in `temp`, with each edit (template, text, its
    /// replacement) made; the folder's path.
    static func editedTemplates(_ temp: TemporaryFolder, _ edits: [(String, String, String)]) throws -> String {
        let folder = temp.path + "/Templates"
        try FileManager.default.copyItem(atPath: BuildSessionTests.shippedTemplates, toPath: folder)
        for (name, from, to) in edits {
            let path = folder + "/\(name).mustache"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            try text.replacingOccurrences(of: from, with: to).write(toFile: path, atomically: true, encoding: .utf8)
        }
        return folder
    }

    /// A cached partial included over items it does not render is an error where it is
    /// included (it would insert another item's HTML, or text unescaped).
    @Test func aCachedPartialOverOtherItemsIsAnErrorWhereItIsIncluded() throws {
        let temp = try TemporaryFolder()
        let folder = try Self.editedTemplates(
            temp, [("brief", "{{#people}}\n{{>partials/cached/person}}", "{{#people}}\n{{>partials/cached/brief}}")])
        let path = folder + "/brief.mustache"
        let text = try String(contentsOfFile: BuildSessionTests.shippedTemplates + "/brief.mustache", encoding: .utf8)
        let (_, diagnostics) = Self.load(folder)
        let problem = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(problem.message == "'partials/cached/brief' renders one item of its own, and the item here is a person card")
        let line = text.components(separatedBy: "\n").firstIndex { $0 == "{{>partials/cached/person}}" }.map { $0 + 1 }
        #expect(problem.position == SourcePosition(path: path, line: try #require(line), column: 1))
    }

    /// `{{titel}}` in the layout, or a value the 404 page does not have in its template, is an
    /// error at that template's line and column, reported once, with the nearest names.
    @Test func aMisspeltValueIsAnErrorAtItsPlaceOnce() throws {
        let temp = try TemporaryFolder()
        let folder = try Self.editedTemplates(temp, [("layout", "<title>{{pageTitle}}</title>", "<title>{{pageTitel}}</title>")])
        let layout = folder + "/layout.mustache"
        let (_, diagnostics) = Self.load(folder)
        let typed = try #require(diagnostics.first)
        #expect(diagnostics.count == 1)
        #expect(typed.position == SourcePosition(path: layout, line: 6, column: 8))
        #expect(typed.message == "'pageTitel' is not a value this template can read here (the 404 page)")
        #expect(typed.hint == "did you mean 'pageTitle'?")
        // A build reports it once too, and writes nothing.
        let site = try BuildSessionTests.Site(templates: folder)
        let report = SiteBuilder(options: site.options()).run(write: true)
        #expect(report.diagnostics.errors.filter { $0.position?.path == site.templates + "/layout.mustache" }.count == 1)
        #expect(!report.didWrite)
    }

    /// A problem in each of two page templates: both reported in one run.
    @Test func everyTypedPagesProblemInOneRun() throws {
        let temp = try TemporaryFolder()
        let folder = try Self.editedTemplates(
            temp,
            [
                ("404", "{{root}}timeline/", "{{rot}}timeline/"), ("corrections", "{{kindLabel}}", "{{kindLable}}"),
                ("brief", "{{readingMinutes}} min", "{{readingMinute}} min"), ("partials/cached/person", "{{role}}", "{{rol}}"),
            ])
        let (_, diagnostics) = Self.load(folder)
        // The cached partials are compiled first, then the pages.
        #expect(diagnostics.map(\.message) == [
            "'rol' is not a value this template can read here (person card)",
            "'rot' is not a value this template can read here (the 404 page)",
            "'kindLable' is not a value this template can read here (correction)",
            "'readingMinute' is not a value this template can read here (a brief's page)",
        ])
        #expect(
            diagnostics.map(\.hint) == [
                "did you mean 'role'?", "did you mean 'root'?", "did you mean 'kindLabel'?", "did you mean 'readingMinutes'?",
            ])
        #expect(
            diagnostics.map { $0.position?.path } == [
                folder + "/partials/cached/person.mustache", folder + "/404.mustache", folder + "/corrections.mustache",
                folder + "/brief.mustache",
            ])
    }
}
