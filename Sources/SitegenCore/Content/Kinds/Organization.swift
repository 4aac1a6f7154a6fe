public enum OrganizationKind: String, Sendable, CaseIterable {
    case party, government, legislature, court, agency, outlet, group

    public var label: String {
        switch self {
        case .party: "Political party"
        case .government: "Government"
        case .legislature: "Legislature"
        case .court: "Court"
        case .agency: "Agency"
        case .outlet: "News outlet"
        case .group: "Group"
        }
    }
}

/// `Content/organizations/<slug>.md`: a party, institution, agency, outlet or group.
public struct Organization: SchemaDocument {
    public var prose: [ProseText] = []
    public var computedFigures: [String] = []
    public let slug: String
    public let name: String
    public let shortName: String?
    public let kind: OrganizationKind
    public let country: String?
    public let summary: String
    public let citations: [Citation]
    public let updates: [Update]
    public let body: MarkdownSource

    public static let kind = ContentKind.organization
    static let noun = "an organization"
    static let keys = ["name", "short-name", "kind", "country", "summary", "sources", "updates"]

    public var label: String { name }
    public var references: [ContentReference] { [] }

    static func read(_ r: inout FrontMatterReader, slug: String, body: MarkdownSource) -> Organization? {
        let name = r.text("name", required: true).map(Typography.smartQuotes)
        let shortName = r.text("short-name").map(Typography.smartQuotes)
        let kind = r.choice("kind", as: OrganizationKind.self, required: true)
        let country = r.text("country")
        let summary = r.prose("summary", required: true)
        let sources = r.citations()
        let updates = r.updates()
        guard let name, let kind, let summary, !r.failed else { return nil }
        return Organization(
            slug: slug, name: name, shortName: shortName, kind: kind, country: country, summary: summary,
            citations: sources, updates: updates, body: body)
    }

    static func scaffold(name: String, date: PartialDate) -> (lines: [String], body: String) {
        (
            [
                "name: \(name)",
                "kind: group                    # party, government, legislature, court, agency, outlet or group",
                "summary: One sentence on what it is.",
                "# short-name: ABC              # optional: country, sources",
            ],
            "What it is and its part in the story.\n"
        )
    }
}
