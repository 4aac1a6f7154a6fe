/// The content graph: every document indexed by slug, the backlinks computed once, and the
/// orders pages list things in. Built by `GraphBuilder`; read by the render stage.
public struct SiteGraph: Sendable {
    public let site: Site
    public let briefs: [String: Brief]
    public let people: [String: Person]
    public let organizations: [String: Organization]
    public let events: [String: Event]
    public let topics: [String: Topic]
    public let pages: [String: Page]
    /// Each document's rendered body, by `ContentSet.key(kind, slug)`; the site intro under "site".
    public internal(set) var bodies: [String: RenderedMarkdown]
    /// The HTML of bodies kept out of memory (briefs), by the same keys.
    internal(set) var storedBodies: StoredBodies?

    /// Briefs newest first (then by title).
    public let briefOrder: [String]
    /// Events in time order: the timeline.
    public let timeline: [String]
    /// Each event's place in `timeline`, to sort any set of events without scanning it.
    public let timelineRank: [String: Int]
    public let peopleOrder: [String]
    public let organizationOrder: [String]
    public let topicOrder: [String]
    public let pageOrder: [String]

    /// Briefs and events that name a document, by the document's key (front matter or `@` link).
    public let briefsNaming: [String: [String]]
    public let eventsNaming: [String: [String]]
    /// People affiliated with an organization.
    public let members: [String: [String]]
    /// Up to three briefs sharing the most people, topics, organizations and events.
    public let related: [String: [String]]

    public func isScheduled(_ event: Event) -> Bool { event.date.firstDay > site.asOf.lastDay }

    public func body(_ kind: ContentKind, _ slug: String) -> RenderedMarkdown? {
        bodies[ContentSet.key(kind, slug)]
    }

    /// A body kept out of memory, read when its page is rendered; nil otherwise (render it again).
    func storedBody(_ kind: ContentKind, _ slug: String) -> StoredHTML? {
        storedBodies?.body(ContentSet.key(kind, slug))
    }
}
