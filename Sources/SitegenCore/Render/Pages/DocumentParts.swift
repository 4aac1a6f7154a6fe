/// The parts document pages share, typed: chips, a source list, corrections and updates, a
/// table of contents, cached cards, and the body. Each is made from the graph by the
/// `ViewModels` constructors below, with the same values the swift-mustache path gets as
/// `Fields`.

/// A link to a person, organization, topic or event, shown as a chip.
struct Chip: TemplateModel {
    let label: String
    let url: String
    static let schema = TemplateSchema<Chip>("chip", [.text("label") { $0.label }, .text("url") { $0.url }])
}

/// An entry of a page's table of contents: a heading of its body.
struct ContentsEntry: TemplateModel {
    let id: String
    let text: String
    let isSub: Bool
    static let schema = TemplateSchema<ContentsEntry>(
        "contents entry", [.text("id") { $0.id }, .text("text") { $0.text }, .flag("isSub") { $0.isSub }])
}

/// A correction, update or clarification of the page, where the page shows it.
struct UpdateEntry: TemplateModel {
    /// After `update-`: `2025-09-01-correction` (see `Update.anchors`).
    let anchor: String
    let date: DateModel
    let kindLabel: String
    let note: String
    static let schema = TemplateSchema<UpdateEntry>(
        "update",
        [
            .text("anchor") { $0.anchor }, .optional("date") { $0.date }, .text("kindLabel") { $0.kindLabel },
            .text("note") { $0.note },
        ])
}

/// An outlet whose reporting a source is cited for.
struct OutletLink: TemplateModel {
    let name: String
    let url: String
    static let schema = TemplateSchema<OutletLink>("outlet", [.text("name") { $0.name }, .text("url") { $0.url }])
}

/// What a source document is, as source lists, cards and its page show it; every value the
/// document does not give has a flag the templates say "not given" for.
struct SourceSummary: Sendable {
    let title: String
    let url: String
    let kindLabel: String
    let publisher: String?
    let author: String?
    let date: DateModel?
    let externalURL: String?

    static func entries<P>(_ part: @escaping @Sendable (P) -> SourceSummary) -> [TemplateSchema<P>.Entry] {
        [
            .text("title") { part($0).title }, .text("url") { part($0).url }, .text("kindLabel") { part($0).kindLabel },
            .text("kindNoun") { part($0).kindLabel.lowercased() }, .text("publisher") { part($0).publisher ?? "" },
            .flag("hasPublisher") { part($0).publisher != nil }, .text("author") { part($0).author ?? "" },
            .flag("hasAuthor") { part($0).author != nil }, .optional("date") { part($0).date },
            .flag("hasDate") { part($0).date != nil }, .text("externalURL") { part($0).externalURL ?? "" },
            .flag("hasExternalURL") { part($0).externalURL != nil },
        ]
    }
}

/// A document of a page's source list: numbered as the body's citations are, with links back
/// to each use, and the outlets it is cited for.
struct SourceEntry: TemplateModel {
    struct Backlink: TemplateModel {
        let url: String
        let label: String
        static let schema = TemplateSchema<Backlink>("link back to a citation", [.text("url") { $0.url }, .text("label") { $0.label }])
    }

    struct Detail: TemplateModel {
        let outlet: OutletLink?
        let note: String?
        static let schema = TemplateSchema<Detail>(
            "citation detail",
            [.optional("outlet") { $0.outlet }, .text("note") { $0.note ?? "" }, .flag("hasNote") { $0.note != nil }])
    }

    let summary: SourceSummary
    let number: Int
    let backlinks: [Backlink]
    let details: [Detail]

    static let schema = TemplateSchema<SourceEntry>(
        "source list entry",
        SourceSummary.entries { $0.summary } + [
            .number("number") { $0.number }, .list("backlinks") { $0.backlinks },
            .flag("hasBacklinks") { !$0.backlinks.isEmpty }, .list("details") { $0.details },
            .flag("hasDetails") { !$0.details.isEmpty },
        ])
}

/// A body's HTML: in memory, or in the scratch file until the page is rendered.
enum BodyHTML: Sendable {
    case inline(String)
    case stored(StoredHTML)

    var html: String {
        switch self {
        case .inline(let html): html
        case .stored(let stored): stored.renderText
        }
    }
}

/// What every document page has beside its own values: its corrections and updates, and its
/// source list.
struct DocumentParts: Sendable {
    let updates: [UpdateEntry]
    let sources: [SourceEntry]

