import Foundation
import Testing

@testable import SitegenCore

/// Models for the compiler's tests: a page with cards, chips, an optional pager and texts.
struct TestChip: TemplateModel {
    let label: String
    let url: String
    static let schema = TemplateSchema<TestChip>("chip", [.text("label") { $0.label }, .text("url") { $0.url }])
}

struct TestPager: TemplateModel {
    let prev: TestChip?
    let next: TestChip?
    static let schema = TemplateSchema<TestPager>(
        "pager", [.optional("prev") { $0.prev }, .optional("next") { $0.next }])
}

struct TestCard: TemplateModel {
    let title: String
    let isDraft: Bool
    let chips: [TestChip]
    static let schema = TemplateSchema<TestCard>(
        "card", [.text("title") { $0.title }, .flag("isDraft") { $0.isDraft }, .list("chips") { $0.chips }])
}

struct TestPage: TemplateModel {
    let title: String
    let root: String
    let body: String
    let cards: [TestCard]
    let aliases: [String]
    let pager: TestPager?
    let hasCards: Bool
    static let schema = TemplateSchema<TestPage>(
        "test page",
        [
            .text("title") { $0.title }, .text("root") { $0.root }, .html("body") { $0.body },
            .list("cards") { $0.cards }, .list("aliases") { $0.aliases }, .optional("pager") { $0.pager },
            .flag("hasCards") { $0.hasCards },
        ])
}

@Suite("Templates compiled against typed models")
struct TemplateCompilerTests {
    static let page = TestPage(
        title: "A <b> & \"c\"", root: "../../", body: "<p>Body</p>",
        cards: [
            TestCard(title: "One", isDraft: true, chips: [TestChip(label: "x", url: "x/"), TestChip(label: "y", url: "y/")]),
            TestCard(title: "Two", isDraft: false, chips: []),
        ], aliases: ["Al", "Bo"], pager: TestPager(prev: nil, next: TestChip(label: "2", url: "page/2/")), hasCards: true)

    static func compile(_ templates: [String: String], _ name: String = "t") throws -> TemplateRenderer<TestPage> {
        var parsed: [String: (nodes: [MustacheNode], path: String)] = [:]
        for (key, text) in templates { parsed[key] = (try MustacheParser.parse(text), "Templates/\(key).mustache") }
        return try TemplateCompiler(templates: parsed).compile(name, for: TestPage.self)
    }

    static let cases: [[String: String]] = [
        ["t": "<h1>{{title}}</h1>{{{body}}}{{&title}}"],
        ["t": "{{#cards}}<li>{{title}} in {{root}}{{#isDraft}} (draft){{/isDraft}}{{^isDraft}} ok{{/isDraft}}{{#chips}}[{{label}}: {{title}}]{{/chips}}</li>\n{{/cards}}"],
        ["t": "{{#aliases}}{{.}}, {{/aliases}}{{^aliases}}none{{/aliases}}"],
        ["t": "{{#pager}}{{#prev}}<a href=\"{{url}}\">prev</a>{{/prev}}{{#next}}<a href=\"{{url}}\">{{label}}</a>{{/next}}{{/pager}} {{pager.next.url}}|{{pager.prev.url}}|"],
        ["t": "{{#hasCards}}\n  {{#cards}}\n  {{title}}\n  {{/cards}}\n{{/hasCards}}\n{{^hasCards}}\nno\n{{/hasCards}}\n"],
        ["t": "{{<layout}}\n{{$content}}\n<p>{{title}}</p>\n{{/content}}\n{{/layout}}\n", "layout": "<main>\n{{$content}}default{{/content}}\n</main>\n{{$foot}}<footer>{{root}}</footer>{{/foot}}\n"],
        ["t": "a\n  {{>card}}\nb {{>card}}", "card": "<c>{{title}}</c>\n<d>\n"],
        ["t": "{{#cards}}{{>chips}}{{/cards}}", "chips": "{{#chips}}{{label}}{{/chips}}|"],
        ["t": "{{=<% %>=}}<% title %><%={{ }}=%>{{root}}{{! a comment }}"],
        ["t": "{{#title}}[{{.}}]{{/title}}{{^body}}no body{{/body}}"],
        // `.` is the item: a model item has no text of its own, whatever the outer `.` is.
        ["t": "{{#aliases}}{{#cards}}({{.}}){{/cards}}{{/aliases}}"],
    ]

