public enum BriefKind: String, Sendable, CaseIterable {
    case explainer, analysis, news, backgrounder

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }
}

/// `Content/briefs/<slug>.md`: an article of the explainer.
public struct Brief: SchemaDocument {
    public var prose: [ProseText] = []
    public var computedFigures: [String] = []
    /// The front matter's values, in one object: a brief is copied often (out of the graph,
    /// into page models), and a copy then costs one reference, not one per value.
    private let values: Values

    public var slug: String { values.slug }
    public var title: String { values.title }
    public var summary: String { values.summary }
    public var date: PartialDate { values.date }
    public var updated: PartialDate? { values.updated }
    public var kind: BriefKind { values.kind }
    public var people: [ContentReference] { values.people }
    public var organizations: [ContentReference] { values.organizations }
    public var topics: [ContentReference] { values.topics }
    public var events: [ContentReference] { values.events }
    public var citations: [Citation] { values.citations }
    /// The image the brief is shared with (`og:image`), instead of the site's.
    public var image: String? { values.image }
    public var isFeatured: Bool { values.isFeatured }
    public var isDraft: Bool { values.isDraft }
    public var updates: [Update] { values.updates }
    public var body: MarkdownSource { values.body }

    final class Values: Sendable {
        let slug: String
        let title: String
        let summary: String
        let date: PartialDate
        let updated: PartialDate?
        let kind: BriefKind
        let people: [ContentReference]
        let organizations: [ContentReference]
        let topics: [ContentReference]
        let events: [ContentReference]
        let citations: [Citation]
        let image: String?
        let isFeatured: Bool
        let isDraft: Bool
        let updates: [Update]
        let body: MarkdownSource

        init(
            slug: String, title: String, summary: String, date: PartialDate, updated: PartialDate?,
            kind: BriefKind, people: [ContentReference], organizations: [ContentReference],
            topics: [ContentReference], events: [ContentReference], citations: [Citation], image: String?,
            isFeatured: Bool, isDraft: Bool, updates: [Update], body: MarkdownSource
        ) {
            self.slug = slug
            self.title = title
            self.summary = summary
            self.date = date
            self.updated = updated
            self.kind = kind
            self.people = people
            self.organizations = organizations
            self.topics = topics
            self.events = events
            self.citations = citations
            self.image = image
            self.isFeatured = isFeatured
            self.isDraft = isDraft
            self.updates = updates
            self.body = body
        }
    }

    init(
        slug: String, title: String, summary: String, date: PartialDate, updated: PartialDate?, kind: BriefKind,
        people: [ContentReference], organizations: [ContentReference], topics: [ContentReference],
        events: [ContentReference], citations: [Citation], image: String?, isFeatured: Bool, isDraft: Bool,
        updates: [Update], body: MarkdownSource
    ) {
        values = Values(
            slug: slug, title: title, summary: summary, date: date, updated: updated, kind: kind,
            people: people, organizations: organizations, topics: topics, events: events, citations: citations,
            image: image, isFeatured: isFeatured, isDraft: isDraft, updates: updates, body: body
        )
    }

    public static let kind = ContentKind.brief
    static let noun = "a brief"
    static let keys = [
        "title", "summary", "date", "updated", "kind", "people", "organizations", "topics", "events", "sources",
        "featured", "draft", "updates", "image",
    ]

    public var label: String { title }

    /// The date the page shows as "Updated": `updated`, or the latest of `updates` if later.
    public var lastUpdated: PartialDate? { ([updated].compactMap { $0 } + updates.map(\.date)).max() }
    public var references: [ContentReference] { people + organizations + topics + events }

    static func read(_ r: inout FrontMatterReader, slug: String, body: MarkdownSource) -> Brief? {
        let title = r.prose("title", required: true)
        let summary = r.prose("summary", required: true)
        let date = r.date("date", required: true)
        let updated = r.date("updated")
        let kind = r.choice("kind", as: BriefKind.self, required: true)
        let people = r.references("people", to: .person)
        let organizations = r.references("organizations", to: .organization)
        let topics = r.references("topics", to: .topic)
        let events = r.references("events", to: .event)
        let sources = r.citations()
        let image = r.url("image")
        let featured = r.bool("featured")
        let draft = r.bool("draft")
        let updates = r.updates()
        // A page cannot be updated before it was published.
        if let date {
            var dates: [PartialDate] = updates.map(\.date)
            if let updated { dates.insert(updated, at: 0) }
            let start: PartialDate = date.firstDay
            if let early = dates.first(where: { (d: PartialDate) -> Bool in d.lastDay < start }) {
                let key: String = (updated != nil && updated! == early) ? "updated" : "updates"
                if let entry = r.map[key] {
                    r.report(
                        "frontmatter.update-before-date",
                        "an update dated \(early.iso) is before the brief's date, \(date.iso)", line: entry.line,
                        column: entry.column, hint: "an update's date is when the page changed, after it was published")
                }
            }
        }
        guard let title, let summary, let date, let kind, !r.failed else { return nil }
        return Brief(
            slug: slug, title: title, summary: summary, date: date, updated: updated, kind: kind, people: people,
            organizations: organizations, topics: topics, events: events, citations: sources, image: image, isFeatured: featured,
            isDraft: draft, updates: updates, body: body)
    }

    static func scaffold(name: String, date: PartialDate) -> (lines: [String], body: String) {
        (
            [
                "title: \(name)",
                "summary: One sentence that says what this brief explains.",
                "date: \(date.iso)",
                "kind: explainer                # explainer, analysis, news or backgrounder",
                "draft: true                    # shown only with --drafts; delete this line to publish",
                "# people: [slug, …]            # optional: organizations, topics, events, sources, featured, updated",
            ],
            "Write the brief here. Link to a person with `[their name](@people/slug)`.\n"
        )
    }
}
