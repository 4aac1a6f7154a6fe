public enum SourceDocumentKind: String, Sendable, CaseIterable {
    case report, transcript, statement, dataset, other

    public var label: String {
        switch self {
        case .report: "Report"
        case .transcript: "Transcript"
        case .statement: "Statement"
        case .dataset: "Dataset"
        case .other: "Document"
        }
    }
}

/// `Content/sources/<slug>.md`: a document the site relies on, with its text as received as
/// the body. Quotes are checked against that text (`QuoteCheck`); it is published only with
/// `publish-text: true`, as most texts may not be republished.
public struct SourceDocument: SchemaDocument {
    public var prose: [ProseText] = []
    public var computedFigures: [String] = []
    public let slug: String
    public let title: String
    /// Nil when the document does not say who published it (`publisher: unknown`).
    public let publisher: String?
    public let author: String?
    /// Nil when the document carries no date.
    public let date: PartialDate?
    public let url: String?
    public let kind: SourceDocumentKind
    public let publishesText: Bool
    /// The text as received: not Markdown, never rendered as such.
    public let body: MarkdownSource

    public static let kind = ContentKind.source
    static let noun = "a source document"
    static let keys = ["title", "publisher", "author", "date", "url", "kind", "publish-text"]

    public var label: String { title }
    public var references: [ContentReference] { [] }

    static func read(_ r: inout FrontMatterReader, slug: String, body: MarkdownSource) -> SourceDocument? {
        let title = r.prose("title", required: true)
        let publisher = r.text("publisher", required: true)
        let author = r.text("author")
        let date = r.date("date")
        let url = r.url("url")
        let kind = r.choice("kind", as: SourceDocumentKind.self, required: true)
        let publishesText = r.bool("publish-text")
        guard let title, let publisher, let kind, !r.failed else { return nil }
        return SourceDocument(
            slug: slug, title: title, publisher: publisher == "unknown" ? nil : publisher, author: author,
            date: date, url: url, kind: kind, publishesText: publishesText, body: body)
    }

    static func scaffold(name: String, date: PartialDate) -> (lines: [String], body: String) {
        (
            [
                "title: \(name)",
                "publisher: unknown             # who published it, or unknown when the document does not say",
                "kind: report                   # report, transcript, statement, dataset or other",
                "# date: \(date.iso)            # only a date the document itself gives; optional: author, url",
                "# publish-text: true           # show the text on the site: only when it may be republished",
            ],
            "Paste the document's text here, exactly as received: quotes are checked against it.\n"
        )
    }
}
