import Foundation
import Mustache
import Testing

@testable import SitegenCore

@Suite("Rendering: escaping, cached partials, parallel builds")
struct RenderTests {
    @Test(arguments: [
        "plain text", "Téllez & “Morena” <b> 'x' \"y\"", "", "&amp; already", "emoji 🇲🇽 < >", "a'b\"c&d<e>f",
    ])
    func fastEscapingMatchesSwiftMustache(_ text: String) throws {
        FastHTMLContentType.register()
        let plain = try MustacheTemplate(string: "{{value}}").render(["value": text])
        let fast = try MustacheTemplate(string: "{{% CONTENT_TYPE: HTML }}{{value}}").render(["value": text])
        #expect(fast == plain)
        #expect(FastHTMLContentType.escape(text) == plain)
    }

    /// A template set parsed from `texts` (name: template), and its cache of fragments.
    private func cached(_ texts: [String: String]) throws -> (TemplateSet, FragmentCache) {
        let templates = try TemplateSet(templates: texts.mapValues { try MustacheTemplate(string: $0) })
        return (templates, FragmentCache(templates: templates))
    }

    @Test func cachedPartialIsRenderedOnceAndReused() throws {
        let (templates, cache) = try cached([
            "partials/cached/brief": "<li>{{title}}</li>",
            "page": "{{#items}}{{>partials/cached/brief}}{{/items}}",
        ])
        var builds = 0
        let first = cache.untypedItem(.init(partial: .brief, item: "a", root: "../")) {
            builds += 1
            return ["title": "A & B"]
        }
        let second = cache.untypedItem(.init(partial: .brief, item: "a", root: "../")) {
            builds += 1
            return ["title": "changed"]
        }
        #expect(builds == 1)
        let html = templates.render(["items": [first!, second!]], with: "page")
        #expect(html == "<li>A &amp; B</li><li>A &amp; B</li>")
    }

    @Test func aDateInsideACachedCardIsTheDatesOwnFragment() throws {
        let (templates, cache) = try cached([
            "partials/cached/date": "<time>{{text}}</time>",
            "partials/cached/brief": "<li>{{title}}: {{#date}}{{>partials/cached/date}}{{/date}}</li>",
            "page": "{{#items}}{{>partials/cached/brief}}{{/items}}",
        ])
        var dateBuilds = 0
        func date() -> Any {
            cache.untypedItem(.init(partial: .date, item: "2025-08", root: "")) {
                dateBuilds += 1
                return ["text": "August 2025"]
            }!
        }
        let a = cache.untypedItem(.init(partial: .brief, item: "a", root: "../")) { ["title": "A", "date": date()] }
        let b = cache.untypedItem(.init(partial: .brief, item: "b", root: "../")) { ["title": "B", "date": date()] }
        #expect(dateBuilds == 1)
        let html = templates.render(["items": [a!, b!]], with: "page")
        #expect(html == "<li>A: <time>August 2025</time></li><li>B: <time>August 2025</time></li>")
    }

    /// Found by review: a custom header or card may insert the date partial or read a date's
    /// fields; both work inside a cached partial, as on a page.
    @Test func aDateIsItsHTMLAndItsFieldsInsideACachedPartial() throws {
        let (templates, cache) = try cached([
            "partials/cached/date": "<time datetime=\"{{start.iso}}\">{{text}}</time>",
            "partials/cached/footer":
                "{{#asOf}}{{>partials/cached/date}}{{/asOf}} ({{asOf.text}}, {{#asOf}}{{start.iso}}{{/asOf}})",
            "page": "{{#siteFooter}}{{>partials/cached/footer}}{{/siteFooter}}",
        ])
        let day = PartialDate(year: 2025, month: 8, day: 30)
        let html = try #require(
            cache.untypedItem(.init(partial: .date, item: day.iso, root: "")) { ViewModels.dateFields(day) } as? Fragment)
        let footer = cache.untypedItem(.init(partial: .footer, item: "", root: "")) {
            ["asOf": DateValue(html: html, start: day, end: nil)]
        }
        #expect(
            templates.render(["siteFooter": footer!], with: "page")
                == "<time datetime=\"2025-08-30\">August 30, 2025</time> (August 30, 2025, 2025-08-30)")
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

extension FragmentCache {
    /// An item of a template set that has no typed partials (made from templates alone): its
    /// view model rendered by swift-mustache.
    func untypedItem(_ key: Key, build: () -> Fields?) -> Any? {
        item(key, typed: \.date, model: { nil }, build: build)
    }
}
