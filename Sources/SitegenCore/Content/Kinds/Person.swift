/// `Content/people/<slug>.md`: a profile.
public struct Person: SchemaDocument {
    public var prose: [ProseText] = []
    public var computedFigures: [String] = []
    public let slug: String
    public let name: String
    public let role: String
    public let summary: String
    public let country: String?
    public let affiliations: [ContentReference]
    public let aliases: [String]
    public let quotes: [Quote]
    public let citations: [Citation]
    public let updates: [Update]
    public let body: MarkdownSource

    public static let kind = ContentKind.person
    static let noun = "a profile"
    static let keys = ["name", "role", "summary", "country", "affiliations", "aliases", "quotes", "sources", "updates"]

    public var label: String { name }
    public var references: [ContentReference] { affiliations }

    static func read(_ r: inout FrontMatterReader, slug: String, body: MarkdownSource) -> Person? {
        let name = r.text("name", required: true).map(Typography.smartQuotes)
        let role = r.prose("role", required: true)
        let summary = r.prose("summary", required: true)
        let country = r.text("country")
        let affiliations = r.references("affiliations", to: .organization)
        let aliases = r.texts("aliases")
        let quotes = r.quotes()
        let sources = r.citations()
        let updates = r.updates()
        guard let name, let role, let summary, !r.failed else { return nil }
        return Person(
            slug: slug, name: name, role: role, summary: summary, country: country, affiliations: affiliations,
            aliases: aliases, quotes: quotes, citations: sources, updates: updates, body: body)
    }

    static func scaffold(name: String, date: PartialDate) -> (lines: [String], body: String) {
        (
            [
                "name: \(name)",
                "role: Their role, as the source gives it",
                "summary: One sentence on who they are in this story.",
                "# affiliations: [organization-slug]   # optional: country, aliases, quotes, sources",
            ],
            "Who they are, from the sources.\n"
        )
    }
}