    /// Every case renders what the interpreter (the spec's semantics) renders from the same
    /// values.
    @Test(arguments: 0..<cases.count)
    func compiledRendersAsTheInterpreter(index: Int) throws {
        let templates = Self.cases[index]
        let render = try Self.compile(templates)
        var compiled = ""
        render(Self.page, &compiled)
        var partials = templates
        let main = partials.removeValue(forKey: "t")!
        let interpreted = try MustacheInterpreter(partials: partials).render(main, TestPage.schema.value(of: Self.page))
        #expect(compiled == interpreted)
        #expect(!compiled.isEmpty)
    }

    @Test func exactOutput() throws {
        let render = try Self.compile(["t": "{{#cards}}<li>{{title}}{{#chips}} <a href=\"{{root}}{{url}}\">{{label}}</a>{{/chips}}</li>\n{{/cards}}{{title}}"])
        var out = ""
        render(Self.page, &out)
        #expect(out == "<li>One <a href=\"../../x/\">x</a> <a href=\"../../y/\">y</a></li>\n<li>Two</li>\nA &lt;b&gt; &amp; &quot;c&quot;")
    }

    /// The problem compiling `templates` gives (nil when they compile).
    static func problem(_ templates: [String: String]) throws -> TemplateProblem? {
        do {
            _ = try compile(templates)
            return nil
        } catch let problem as TemplateProblem {
            return problem
        }
    }

    /// A name no model in scope has is an error at its own line and column, in the file it is
    /// in (a partial's own), with the nearest names.
    @Test func aMisspeltNameIsAnErrorAtItsPlace() throws {
        let inPartial = try #require(
            try Self.problem(["t": "<h1>{{title}}</h1>\n{{#cards}}\n  {{>card}}\n{{/cards}}", "card": "<p>\n  {{titel}}</p>"]))
        #expect(inPartial.path == "Templates/card.mustache")
        #expect(inPartial.line == 2 && inPartial.column == 3)
        #expect(inPartial.message == "'titel' is not a value this template can read here (card)")
        #expect(inPartial.hint == "did you mean 'title'?")
        let dotted = try #require(try Self.problem(["t": "{{pager.nxt.url}}"]))
        #expect(dotted.message == "'pager.nxt.url': pager has no 'nxt'")
        #expect(dotted.hint == "did you mean 'next'?")
        let list = try #require(try Self.problem(["t": "{{cards}}"]))
        #expect(list.message == "'cards' is a list or a model: show it with a section, {{#cards}}…{{/cards}}")
        #expect(try Self.problem(["t": "{{title}}"]) == nil)
        // A dotted name into a list would read its first item only (Mustache gives nothing).
        let intoList = try #require(try Self.problem(["t": "{{cards.title}}"]))
        #expect(intoList.message == "'cards' is a list: 'cards.title' would read only its first item")
        #expect(intoList.hint == "read its items' values inside {{#cards}}…{{/cards}}")
    }

    /// A tag left open (`{{#name}`) is an error at the tag, not at the next closing braces
    /// lines later; a name with a space in it is not a name.
    @Test func anUnfinishedTagIsAnErrorWhereItOpens() {
        #expect(throws: MustacheSyntaxError(message: "unfinished tag: expected '}}' before the end of its line", position: MustachePosition(line: 2, column: 3))) {
            try MustacheParser.parse("<p>\n  {{#hasTOC}\n  <ol>{{#toc}}{{/toc}}</ol>\n{{/hasTOC}}")
        }
        #expect(throws: MustacheSyntaxError(message: "'a b' is not a name: a name has no spaces", position: MustachePosition(line: 1, column: 1))) {
            try MustacheParser.parse("{{ a b }}")
        }
    }

    @Test func aPartialThatIncludesItselfIsAnError() throws {
        #expect(throws: TemplateProblem.self) { try Self.compile(["t": "{{>p}}", "p": "x{{>p}}"]) }
    }
}
