/// `Content/events/<slug>.md`: a dated event, a row of the timeline.
public struct Event: SchemaDocument {
    public var prose: [ProseText] = []
    public var computedFigures: [String] = []
    /// The front matter's values, in one object: a event is copied often (out of the graph,
    /// into page models), and a copy then costs one reference, not one per value.
    private let values: Values

    public var slug: String { values.slug }
    public var title: String { values.title }
    /// The event's line on the timeline and home page; its lead paragraph, cut, when absent.
    public var summary: String? { values.summary }
    public var date: PartialDate { values.date }
    public var end: PartialDate? { values.end }
    public var location: String? { values.location }
    public var people: [ContentReference] { values.people }
    public var organizations: [ContentReference] { values.organizations }
    public var topics: [ContentReference] { values.topics }
    /// Events this one is known to follow: orders events whose dates are imprecise
    /// (a month-precision "aftermath" event after the day it followed).
    public var after: [ContentReference] { values.after }
    public var citations: [Citation] { values.citations }
    public var updates: [Update] { values.updates }
    public var body: MarkdownSource { values.body }

    final class Values: Sendable {
        let slug: String
        let title: String
        let summary: String?
        let date: PartialDate
        let end: PartialDate?
        let location: String?
        let people: [ContentReference]
        let organizations: [ContentReference]
        let topics: [ContentReference]
        let after: [ContentReference]
        let citations: [Citation]
        let updates: [Update]
        let body: MarkdownSource

        init(
            slug: String, title: String, summary: String?, date: PartialDate, end: PartialDate?,
            location: String?, people: [ContentReference], organizations: [ContentReference],
            topics: [ContentReference], after: [ContentReference], citations: [Citation], updates: [Update],
            body: MarkdownSource
        ) {
            self.slug = slug
            self.title = title
            self.summary = summary
            self.date = date
            self.end = end
            self.location = location
            self.people = people
            self.organizations = organizations
            self.topics = topics
            self.after = after
            self.citations = citations
            self.updates = updates
            self.body = body
        }
    }

    init(
        slug: String, title: String, summary: String?, date: PartialDate, end: PartialDate?, location: String?,
        people: [ContentReference], organizations: [ContentReference], topics: [ContentReference],
        after: [ContentReference], citations: [Citation], updates: [Update], body: MarkdownSource
    ) {
        values = Values(
            slug: slug, title: title, summary: summary, date: date, end: end, location: location,
            people: people, organizations: organizations, topics: topics, after: after, citations: citations,
            updates: updates, body: body
        )
    }

    public static let kind = ContentKind.event
    static let noun = "an event"
    static let keys = ["title", "summary", "date", "end", "location", "people", "organizations", "topics", "after", "sources", "updates"]

    public var label: String { title }
    public var references: [ContentReference] { people + organizations + topics + after }

    static func read(_ r: inout FrontMatterReader, slug: String, body: MarkdownSource) -> Event? {
        let title = r.prose("title", required: true)
        let summary = r.prose("summary")
        let date = r.date("date", required: true)
        let end = r.date("end")
        let location = r.prose("location")
        let people = r.references("people", to: .person)
        let organizations = r.references("organizations", to: .organization)
        let topics = r.references("topics", to: .topic)
        let after = r.references("after", to: .event)
        let sources = r.citations()
        if let date, let end, end.firstDay <= date.firstDay || end.precision != .day || date.precision != .day,
            let entry = r.map["end"], case .scalar(let s) = entry.value
        {
            r.report(
                "frontmatter.invalid-end", "'end' must be a day after 'date' (\(date.iso))", line: s.line,
                column: s.column, hint: "'end' is the last day of an event that spans days; both need day precision")
        }
        let updates = r.updates()
        guard let title, let date, !r.failed else { return nil }
        return Event(
            slug: slug, title: title, summary: summary, date: date, end: end, location: location, people: people,
            organizations: organizations, topics: topics, after: after, citations: sources, updates: updates, body: body)
    }

    static func scaffold(name: String, date: PartialDate) -> (lines: [String], body: String) {
        (
            [
                "title: \(name)",
                "date: \(date.iso)                # YYYY-MM-DD, or YYYY-MM when the source gives only the month",
                "# people: [slug, …]            # optional: summary, end, location, organizations, topics, after, sources",
            ],
            "What happened, in one paragraph: it is the event's line on the timeline.\n"
        )
    }
}
