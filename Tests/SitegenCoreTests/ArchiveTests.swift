import Foundation
import Testing

@testable import SitegenCore

@Suite("Archives: lists in pages, the timeline by month, a bounded home page")
struct ArchiveTests {
    /// The basic fixture with the shipped templates, `settings` added to `site.md` and
    /// `briefs` more briefs naming Bob Example (dated 2025-07-01…, older than the fixture's).
    static func build(
        _ settings: [(String, String)], briefs: Int = 0, body: String = "", scheduled: Int = 0
    ) throws -> (files: [String: String], report: BuildReport) {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        for (key, value) in settings { try site.setOrAdd(site.content + "/site.md", key, value) }
        for n in 0..<briefs {
            try site.write(
                site.content + "/briefs/extra-\(n).md",
                "---\ntitle: Extra \(String(repeating: "x", count: n + 1))\nsummary: One more.\ndate: 2025-07-\(n < 9 ? "0" : "")\(n + 1)\nkind: news\npeople: [bob-example]\n---\nExtra.\(body)\n"
            )
        }
        for n in 0..<scheduled {
            try site.write(
                site.content + "/events/later-\(n).md", "---\ntitle: Later \(n)\ndate: 2025-10-1\(n)\n---\nLater.\n")
        }
        let report = SiteBuilder(options: site.options()).run(write: true)
        return (tree(site.temp.path + "/Public"), report)
    }

    /// The `<link rel>`s of a page's head that point to other pages of its series.
    static func relLinks(_ html: String) -> [String] {
        html.components(separatedBy: "\n").filter { $0.hasPrefix("<link rel=\"prev\"") || $0.hasPrefix("<link rel=\"next\"") }
    }

