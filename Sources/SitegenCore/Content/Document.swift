/// Which document: its kind and its slug. Bodies, pages, backlinks and changes are keyed by
/// it; `site.md` is `DocumentID.site`.
public struct DocumentID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let kind: ContentKind
    public let slug: String

    public init(_ kind: ContentKind, _ slug: String) {
        self.kind = kind
        self.slug = slug
    }

    public static let site = DocumentID(.site, "")

    /// `people/marco-rubio`, as an `@` reference names it; `site.md` for the site.
    public var description: String { kind == .site ? "site.md" : "\(kind.folder)/\(slug)" }

    /// The document's page, from the site root.
    public var path: String { ContentURL.path(kind, slug) }

    public static func < (a: DocumentID, b: DocumentID) -> Bool { (a.kind.folder, a.slug) < (b.kind.folder, b.slug) }
}

/// One content file read by its kind's schema. Each kind's file under `Content/Kinds/` is its
/// model, its schema (`keys`, `read`) and what `sitegen new` writes for it; `ContentKind`
/// names the type of each kind. Loading, parsing, bodies, references, backlinks and page jobs
/// work on any `Document`.
public protocol Document: Sendable {
    static var kind: ContentKind { get }

    var slug: String { get }
    var body: MarkdownSource { get }
    /// What cards, chips and alphabetical orders show: a title or a name.
    var label: String { get }
    /// The people, organizations, topics and events named in front matter (not its citations).
    var references: [ContentReference] { get }
    /// The source documents the page relies on (`sources:`).
    var citations: [Citation] { get }
    /// Quotes in front matter, each from a source document.
    var quotes: [Quote] { get }
    /// Corrections, updates and clarifications since the page was published, in file order.
    var updates: [Update] { get }
    /// Left out of builds without `--drafts`.
    var isDraft: Bool { get }
    /// The front-matter texts the reader sees, where they are (`FrontMatterReader.prose`).
    var prose: [ProseText] { get }
    /// Figures the page works out itself (`computed:`), which no document need have.
    var computedFigures: [String] { get }
}

extension Document {
    public var id: DocumentID { DocumentID(Self.kind, slug) }
    public var isDraft: Bool { false }
    public var citations: [Citation] { [] }
    public var quotes: [Quote] { [] }
    public var updates: [Update] { [] }

    /// Every document named in front matter: references, cited documents, the outlets they
    /// credit and the documents quotes come from.
    public var allReferences: [ContentReference] {
        references + citations.flatMap { [$0.document] + ($0.reportedBy.map { [$0] } ?? []) }
            + quotes.flatMap { [$0.source] + ($0.reportedBy.map { [$0] } ?? []) }
    }
}

/// A document type with its schema: what the parse stage and `sitegen new` need of a kind.
protocol SchemaDocument: Document {
    /// Set by the parse stage from what the reader read.
    var prose: [ProseText] { get set }
    var computedFigures: [String] { get set }
    /// "a brief": how errors name a file of this kind.
    static var noun: String { get }
    /// Every front matter key the schema knows.
    static var keys: [String] { get }
    /// The document from its front matter, or nil when a required value is missing or wrong
    /// (the reader then holds the errors).
    static func read(_ r: inout FrontMatterReader, slug: String, body: MarkdownSource) -> Self?
    /// The front matter lines and body of a new file (`sitegen new`).
    static func scaffold(name: String, date: PartialDate) -> (lines: [String], body: String)
}
