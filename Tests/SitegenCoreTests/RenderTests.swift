import Foundation
import Testing

@testable import SitegenCore

@Suite("Rendering: escaping, cached partials, parallel builds")
struct RenderTests {
    @Test(arguments: [
        ("plain text", "plain text"), ("Téllez & “Morena” <b> 'x' \"y\"", "Téllez &amp; “Morena” &lt;b&gt; &#39;x&#39; &quot;y&quot;"),
        ("", ""), ("&amp; already", "&amp;amp; already"), ("emoji 🇲🇽 < >", "emoji 🇲🇽 &lt; &gt;"),
        ("a'b\"c&d<e>f", "a&#39;b&quot;c&amp;d&lt;e&gt;f"),
    ])
    func escapingReplacesTheFiveCharacters(_ text: String, _ escaped: String) {
        #expect(HTMLEscaping.escape(text) == escaped)
    }

    /// A template set of partials alone, and its cache of fragments (indexed, as serve's, so that it can forget).
    private func cached(_ texts: [String: String]) throws -> FragmentCache {
        FragmentCache(templates: try TemplateSet(texts: texts), indexed: true)
    }

    static func card(_ title: String, date: DateModel) -> BriefCard {
        BriefCard(title: title, url: "u", summary: "s", kindLabel: "News", date: date, readingMinutes: 1, cardLevel: 3, isDraft: false)
    }

    static let august = Card(html: nil, item: DateTexts(PartialDate(year: 2025, month: 8), end: nil))

    @Test func cachedPartialIsRenderedOnceAndReused() throws {
        let cache = try cached(["partials/cached/brief": "<li>{{title}}</li>"])
        var builds = 0
        let first = cache.item(.init(partial: .brief, item: "a", root: "../"), typed: \.brief, reads: ReadLog()) {
            builds += 1
            return Self.card("A & B", date: Self.august)
        }
        let second = cache.item(.init(partial: .brief, item: "a", root: "../"), typed: \.brief, reads: ReadLog()) {
            builds += 1
            return Self.card("changed", date: Self.august)
        }
        #expect(builds == 1)
        #expect(first?.html == "<li>A &amp; B</li>")
        #expect(second?.html == "<li>A &amp; B</li>")
    }

    /// What a card's model read is part of every page that shows the card, made or kept.
    @Test func aCachedCardsReadsGoToEveryPageThatShowsIt() throws {
        let cache = try cached(["partials/cached/brief": "<li>{{title}}</li>"])
        let log = ReadLog()
        let alpha = Dependency.document(DocumentID(.brief, "alpha"))
        func show() -> Card<BriefCard>? {
            cache.item(.init(partial: .brief, item: "alpha", root: "../"), typed: \.brief, reads: log) {
                log.record(alpha)
                return Self.card("A", date: Self.august)
            }
        }
        log.record(.order(.brief))
        _ = show()
        #expect(log.take() == [.order(.brief), alpha])
        _ = show()
        #expect(log.take() == [alpha])
        cache.invalidate(reading: [alpha])
        _ = show()
        #expect(log.take() == [alpha])
    }

    @Test func aDateInsideACachedCardIsTheDatesOwnFragment() throws {
        let cache = try cached([
            "partials/cached/date": "<time>{{text}}</time>",
            "partials/cached/brief": "<li>{{title}}: {{#date}}{{>partials/cached/date}}{{/date}}</li>",
        ])
        var dateBuilds = 0
        func date() -> DateModel {
            cache.item(.init(partial: .date, item: "2025-08", root: ""), typed: \.date, reads: ReadLog()) {
                dateBuilds += 1
                return DateTexts(PartialDate(year: 2025, month: 8), end: nil)
            }!
        }
        let a = cache.item(.init(partial: .brief, item: "a", root: "../"), typed: \.brief, reads: ReadLog()) { Self.card("A", date: date()) }
        let b = cache.item(.init(partial: .brief, item: "b", root: "../"), typed: \.brief, reads: ReadLog()) { Self.card("B", date: date()) }
        #expect(dateBuilds == 1)
        #expect([a?.html, b?.html] == ["<li>A: <time>August 2025</time></li>", "<li>B: <time>August 2025</time></li>"])
    }

