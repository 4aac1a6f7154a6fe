/// `Content/pages/<slug>.md`: a page at the site's root (`/about/`).
public struct Page: SchemaDocument {
    public var prose: [ProseText] = []
    public var computedFigures: [String] = []
    public let slug: String
    public let title: String
    public let summary: String
    public let isInMenu: Bool
    public let citations: [Citation]
    public let updates: [Update]
    public let body: MarkdownSource

    public static let kind = ContentKind.page
    static let noun = "a page"
    static let keys = ["title", "summary", "menu", "sources", "updates"]

    public var label: String { title }
    public var references: [ContentReference] { [] }

    /// Names at the site's root that are not free for pages: every kind's folder and list
    /// page, and the files every build writes.
    static var reservedSlugs: Set<String> {
        Set(ContentKind.documentKinds.flatMap { [$0.folder, $0.entry.list].compactMap { $0 } }).subtracting([""])
            .union(["assets", "corrections", "feed", "sitemap", "404"])
    }

    static func read(_ r: inout FrontMatterReader, slug: String, body: MarkdownSource) -> Page? {
        if reservedSlugs.contains(slug) {
            r.report(
                "content.reserved-slug", "page slug '\(slug)' is a section of the site", line: 1, column: 1,
                hint: "rename the file; \(reservedSlugs.sorted().joined(separator: ", ")) are taken")
        }
        let title = r.prose("title", required: true)
        let summary = r.prose("summary", required: true)
        let menu = r.bool("menu")
        let sources = r.citations()
        let updates = r.updates()
        guard let title, let summary, !r.failed else { return nil }
        return Page(slug: slug, title: title, summary: summary, isInMenu: menu, citations: sources, updates: updates, body: body)
    }

    static func scaffold(name: String, date: PartialDate) -> (lines: [String], body: String) {
        (["title: \(name)", "summary: One sentence on what this page is for.", "# menu: true"], "The page's text.\n")
    }
}
