/// The parts of lists, typed: a pager, a link to a whole list, a timeline's months, the
/// briefs and events naming a document, a proven quote.

/// The page numbers of a series, for `partials/pager` and the layout's `rel="prev"`/`"next"`
/// links: the previous and next pages, the first and last, and the two either side of the
/// current one, with gaps between.
struct Pager: TemplateModel {
    struct Link: TemplateModel {
        let url: String
        let number: Int
        static let schema = TemplateSchema<Link>("page link", [.text("url") { $0.url }, .number("number") { $0.number }])
    }

    /// A page number, or a gap between two (`isGap`, with no number or address).
    struct Entry: TemplateModel {
        let link: Link?
        let isCurrent: Bool
        static let schema = TemplateSchema<Entry>(
            "pager entry",
            [
                .text("url") { $0.link?.url ?? "" }, .number("number") { $0.link?.number ?? 0 },
                .flag("isGap") { $0.link == nil }, .flag("isCurrent") { $0.isCurrent },
            ])
    }

    let pages: [Entry]
    let current: Int
    let total: Int
    let prev: Link?
    let next: Link?

    /// Page `current` of `count` of the series at `base` (nil when it is one page), with links
    /// from `root`.
    init?(_ base: String, page current: Int, of count: Int, root: String) {
        guard count > 1 else { return nil }
        func link(_ n: Int) -> Link { Link(url: root + Pagination.path(base, page: n), number: n) }
        var pages: [Entry] = []
        var shown = 0
        for n in 1...count where n == 1 || n == count || abs(n - current) <= 2 {
            if n > shown + 1 { pages.append(Entry(link: nil, isCurrent: false)) }
            pages.append(Entry(link: link(n), isCurrent: n == current))
            shown = n
        }
        self.pages = pages
        self.current = current
        self.total = count
        self.prev = current > 1 ? link(current - 1) : nil
        self.next = current < count ? link(current + 1) : nil
    }

    static let schema = TemplateSchema<Pager>(
        "pager",
        [
            .list("pages") { $0.pages }, .number("current") { $0.current }, .number("total") { $0.total },
            .optional("prev") { $0.prev }, .optional("next") { $0.next },
        ])
}

/// A link to the whole of a list a page shows the first items of ("All 40 briefs").
struct MoreLink: TemplateModel {
    let url: String
    let label: String
    static let schema = TemplateSchema<MoreLink>("link to a whole list", [.text("url") { $0.url }, .text("label") { $0.label }])
}

/// A month of a list of events: its label and its events as cached rows.
struct MonthGroup: TemplateModel {
    let label: String
    let id: String
    let events: [Card<EventRow>]
    let level: Int
    static let schema = TemplateSchema<MonthGroup>(
        "timeline month",
        [
            .text("label") { $0.label }, .text("id") { $0.id }, .list("events") { $0.events },
            .number("level") { $0.level },
        ])
}

/// A quote proven in a source document, with the page it is on.
struct ProvenQuoteEntry: TemplateModel {
    let text: String
    let pageTitle: String
    let pageURL: String
    static let schema = TemplateSchema<ProvenQuoteEntry>(
        "proven quote", [.text("text") { $0.text }, .text("pageTitle") { $0.pageTitle }, .text("pageURL") { $0.pageURL }])
}

/// The briefs and events naming a document: their first pages, and links to all of them.
struct Backlinks: Sendable {
    let briefs: [Card<BriefCard>]
    let hasBriefs: Bool
    let moreBriefs: MoreLink?
    let timeline: [MonthGroup]
    let hasTimeline: Bool
    let moreTimeline: MoreLink?

    static func entries<P>(_ part: @escaping @Sendable (P) -> Backlinks) -> [TemplateSchema<P>.Entry] {
        [
            .list("briefs") { part($0).briefs }, .flag("hasBriefs") { part($0).hasBriefs },
            .optional("moreBriefs") { part($0).moreBriefs }, .list("timeline") { part($0).timeline },
            .flag("hasTimeline") { part($0).hasTimeline }, .optional("moreTimeline") { part($0).moreTimeline },
        ]
    }
}

/// Links to the months before and after a month of a split timeline.
struct MonthNav: TemplateModel {
    let prev: Crumb?
    let next: Crumb?
    static let schema = TemplateSchema<MonthNav>("month links", [.optional("prev") { $0.prev }, .optional("next") { $0.next }])
}
