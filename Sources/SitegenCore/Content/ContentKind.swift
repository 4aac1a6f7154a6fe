/// The kinds of content file, each in its own folder of `Content/`.
///
/// `entry` is the table of kinds, in the order of the site's navigation and sitemap: a kind's folder, its document type (model and schema, in
/// `Content/Kinds/`), its list page and where its bodies are kept. Loading, parsing, the graph,
/// page jobs and `sitegen new` read this table; the render stage's `PageRenderer.page(for:)`
/// and `listPage(_:)` give each kind's page and list page.
public enum ContentKind: String, Sendable, CaseIterable, Hashable, Comparable {
    case site
    case brief
    case event
    case person
    case organization
    case topic
    case page
    case source

    struct Entry {
        /// The folder under `Content/`, which is also the URL section (`/people/<slug>/`).
        let folder: String
        /// The document type files of the kind are read into; nil for `site.md`.
        let type: (any SchemaDocument.Type)?
        /// The kind's list page, as `@` links name it (`@timeline`) and its URL section; nil
        /// when the kind has none. Its template has the same name.
        let list: String?
        /// Bodies kept in the scratch file rather than memory until their page is written:
        /// every kind's but the home page's introduction (at 30,000 events, their bodies
        /// were 38 MB).
        var keepsBodyOnDisk = true
        /// Whether the body is Markdown, rendered by cmark-gfm; a source document's body is
        /// its text as received, checked against quotes and never rendered as Markdown.
        var bodyIsMarkdown = true
    }

    var entry: Entry {
        switch self {
        case .site: Entry(folder: "", type: nil, list: nil, keepsBodyOnDisk: false)
        case .brief: Entry(folder: "briefs", type: Brief.self, list: "briefs")
        case .event: Entry(folder: "events", type: Event.self, list: "timeline")
        case .person: Entry(folder: "people", type: Person.self, list: "people")
        case .organization: Entry(folder: "organizations", type: Organization.self, list: "organizations")
        case .topic: Entry(folder: "topics", type: Topic.self, list: "topics")
        case .page: Entry(folder: "pages", type: Page.self, list: nil)
        case .source: Entry(folder: "sources", type: SourceDocument.self, list: "sources", bodyIsMarkdown: false)
        }
    }

    /// The folder under `Content/`, which is also the URL section (`/people/<slug>/`).
    public var folder: String { entry.folder }

    /// The kinds of files under `Content/`'s folders (all but `site`), in table order.
    public static let documentKinds = allCases.filter { $0 != .site }

    /// The kind whose folder (as written in an `@` reference or front matter) is `folder`.
    public init?(folder: String) {
        guard let kind = Self.documentKinds.first(where: { $0.folder == folder }) else { return nil }
        self = kind
    }

    public static func < (lhs: ContentKind, rhs: ContentKind) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
