import Foundation
import Testing

@testable import SitegenCore

@Suite("JSON-LD on every page, from the content model")
struct StructuredDataTests {
    /// The fixture site built with the shipped templates: each page's JSON-LD `@graph`, by path.
    static func graphs() throws -> [String: [[String: Any]]] {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        let report = SiteBuilder(options: site.options()).run(write: true)
        #expect(report.succeeded)
        var graphs: [String: [[String: Any]]] = [:]
        for (path, text) in tree(site.temp.path + "/Public") where path.hasSuffix(".html") {
            guard let start = text.range(of: "<script type=\"application/ld+json\">")?.upperBound,
                let end = text.range(of: "</script>", range: start..<text.endIndex)?.lowerBound
            else { continue }
            let json = try #require(try JSONSerialization.jsonObject(with: Data(text[start..<end].utf8)) as? [String: Any])
            #expect(json["@context"] as? String == "https://schema.org")
            graphs[path] = try #require(json["@graph"] as? [[String: Any]])
        }
        return graphs
    }

    static func item(_ graph: [[String: Any]]?, _ type: String) -> [String: Any]? {
        graph?.first { $0["@type"] as? String == type }
    }

    @Test func everyPageButThe404HasItsTypes() throws {
        let graphs = try Self.graphs()
        let types = graphs.mapValues { $0.compactMap { $0["@type"] as? String } }
        #expect(types["index.html"] == ["WebSite"])
        #expect(types["briefs/alpha/index.html"] == ["NewsArticle", "BreadcrumbList"])
        #expect(types["briefs/beta/index.html"] == ["AnalysisNewsArticle", "BreadcrumbList"])
        #expect(types["people/ana-example/index.html"] == ["ProfilePage", "BreadcrumbList"])
        #expect(types["organizations/org-one/index.html"] == ["ProfilePage", "BreadcrumbList"])
        #expect(types["events/range-event/index.html"] == ["Event", "BreadcrumbList"])
        #expect(types["sources/wire-report/index.html"] == ["Report", "BreadcrumbList"])
        #expect(types["briefs/index.html"] == ["CollectionPage", "BreadcrumbList"])
        #expect(types["timeline/index.html"] == ["CollectionPage", "BreadcrumbList"])
        #expect(types["404.html"] == nil)
    }

    /// What Google's structured data documentation requires or recommends for articles:
    /// headline, dates, author with a name, publisher; plus the sources as citations.
    @Test func aBriefIsANewsArticleWithItsDatesPeopleAndSources() throws {
        let article = try #require(Self.item(try Self.graphs()["briefs/alpha/index.html"], "NewsArticle"))
        #expect(article["headline"] as? String == "Alpha & the “first” brief")
        #expect(article["datePublished"] as? String == "2025-08-29")
        #expect(article["dateModified"] as? String == "2025-09-03", "the latest update")
        #expect(article["url"] as? String == "https://example.org/explainer/briefs/alpha/")
        let authors = try #require(article["author"] as? [[String: Any]])
        #expect(authors.map { $0["name"] as? String } == ["Ana Editor", "Bo Editor"])
        #expect((article["publisher"] as? [String: Any])?["name"] as? String == "Fixture Explainer")
        let about = try #require(article["about"] as? [[String: Any]])
        #expect(about.contains { $0["@type"] as? String == "Person" && $0["name"] as? String == "Ana Example" })
        let citation = try #require((article["citation"] as? [[String: Any]])?.first)
        #expect(citation["@type"] as? String == "Report")
        #expect(citation["name"] as? String == "A report")
        #expect(citation["datePublished"] as? String == "2025-08-28")
    }

    @Test func eventsKeepTheirPrecisionAndScheduledOnesSaySo() throws {
        let graphs = try Self.graphs()
        let range = try #require(Self.item(graphs["events/range-event/index.html"], "Event"))
        #expect(range["startDate"] as? String == "2025-09-02")
        #expect(range["endDate"] as? String == "2025-09-04")
        #expect(range["eventStatus"] as? String == "https://schema.org/EventScheduled")
        let month = try #require(Self.item(graphs["events/month-event/index.html"], "Event"))
        #expect(month["startDate"] as? String == "2025-08", "a month event has no day")
        #expect(month["eventStatus"] == nil, "past events carry no status")
    }