    @Test func aLongListIsASeriesWhoseFirstPageKeepsItsAddress() throws {
        let (files, report) = try Self.build([("page-size", "1")], briefs: 9)
        #expect(report.succeeded)
        // 12 briefs, one a page: briefs/, then briefs/page/2/ … briefs/page/12/; no page/1.
        #expect(files["briefs/index.html"] != nil)
        #expect(files["briefs/page/1/index.html"] == nil)
        #expect((2...12).allSatisfy { files["briefs/page/\($0)/index.html"] != nil })
        #expect(files["briefs/page/13/index.html"] == nil)
        let first = try #require(files["briefs/index.html"])
        #expect(Self.relLinks(first) == ["<link rel=\"next\" href=\"../briefs/page/2/\">"])
        let last = try #require(files["briefs/page/12/index.html"])
        #expect(Self.relLinks(last) == ["<link rel=\"prev\" href=\"../../../briefs/page/11/\">"])
        let middle = try #require(files["briefs/page/6/index.html"])
        #expect(
            Self.relLinks(middle) == [
                "<link rel=\"prev\" href=\"../../../briefs/page/5/\">", "<link rel=\"next\" href=\"../../../briefs/page/7/\">",
            ])
        #expect(middle.contains("<h1>Briefs, page 6 of 12</h1>"))
        #expect(middle.contains("<title>Briefs, page 6 of 12 — Fixture Explainer</title>"))
        // The pager: first, last, and two either side of the current page, with gaps.
        let numbers = middle.components(separatedBy: "\n").filter { $0.contains("visually-hidden\">Page </span>") || $0.contains("pager-gap") }
            .map { line -> String in
                if line.contains("pager-gap") { return "…" }
                let number = line.components(separatedBy: "</span>").last!.prefix { $0.isNumber }
                return line.contains("aria-current=\"page\"") ? "[\(number)]" : String(number)
            }
        #expect(numbers == ["1", "…", "4", "5", "[6]", "7", "8", "…", "12"])
        // Newest first: alpha and beta (August 2025) before the July extras.
        #expect(first.contains("href=\"../briefs/alpha/\""))
        #expect(last.contains("href=\"../../../briefs/extra-0/\""), "the oldest brief is on the last page")
        // Every page is in the sitemap.
        #expect(files["sitemap.xml"]?.contains("<loc>https://example.org/explainer/briefs/page/12/</loc>") == true)
        // The breadcrumbs of a later page lead back to the first.
        #expect(middle.contains("<li><a href=\"../../../briefs/\">Briefs</a></li>"))
    }

    @Test func aDocumentsLongListsGetPagesOfTheirOwn() throws {
        let (files, report) = try Self.build([("page-size", "2")], briefs: 3)
        #expect(report.succeeded)
        // Bob is named by alpha and the three extras: two on his page, all four on his list's pages.
        let profile = try #require(files["people/bob-example/index.html"])
        #expect(profile.contains("<p class=\"more\"><a href=\"../../people/bob-example/briefs/\">All 4 briefs</a></p>"))
        #expect(profile.components(separatedBy: "class=\"card-title\"").count - 1 == 2)
        let first = try #require(files["people/bob-example/briefs/index.html"])
        #expect(first.contains("<h1>Briefs that mention Bob Example</h1>"))
        #expect(first.contains("<p class=\"lede\">On <a href=\"../../../people/bob-example/\">Bob Example</a>: Briefs 1–2 of 4.</p>"))
        #expect(Self.relLinks(first) == ["<link rel=\"next\" href=\"../../../people/bob-example/briefs/page/2/\">"])
        let second = try #require(files["people/bob-example/briefs/page/2/index.html"])
        #expect(second.contains("Briefs 3–4 of 4."))
        #expect(files["people/bob-example/briefs/page/3/index.html"] == nil)
        // Ana is named by fewer briefs than a page holds: no list of her own.
        #expect(files["people/ana-example/briefs/index.html"] == nil)
        #expect(files["people/ana-example/index.html"]?.contains("class=\"more\"") == false)
    }

    @Test func pastTheSplitTheTimelineIsAnIndexOfMonths() throws {
        let (files, report) = try Self.build([("timeline-split", "2")])
        #expect(report.succeeded)
        let index = try #require(files["timeline/index.html"])
        #expect(
            index.contains(
                "<li id=\"month-august-2025\"><a href=\"../timeline/2025/08/\">August 2025</a> <span class=\"count\">2 events</span></li>"
            ))
        #expect(!index.contains("class=\"event\""), "the index lists months, not events")
        let august = try #require(files["timeline/2025/08/index.html"])
        #expect(august.contains("<h1>Timeline: August 2025</h1>"))
        #expect(august.contains("<li class=\"event\" id=\"event-day-event\">"))
        #expect(august.contains("<a href=\"../../../timeline/2025/09/\">September 2025 →</a>"))
        let september = try #require(files["timeline/2025/09/index.html"])
        #expect(september.contains("<a href=\"../../../timeline/2025/08/\">← August 2025</a>"))
        // An event's page leads to its row on its month's page.
        #expect(
            files["events/day-event/index.html"]?.contains("<a href=\"../../timeline/2025/08/#event-day-event\">") == true)

        // Under the split, one page as before.
        let (whole, _) = try Self.build([])
        #expect(whole["timeline/2025/08/index.html"] == nil)
        #expect(whole["timeline/index.html"]?.contains("<li class=\"event\" id=\"event-day-event\">") == true)
        #expect(whole["events/day-event/index.html"]?.contains("<a href=\"../../timeline/#event-day-event\">") == true)
    }

    @Test func aLinkToAnEventOnASplitTimelineIsAWarning() throws {
        let (_, report) = try Self.build([("timeline-split", "2")], briefs: 1, body: " See [the session](@timeline#day-event).")
        #expect(report.succeeded)
        let warning = try #require(report.diagnostics.items.first { $0.code == "graph.split-timeline" })
        #expect(warning.position?.line == 8)
        #expect(warning.hint == "link the event's own page, @events/day-event, or its month, @timeline#month-…")
        // A month is still on the index.
        let (_, monthly) = try Self.build([("timeline-split", "2")], briefs: 1, body: " [August](@timeline#month-august-2025).")
        #expect(monthly.diagnostics.items.isEmpty)
    }

    /// The JSON-LD of a page, parsed.
    static func jsonLD(_ html: String) throws -> [[String: Any]] {
        let start = try #require(html.range(of: "<script type=\"application/ld+json\">"))
        let end = try #require(html.range(of: "</script>", range: start.upperBound..<html.endIndex))
        let json = try JSONSerialization.jsonObject(with: Data(html[start.upperBound..<end.lowerBound].utf8))
        return try #require((json as? [String: Any])?["@graph"] as? [[String: Any]])
    }

    @Test func everyPageOfASeriesDescribesItsOwnItems() throws {
        let (files, report) = try Self.build([("page-size", "2"), ("timeline-split", "2")], briefs: 3)
        #expect(report.succeeded)
        let page = try Self.jsonLD(try #require(files["briefs/page/2/index.html"]))
        #expect(page.map { $0["@type"] as? String } == ["CollectionPage", "BreadcrumbList"])
        #expect(page[0]["url"] as? String == "https://example.org/explainer/briefs/page/2/")
        #expect(page[0]["name"] as? String == "Briefs, page 2 of 3")
        let list = try #require(page[0]["mainEntity"] as? [String: Any])
        #expect(list["numberOfItems"] as? Int == 6)
        let items = try #require(list["itemListElement"] as? [[String: Any]])
        #expect(items.map { $0["position"] as? Int } == [1, 2])
        let crumbs = try #require(page[1]["itemListElement"] as? [[String: Any]])
        #expect(crumbs.map { $0["name"] as? String } == ["Fixture Explainer", "Briefs", "Briefs, page 2 of 3"])

        let listing = try Self.jsonLD(try #require(files["people/bob-example/briefs/index.html"]))
        #expect(listing[0]["name"] as? String == "Briefs that mention Bob Example")
        let month = try Self.jsonLD(try #require(files["timeline/2025/08/index.html"]))
        let events = try #require((month[0]["mainEntity"] as? [String: Any])?["itemListElement"] as? [[String: Any]])
        #expect(events.map { $0["name"] as? String } == ["Something earlier this month", "A session"])
    }

    @Test func theHomePageShowsABoundedSelection() throws {
        let (files, report) = try Self.build([], scheduled: 8)
        #expect(report.succeeded)
        let home = try #require(files["index.html"])
        let coming = try #require(home.components(separatedBy: "id=\"upcoming\"").last?.components(separatedBy: "</section>").first)
        // The fixture's range event and eight more are scheduled: the first five are shown.
        #expect(coming.components(separatedBy: "<li class=\"event scheduled\"").count - 1 == PageRenderer.homeUpcoming)
        #expect(coming.contains("<p class=\"more\"><a href=\"timeline/\">All 9 scheduled events on the timeline</a></p>"))
    }

    @Test func theSettingsAreCheckedLikeEveryOther() throws {
        let (_, report) = try Self.build([("page-size", "0"), ("search", "yes")])
        #expect(!report.succeeded)
        #expect(
            report.diagnostics.errors.map { "\($0.code) \($0.position?.line ?? 0)" }.sorted() == [
                "frontmatter.invalid-bool 2", "frontmatter.type 3",
            ])
    }
}
