import Testing

@testable import SitegenCore

/// Parses one file of `kind` (with the given front matter lines) through the schema.
private func parse(_ kind: ContentKind, _ frontMatter: String, includeDrafts: Bool = false) -> (
    ContentSet, [Diagnostic], Marked
) {
    let marked = Marked("---\n\(frontMatter)\n---\nBody.\n")
    let file = ContentFile(
        kind: kind, slug: "test", source: SourceFile(path: "Content/\(kind.folder)/test.md", text: marked.text))
    let loaded = LoadedContent(site: nil, files: [file], diagnostics: [])
    let (set, diagnostics) = parseContent(loaded, includeDrafts: includeDrafts)
    return (set, diagnostics, marked)
}

struct SchemaErrorCase: CustomTestStringConvertible, Sendable {
    let name: String
    let kind: ContentKind
    let frontMatter: String
    let code: String
    let hint: String?
    var testDescription: String { name }
}

@Suite("Schemas: types come from the content model")
struct ContentSchemaTests {
    static let brief = "title: T\nsummary: S\ndate: 2025-08-30\nkind: explainer"

    static let errors: [SchemaErrorCase] = [
        .init(
            name: "misspelt key suggests the nearest", kind: .brief,
            frontMatter: "title: T\n1️⃣sumary: S\ndate: 2025-08-30\nkind: news", code: "frontmatter.unknown-key",
            hint: "did you mean 'summary'?"),
        .init(
            name: "missing required key", kind: .topic, frontMatter: "1️⃣title: T", code: "frontmatter.missing-key",
            hint: "add 'summary: …' to the front matter"),
        .init(
            name: "month 13", kind: .event, frontMatter: "title: T\ndate: 1️⃣2025-13-45",
            code: "frontmatter.invalid-date", hint: "write YYYY-MM-DD, YYYY-MM (month precision) or YYYY"),
        .init(
            name: "February 30", kind: .event, frontMatter: "title: T\ndate: 1️⃣2025-02-30",
            code: "frontmatter.invalid-date", hint: nil),
        .init(
            name: "date without zero padding", kind: .event, frontMatter: "title: T\ndate: 1️⃣2025-8-1",
            code: "frontmatter.invalid-date", hint: "write YYYY-MM-DD, YYYY-MM (month precision) or YYYY"),
        .init(
            name: "'yes' is not a boolean", kind: .page, frontMatter: "title: T\nsummary: S\nmenu: 1️⃣yes",
            code: "frontmatter.invalid-bool",
            hint: "write 'true'; YAML 1.1 readers take 'yes' as true, YAML 1.2 readers as text"),
        .init(
            name: "quoted true is not a boolean", kind: .page, frontMatter: "title: T\nsummary: S\nmenu: 1️⃣\"true\"",
            code: "frontmatter.invalid-bool", hint: "write true or false, without quotes"),
        .init(
            name: "unknown brief kind", kind: .brief,
            frontMatter: "title: T\nsummary: S\ndate: 2025-08-30\nkind: 1️⃣analisis", code: "frontmatter.invalid-choice",
            hint: "did you mean 'analysis'? one of: explainer, analysis, news, backgrounder"),
        .init(
            name: "URL must be http or https", kind: .source,
            frontMatter: "title: T\npublisher: P\nkind: report\nurl: 1️⃣ftp://example.org/x",
            code: "frontmatter.invalid-url", hint: "write the full address, e.g. https://example.org/mexico/"),
        .init(
            name: "slug list holds slugs", kind: .event,
            frontMatter: "title: T\ndate: 2025-08-27\npeople: [1️⃣Gerardo Fernández Noroña]",
            code: "frontmatter.invalid-slug", hint: "did you mean 'gerardo-fernandez-norona'?"),
        .init(
            name: "a list where one value is expected", kind: .topic, frontMatter: "title: 1️⃣[a, b]\nsummary: S",
            code: "frontmatter.type", hint: nil),
        .init(
            name: "one value where a list is expected", kind: .event,
            frontMatter: "title: T\ndate: 2025-08-27\npeople: 1️⃣marco-rubio", code: "frontmatter.type",
            hint: "write 'people: [marco-rubio]' or list items below it as '  - marco-rubio'"),
        .init(
            name: "citation without a document", kind: .event,
            frontMatter: "title: T\ndate: 2025-08-27\nsources:\n  - 1️⃣note: X", code: "frontmatter.missing-key",
            hint: "add 'document: …' to the front matter"),
        .init(
            name: "a citation in the old form, with a publisher", kind: .brief,
            frontMatter: "title: T\nsummary: S\ndate: 2025-08-30\nkind: news\nsources:\n  - 1️⃣publisher: AP",
            code: "frontmatter.citation",
            hint: "write '- document: <slug of Content/sources/…>' and, for an outlet the document credits, 'reported-by: <organization>'"),
        .init(
            name: "a quote names its document", kind: .person,
            frontMatter: "name: N\nrole: R\nsummary: S\nquotes:\n  - 1️⃣text: Q.", code: "frontmatter.missing-key",
            hint: "add 'source: …' to the front matter"),
        .init(
            name: "an update's kind", kind: .topic,
            frontMatter: "title: T\nsummary: S\nupdates:\n  - date: 2025-09-01\n    kind: 1️⃣corection\n    note: N.",
            code: "frontmatter.invalid-choice", hint: "did you mean 'correction'? one of: correction, update, clarification"),
        .init(
            name: "source document kind", kind: .source,
            frontMatter: "title: T\npublisher: unknown\nkind: 1️⃣reprot", code: "frontmatter.invalid-choice",
            hint: "did you mean 'report'? one of: report, transcript, statement, dataset, other"),
        .init(
            name: "end before date", kind: .event, frontMatter: "title: T\ndate: 2025-09-04\nend: 1️⃣2025-09-02",
            code: "frontmatter.invalid-end",
            hint: "'end' is the last day of an event that spans days; both need day precision"),
    ]

