/// The content graph: every document indexed by kind and slug, the backlinks computed once,
/// and the orders pages list things in. Built by `GraphBuilder`; read by the render stage.
public struct SiteGraph: Sendable {
    public let site: Site
    /// Every published document, by kind and slug.
    var documents: [ContentKind: [String: any Document]]
    /// Each document's rendered body; the site's introduction under `DocumentID.site`. The HTML
    /// of bodies kept on disk is not here: pages read it through `PageBodies`.
    public internal(set) var bodies: [DocumentID: RenderedMarkdown]
    /// Each kind's slugs in the order its list page shows them: briefs newest first, events in
    /// time order (the timeline), the other kinds by name.
    public let order: [ContentKind: [String]]
    /// Each event's place in the timeline, to sort any set of events without scanning it.
    public let timelineRank: [String: Int]
    /// The documents that name a document (in front matter or an `@` link), by kind, each kind
    /// in its order.
    public let naming: [DocumentID: [ContentKind: [String]]]
    /// People affiliated with an organization.
    public let members: [String: [String]]
    /// Up to three briefs sharing the most people, topics, organizations and events.
    public let related: [String: [String]]
    /// How lists are cut into pages, and the timeline into months.
    public let pagination: Pagination
    /// The quotes on the site each source document proves, by slug (`QuoteCheck`).
    public internal(set) var provenQuotes: [String: [ProvenQuote]] = [:]

    public func isScheduled(_ event: Event) -> Bool { event.date.firstDay > site.asOf.lastDay }

    public func document(_ id: DocumentID) -> (any Document)? { documents[id.kind]?[id.slug] }

    /// Every published document, kind by kind, each kind in its order.
    public var allDocuments: [any Document] {
        ContentKind.documentKinds.flatMap { kind in (order[kind] ?? []).compactMap { documents[kind]?[$0] } }
    }

    public func body(_ kind: ContentKind, _ slug: String) -> RenderedMarkdown? { bodies[DocumentID(kind, slug)] }

    /// The slugs of the documents of `kind` naming `id`, in that kind's order.
    public func naming(_ kind: ContentKind, _ id: DocumentID) -> [String] { naming[id]?[kind] ?? [] }

    public func documents<D: Document>(_ type: D.Type) -> Documents<D> { Documents(bySlug: documents[D.kind] ?? [:]) }

    // Typed views, for code that works on one kind.
    public var briefs: Documents<Brief> { documents(Brief.self) }
    public var people: Documents<Person> { documents(Person.self) }
    public var organizations: Documents<Organization> { documents(Organization.self) }
    public var events: Documents<Event> { documents(Event.self) }
    public var topics: Documents<Topic> { documents(Topic.self) }
    public var pages: Documents<Page> { documents(Page.self) }

    public var briefOrder: [String] { order[.brief] ?? [] }
    /// The briefs marked `featured`, in order.
    public var featured: [String] {
        let briefs = documents[.brief] ?? [:]
        return briefOrder.filter { (briefs[$0] as? Brief)?.isFeatured == true }
    }
    /// Events in time order.
    public var timeline: [String] { order[.event] ?? [] }
    public var peopleOrder: [String] { order[.person] ?? [] }
    public var pageOrder: [String] { order[.page] ?? [] }
}

/// The documents of one kind, by slug, as their type.
public struct Documents<D: Document>: Sendable {
    let bySlug: [String: any Document]

    public subscript(slug: String) -> D? { bySlug[slug] as? D }
    public var values: [D] { bySlug.values.compactMap { $0 as? D } }
    public var count: Int { bySlug.count }
}
