/// The parts document pages share: chips, a source list, corrections and updates, a table of
/// contents. Each is made from the graph by `PageParts`.

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