    @Test(arguments: errors)
    func reports(_ c: SchemaErrorCase) throws {
        let (_, diagnostics, marked) = parse(c.kind, c.frontMatter)
        let first = try #require(diagnostics.first)
        #expect(diagnostics.count == 1, "\(diagnostics.map(DiagnosticFormatter.format))")
        #expect(first.code == c.code)
        #expect(first.position?.line == marked.line)
        #expect(first.position?.column == marked.column)
        if let hint = c.hint { #expect(first.hint == hint) }
    }

    @Test func unknownKeyInASourceSuggestsItsOwnKeys() throws {
        let (_, diagnostics, _) = parse(
            .event, "title: T\ndate: 2025-08-27\nsources:\n  - document: ap-report\n    notes: X")
        let d = try #require(diagnostics.first)
        #expect(d.code == "frontmatter.unknown-key")
        #expect(d.message == "unknown key 'notes' in a citation")
        #expect(d.hint == "did you mean 'note'?")
        #expect(d.position?.line == 6)
        #expect(d.position?.column == 5)
    }

    @Test func aBriefIsReadWithEveryField() throws {
        let (set, diagnostics, _) = parse(
            .brief,
            """
            title: "What is at stake: Rubio's visit"
            summary: >
              Two lines
              folded.
            date: 2025-08
            updated: 2025-08-30
            kind: analysis
            people: [marco-rubio]
            topics:
              - us-troops
            featured: true
            sources:
              - document: border-report-article
                reported-by: border-report
                note: The trip.
              - wire
            """)
        #expect(diagnostics.isEmpty)
        let brief = try #require(set.briefs.first)
        #expect(brief.title == "What is at stake: Rubio’s visit", "straight quotes become typographic ones")
        #expect(brief.summary == "Two lines folded.")
        #expect(brief.date == PartialDate(year: 2025, month: 8))
        #expect(brief.date.precision == .month)
        #expect(brief.kind == .analysis)
        #expect(brief.people.map(\.slug) == ["marco-rubio"])
        #expect(brief.topics.map(\.slug) == ["us-troops"])
        #expect(brief.isFeatured)
        #expect(brief.citations.map(\.document.slug) == ["border-report-article", "wire"])
        #expect(brief.citations.map { $0.reportedBy?.slug } == ["border-report", nil])
        #expect(brief.citations.map(\.note) == ["The trip.", nil])
        #expect(brief.body.startLine == 19)
    }

    @Test func draftsAreLeftOutUnlessAsked() {
        let draft = Self.brief + "\ndraft: true"
        #expect(parse(.brief, draft).0.briefs.isEmpty)
        #expect(!parse(.brief, draft).0.exists(DocumentID(.brief, "test")))
        #expect(parse(.brief, draft, includeDrafts: true).0.briefs.count == 1)
    }

    @Test func pageSlugsCannotTakeASection() {
        let file = ContentFile(
            kind: .page, slug: "timeline",
            source: SourceFile(path: "Content/pages/timeline.md", text: "---\ntitle: T\nsummary: S\n---\n"))
        let (_, diagnostics) = parseContent(LoadedContent(site: nil, files: [file], diagnostics: []), includeDrafts: false)
        #expect(diagnostics.map(\.code) == ["content.reserved-slug"])
    }
}

@Suite("Partial dates keep their precision")
struct PartialDateTests {
    @Test(arguments: [
        ("2025-08-27", "August 27, 2025", "2025-08-27"), ("2025-08", "August 2025", "2025-08"),
        ("2025", "2025", "2025"),
        ("2024-02-29", "February 29, 2024", "2024-02-29"),
    ])
    func parsesAndShows(_ text: String, _ shown: String, _ iso: String) throws {
        let date = try PartialDate.parse(text).get()
        #expect(date.displayText == shown)
        #expect(date.iso == iso)
    }