    /// Found by review: a custom header or card may insert the date partial or read a date's
    /// fields; both work inside a cached partial, as on a page.
    @Test func aDateIsItsHTMLAndItsFieldsInsideACachedPartial() throws {
        let cache = try cached([
            "partials/cached/date": "<time datetime=\"{{start.iso}}\">{{text}}</time>",
            "partials/cached/footer":
                "{{#asOf}}{{>partials/cached/date}}{{/asOf}} ({{asOf.text}}, {{#asOf}}{{start.iso}}{{/asOf}})",
        ])
        let day = PartialDate(year: 2025, month: 8, day: 30)
        let date = try #require(cache.item(.init(partial: .date, item: day.iso, root: ""), typed: \.date, reads: ReadLog()) { DateTexts(day, end: nil) })
        let footer = cache.item(.init(partial: .footer, item: "", root: ""), typed: \.footer, reads: ReadLog()) {
            SiteFooter(
                siteTitle: "T", siteDescription: "D", asOf: date, editors: [], feedURL: "", hasFeed: false, contact: nil,
                contactURL: "", correctionsURL: "")
        }
        #expect(footer?.html == "<time datetime=\"2025-08-30\">August 30, 2025</time> (August 30, 2025, 2025-08-30)")
    }

    /// Without the partial in the template set, an item is its model alone: a template renders
    /// it where it lists it.
    @Test func anItemWhosePartialIsNotCachedIsItsModel() throws {
        let cache = try cached([:])
        let card = cache.item(.init(partial: .brief, item: "a", root: ""), typed: \.brief, reads: ReadLog()) { Self.card("A", date: Self.august) }
        #expect(card?.html == nil)
        #expect(card?.item.title == "A")
    }

    @Test func parallelBuildsAreByteIdenticalToOneThread() throws {
        let temp = try TemporaryFolder()
        var outputs: [[String: Data]] = []
        for jobs in [1, 4] {
            let output = temp.path + "/out-\(jobs)"
            let report = SiteBuilder(
                options: try RealSite.options(temp, output: output, baseURL: "https://example.org/x/", jobs: jobs)
            ).run(write: true)
            try #require(report.succeeded)
            var files: [String: Data] = [:]
            for path in FileManager.default.subpaths(atPath: output) ?? [] {
                if let data = FileManager.default.contents(atPath: output + "/" + path) { files[path] = data }
            }
            outputs.append(files)
        }
        #expect(outputs[0].count > 50)
        #expect(outputs[0] == outputs[1])
    }
}

@Suite("Scratch store")
struct ScratchStoreTests {
    @Test func storesAndLoadsTextFromManyThreads() throws {
        let store = try #require(ScratchStore())
        let texts = (0..<200).map { "<p>Brief \($0): Fernández “quoted” — \(String(repeating: "x", count: $0))</p>\n" }
        let handles = parallelMap(texts.count, jobs: 4) { i in
            var text = texts[i]
            return text.withUTF8 { store.store(UnsafeRawBufferPointer($0)) }
        }
        for (text, handle) in zip(texts, handles) {
            #expect(store.load(try #require(handle)) == text)
        }
        #expect(store.load(ScratchStore.Handle(offset: 0, length: 0)) == "")
    }
}

extension TemplateSet {
    /// A template set from templates' text alone: each parsed, syntax errors thrown.
    init(texts: [String: String]) throws {
        var parsed: [String: (nodes: [MustacheNode], path: String)] = [:]
        for (name, text) in texts { parsed[name] = (try MustacheParser.parse(text), name + ".mustache") }
        self.init(parsed: parsed, sources: texts.mapValues { ("", $0) })
    }
}