    static func entries<P>(_ part: @escaping @Sendable (P) -> DocumentParts) -> [TemplateSchema<P>.Entry] {
        [
            .list("updates") { part($0).updates }, .flag("hasUpdates") { !part($0).updates.isEmpty },
            .list("sources") { part($0).sources }, .flag("hasSources") { !part($0).sources.isEmpty },
        ]
    }
}

extension ViewModels {
    /// A date as typed pages hold it; nil when the date partial is not cached.
    func dateModel(_ start: PartialDate, end: PartialDate? = nil) -> DateModel? {
        DateModel(date(start, end: end))
    }

    /// Cached cards, or nil when any item is not a cached fragment.
    static func fragments<M>(_ items: [Any]) -> [Rendered<M>]? {
        var out: [Rendered<M>] = []
        out.reserveCapacity(items.count)
        for item in items {
            guard let fragment = item as? Fragment else { return nil }
            out.append(Rendered(html: fragment.renderText))
        }
        return out
    }

    /// Cards and rows of `slugs` as rendered fragments; nil when their partial is not cached.
    func briefCards(_ slugs: some Sequence<String>, level: Int = 3) -> [Rendered<BriefCard>]? {
        Self.fragments(slugs.compactMap { briefCard($0, level: level) })
    }

    func personCards(_ slugs: some Sequence<String>, level: Int = 3) -> [Rendered<PersonCard>]? {
        Self.fragments(slugs.compactMap { personCard($0, level: level) })
    }

    func organizationCards(_ slugs: some Sequence<String>, level: Int = 3) -> [Rendered<OrganizationCard>]? {
        Self.fragments(slugs.compactMap { organizationCard($0, level: level) })
    }

    func eventRows(_ slugs: some Sequence<String>) -> [Rendered<EventRow>]? {
        Self.fragments(slugs.compactMap { eventRow($0) })
    }

    func chipModel(_ reference: ContentReference) -> Chip? {
        switch reference.kind {
        case .person: graph.people[reference.slug].map { Chip(label: $0.name, url: url(.person, $0.slug)) }
        case .organization:
            graph.organizations[reference.slug].map { Chip(label: $0.shortName ?? $0.name, url: url(.organization, $0.slug)) }
        case .topic: graph.topics[reference.slug].map { Chip(label: $0.title, url: url(.topic, $0.slug)) }
        case .event: graph.events[reference.slug].map { Chip(label: $0.title, url: url(.event, $0.slug)) }
        default: nil
        }
    }

    func outletLink(_ reference: ContentReference?) -> OutletLink? {
        guard let reference, let o = graph.organizations[reference.slug] else { return nil }
        return OutletLink(name: o.name, url: url(.organization, o.slug))
    }

    /// A source document's summary, typed; nil when its date cannot be typed.
    func sourceSummaryModel(_ d: SourceDocument) -> SourceSummary? {
        var date: DateModel?
        if let start = d.date {
            guard let model = dateModel(start) else { return nil }
            date = model
        }
        return SourceSummary(
            title: d.title, url: url(.source, d.slug), kindLabel: d.kind.label, publisher: d.publisher, author: d.author,
            date: date, externalURL: d.url)
    }

    /// A page's source list, typed (see `sourceList`); nil when a date cannot be typed.
    func sourceEntries(_ citations: [Citation], cited: [CitedSource]) -> [SourceEntry]? {
        var entries: [SourceEntry] = []
        for listed in sourceOrder(citations, cited: cited) {
            guard let summary = sourceSummaryModel(listed.document) else { return nil }
            entries.append(
                SourceEntry(
                    summary: summary, number: listed.number,
                    backlinks: listed.backlinks.map { SourceEntry.Backlink(url: $0.url, label: $0.label) },
                    details: listed.details.map { SourceEntry.Detail(outlet: outletLink($0.reportedBy), note: $0.note) }))
        }
        return entries
    }

    /// A page's corrections and updates, typed (see `updates`); nil when a date cannot be typed.
    func updateEntries(_ updates: [Update]) -> [UpdateEntry]? {
        var entries: [UpdateEntry] = []
        for (anchor, u) in zip(Update.anchors(updates), updates) {
            guard let date = dateModel(u.date) else { return nil }
            entries.append(
                UpdateEntry(anchor: String(anchor.dropFirst("update-".count)), date: date, kindLabel: u.kind.label, note: u.note))
        }
        return entries
    }

    /// A body's HTML, typed.
    static func body(_ html: Any) -> BodyHTML {
        if let stored = html as? StoredHTML { return .stored(stored) }
        return .inline(html as? String ?? "")
    }
}