    @Test(arguments: ["2025-02-29", "2025-13", "2025-00-10", "25-08-27", "2025-08-27T10:00", "", "2025/08/27"])
    func rejects(_ text: String) {
        #expect(throws: PartialDate.ParseError.self) { try PartialDate.parse(text).get() }
    }

    @Test func aMonthSortsBeforeItsDays() {
        let month = PartialDate(year: 2025, month: 8)
        let day = PartialDate(year: 2025, month: 8, day: 1)
        #expect(month < day)
        #expect(day < PartialDate(year: 2025, month: 9))
    }

    @Test func rangesShowAsOneSpan() {
        let start = PartialDate(year: 2025, month: 9, day: 2)
        #expect(DateTexts(start, end: PartialDate(year: 2025, month: 9, day: 4)).text == "September 2–4, 2025")
        #expect(DateTexts(PartialDate(year: 2025, month: 8, day: 30), end: start).text == "August 30–September 2, 2025")
    }
}

@Suite("Timeline lines")
struct TimelineLineTests {
    @Test func shortTextIsKept() {
        #expect(PageParts.line("A short line.") == "A short line.")
    }

    @Test func longTextIsCutAtAWord() {
        let text = "At a news conference in Mexico City, U.S. Senator Ted Cruz called on Mexico to adopt a crackdown"
        #expect(PageParts.line(text, limit: 40) == "At a news conference in Mexico City…")
    }

    @Test func aCutNeverFallsInsideAQuotation() {
        let text = "In an unusual show of unity, they issued a statement: “We, the governors of the Fourth Transformation, stand with our president.”"
        #expect(PageParts.line(text, limit: 90) == "In an unusual show of unity, they issued a statement…")
        let straight = "He said \"this is a long quotation that goes on and on\" and left."
        #expect(PageParts.line(straight, limit: 30) == "He said…")
        // Opening with the quotation: the whole text, rather than half a quote.
        let opening = "“We will never sign something that violates our sovereignty,” she said."
        #expect(PageParts.line(opening, limit: 30) == opening)
        // A closed quotation before the cut is fine.
        let closed = "She said “no” to the offer made by the senator at a news conference"
        #expect(PageParts.line(closed, limit: 40) == "She said “no” to the offer made by the…")
    }
}

@Suite("Typographic quotes in front matter text")
struct TypographyTests {
    @Test(arguments: [
        ("Alpha & the \"first\" brief", "Alpha & the “first” brief"), ("Rubio's visit", "Rubio’s visit"),
        ("'Alito' Moreno", "‘Alito’ Moreno"), ("U.S. \"assistance\" (on 'Fox')", "U.S. “assistance” (on ‘Fox’)"),
        ("no quotes at all", "no quotes at all"), ("the '90s", "the ‘90s"),
    ])
    func quotes(_ text: String, _ expected: String) {
        #expect(Typography.smartQuotes(text) == expected)
    }
}