    @Test func profilesAndBreadcrumbs() throws {
        let graphs = try Self.graphs()
        let profile = try #require(Self.item(graphs["people/ana-example/index.html"], "ProfilePage"))
        let person = try #require(profile["mainEntity"] as? [String: Any])
        #expect(person["@type"] as? String == "Person")
        #expect(person["name"] as? String == "Ana Example")
        let crumbs = try #require(Self.item(graphs["people/ana-example/index.html"], "BreadcrumbList"))
        let items = try #require(crumbs["itemListElement"] as? [[String: Any]])
        #expect(items.map { $0["position"] as? Int } == [1, 2, 3])
        #expect(items.map { $0["item"] as? String } == [
            "https://example.org/explainer/", "https://example.org/explainer/people/",
            "https://example.org/explainer/people/ana-example/",
        ])
    }

    @Test func objectsAreWrittenWithSortedKeysAndTheLastValueSet() {
        var object: JSON.Object = ["name": "B", "@type": "Thing", "url": "https://example.org/"]
        object["position"] = .int(2)
        object["name"] = "A"
        object["url"] = nil
        object["image"] = nil
        object["items"] = .array([.bool(true), .int(-3), ["b": "2", "a": "1"]])
        #expect(
            StructuredData.encode(.object(object))
                == #"{"@type":"Thing","items":[true,-3,{"a":"1","b":"2"}],"name":"A","position":2}"#)
    }

    @Test func textIsSafeInsideAScriptElement() {
        let json = StructuredData.encode(["name": "</script><script>alert(1)</script> & \u{2028}\"\\"])
        #expect(json == "{\"name\":\"\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\u0026 \\u2028\\\"\\\\\"}")
        let back = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        #expect(back?["name"] == "</script><script>alert(1)</script> & \u{2028}\"\\")
    }

    /// Tab, line feed and carriage return have escapes of their own; other controls are
    /// `\u00XX`. Every one reads back as the text it was (`\t` once came out as `\t09`).
    @Test func controlCharactersAreEscapedAndReadBack() {
        let text = "a\tb\nc\rd\u{1}e\u{1F}f"
        let json = StructuredData.encode(["name": .string(text)])
        #expect(json == #"{"name":"a\tb\nc\rd\u0001e\u001ff"}"#)
        let back = try? JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: String]
        #expect(back?["name"] == text)
    }

    @Test func sharingMetadataFromSiteAndBrief() throws {
        let site = try BuildSessionTests.Site(templates: BuildSessionTests.shippedTemplates)
        try site.setOrAdd(site.content + "/site.md", "image", "https://example.org/share.png")
        try site.setOrAdd(site.content + "/briefs/beta.md", "image", "https://example.org/beta.png")
        #expect(SiteBuilder(options: site.options()).run(write: true).succeeded)
        let home = try site.text(site.temp.path + "/Public/index.html")
        #expect(home.contains("<meta property=\"og:image\" content=\"https://example.org/share.png\">"))
        #expect(!home.contains("article:published_time"))
        let alpha = try site.text(site.temp.path + "/Public/briefs/alpha/index.html")
        #expect(alpha.contains("<meta property=\"article:published_time\" content=\"2025-08-29\">"))
        #expect(alpha.contains("<meta property=\"article:modified_time\" content=\"2025-09-03\">"))
        #expect(alpha.contains("<meta name=\"twitter:card\" content=\"summary_large_image\">"))
        let beta = try site.text(site.temp.path + "/Public/briefs/beta/index.html")
        #expect(beta.contains("<meta property=\"og:image\" content=\"https://example.org/beta.png\">"))
        #expect(beta.contains("\"image\":\"https://example.org/beta.png\""), "in the JSON-LD too")
    }
}
