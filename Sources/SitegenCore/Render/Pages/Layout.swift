/// The layout's values that depend only on a page's depth and section (made once per thread
/// for each): what `layout.mustache` reads on every page but for the page's own head.
final class LayoutBase: Sendable {
    let lang: String
    let siteTitle: String
    let siteDescription: String
    let root: String
    let homeURL: String
    let stylesheet: String
    let hasCanonical: Bool
    let feedURL: String
    let hasFeed: Bool
    let editors: String
    let nav: [NavItem]
    let asOf: DateModel
    /// The header and footer, rendered once by their cached partials.
    let siteHeader: Card<SiteHeader>
    let siteFooter: Card<SiteFooter>

    init(
        lang: String, siteTitle: String, siteDescription: String, root: String, homeURL: String, stylesheet: String,
        hasCanonical: Bool, feedURL: String, hasFeed: Bool, editors: String, nav: [NavItem], asOf: DateModel,
        siteHeader: Card<SiteHeader>, siteFooter: Card<SiteFooter>
    ) {
        (self.lang, self.siteTitle, self.siteDescription, self.root) = (lang, siteTitle, siteDescription, root)
        (self.homeURL, self.stylesheet, self.hasCanonical, self.feedURL) = (homeURL, stylesheet, hasCanonical, feedURL)
        (self.hasFeed, self.editors, self.nav, self.asOf) = (hasFeed, editors, nav, asOf)
        (self.siteHeader, self.siteFooter) = (siteHeader, siteFooter)
    }
}

/// A link of the site's navigation.
struct NavItem: TemplateModel {
    let label: String
    let url: String
    let isCurrent: Bool

    static let schema = TemplateSchema<NavItem>(
        "navigation link", [.text("label") { $0.label }, .text("url") { $0.url }, .flag("isCurrent") { $0.isCurrent }])
}

/// A step of a page's breadcrumbs.
struct Crumb: TemplateModel {
    let label: String
    let url: String

    static let schema = TemplateSchema<Crumb>("breadcrumb", [.text("label") { $0.label }, .text("url") { $0.url }])
}

/// A page's own part of the layout: its title and description, canonical address, breadcrumbs,
/// sharing image and article times.
struct PageHead: Sendable {
    let title: String
    let pageTitle: String
    let description: String
    private(set) var canonical: String
    let breadcrumbs: [Crumb]
    let isHome: Bool
    private(set) var image: String
    private(set) var hasImage: Bool
    /// An article's times (`article:published_time`, `article:modified_time`), ISO dates.
    private(set) var articleTimes: (published: String, modified: String)?
    /// Whether the page has a canonical address (with `base-url`; never the 404 page, served
    /// at any address).
    private(set) var showsCanonical = true

    /// The same head with no canonical address.
    var withoutCanonical: PageHead {
        var head = self
        head.canonical = ""
        head.showsCanonical = false
        return head
    }

    /// The same head for an article: its own sharing image (or the site's) and its times.
    func article(image: String?, published: PartialDate, modified: PartialDate) -> PageHead {
        var head = self
        if let image { (head.image, head.hasImage) = (image, true) }
        head.articleTimes = (published.iso, modified.iso)
        return head
    }
}

/// An item a page shows through its cached partial (a card, an event row, the header, a
/// date): its HTML, rendered once by the partial, which including the partial on a page
/// inserts (as `{{{.}}}` does), and its values, for templates that read them or a template set in which the
/// partial is not cached (`html` is then nil). (A class: a page lists the same card a cache
/// holds, one reference to count rather than each of its texts.)
final class Card<Item: TemplateModel>: TemplateModel {
    let html: String?
    let item: Item

    init(html: String?, item: Item) {
        self.html = html
        self.item = item
    }

    /// The item's values, `.` its HTML, and, under the cached partial's own name, the HTML
    /// that including the partial inserts (no other item has it).
    static var schema: TemplateSchema<Card<Item>> {
        var schema = Item.schema.lifted { (card: Card<Item>) in card.item }
            .with(TemplateSchema<Card<Item>>.Entry.html(".") { $0.html ?? "" })
        if let partial = (Item.self as? any CachedItem.Type)?.partial {
            schema = schema.with(TemplateSchema<Card<Item>>.Entry.html(partial.rawValue) { $0.html ?? "" }, listed: false)
        }
        return schema
    }
}

/// A date as templates read it: `{{>partials/cached/date}}` inserts its HTML, `{{text}}`,
/// `{{start.iso}}`… read its texts.
typealias DateModel = Card<DateTexts>

/// A day of a date: its ISO form and its text.
struct Day: TemplateModel {
    let iso: String
    let text: String
    static let schema = TemplateSchema<Day>("day", [.text("iso") { $0.iso }, .text("text") { $0.text }])
}

/// A date's texts: "September 2–4, 2025" is a start "September 2", an end "4, 2025" and the
/// whole; a date without a range has its own text and no end.
struct DateTexts: TemplateModel {
    let start: Day
    let end: Day?
    let text: String

    init(_ start: PartialDate, end: PartialDate?) {
        guard let end, let sm = start.month, let sd = start.day, let em = end.month, let ed = end.day else {
            self.start = Day(iso: start.iso, text: start.displayText)
            self.end = nil
            self.text = start.displayText
            return
        }
        let month = PartialDate.monthNames
        let startText: String
        let endText: String
        if start.year == end.year && sm == em {
            startText = "\(month[sm - 1]) \(sd)"
            endText = "\(ed), \(end.year)"
        } else if start.year == end.year {
            startText = "\(month[sm - 1]) \(sd)"
            endText = "\(month[em - 1]) \(ed), \(end.year)"
        } else {
            startText = start.displayText
            endText = end.displayText
        }
        self.start = Day(iso: start.iso, text: startText)
        self.end = Day(iso: end.iso, text: endText)
        self.text = "\(startText)–\(endText)"
    }

    static let schema = TemplateSchema<DateTexts>(
        "date", [.optional("start") { $0.start }, .optional("end") { $0.end }, .text("text") { $0.text }])
}

/// Everything `layout.mustache` reads, typed: the base, the page's head, its JSON-LD, and what
/// only some pages have (a pager, search filters), empty on the others.
final class LayoutModel: Sendable {
    let base: LayoutBase
    let head: PageHead
    let jsonLD: String?
    let isSearchable: Bool
    let searchFilters: [SearchFilter]
    /// A page's pager (`rel="prev"` and `"next"` links in the head), for a page of a list.
    let pager: Pager?

    init(
        base: LayoutBase, head: PageHead, jsonLD: String?, isSearchable: Bool = false, searchFilters: [SearchFilter] = [],
        pager: Pager? = nil
    ) {
        (self.base, self.head, self.jsonLD, self.isSearchable) = (base, head, jsonLD, isSearchable)
        (self.searchFilters, self.pager) = (searchFilters, pager)
    }

    /// The layout's fields as seen from a page model `P` that holds a layout (`part` reads it).
    static func entries<P>(_ part: @escaping @Sendable (P) -> LayoutModel) -> [TemplateSchema<P>.Entry] {
        [
            .text("lang") { part($0).base.lang }, .text("siteTitle") { part($0).base.siteTitle },
            .text("siteDescription") { part($0).base.siteDescription }, .text("root") { part($0).base.root },
            .text("homeURL") { part($0).base.homeURL }, .text("stylesheet") { part($0).base.stylesheet },
            .flag("hasCanonical") { part($0).base.hasCanonical && part($0).head.showsCanonical }, .text("feedURL") { part($0).base.feedURL },
            .flag("hasFeed") { part($0).base.hasFeed }, .text("editors") { part($0).base.editors },
            .flag("hasEditors") { !part($0).base.editors.isEmpty }, .list("nav") { part($0).base.nav },
            .optional("asOf") { part($0).base.asOf },
            .optional("siteHeader") { part($0).base.siteHeader }, .optional("siteFooter") { part($0).base.siteFooter },
            .text("title") { part($0).head.title }, .text("pageTitle") { part($0).head.pageTitle },
            .text("description") { part($0).head.description }, .text("canonical") { part($0).head.canonical },
            .list("breadcrumbs") { part($0).head.breadcrumbs }, .flag("hasBreadcrumbs") { !part($0).head.breadcrumbs.isEmpty },
            .flag("isHome") { part($0).head.isHome }, .text("image") { part($0).head.image },
            .flag("hasImage") { part($0).head.hasImage },
            .text("publishedTime") { part($0).head.articleTimes?.published ?? "" },
            .text("modifiedTime") { part($0).head.articleTimes?.modified ?? "" },
            .flag("hasArticleTimes") { part($0).head.articleTimes != nil },
            .html("jsonLD") { part($0).jsonLD ?? "" }, .flag("hasJSONLD") { part($0).jsonLD != nil },
            .optional("pager") { part($0).pager },
            .flag("isSearchable") { part($0).isSearchable }, .list("searchFilters") { part($0).searchFilters },
            .flag("hasSearchFilters") { !part($0).searchFilters.isEmpty },
        ]
    }
}

/// A search filter of a document's page (`data-pagefind-filter`).
struct SearchFilter: TemplateModel {
    let name: String
    let value: String
    static let schema = TemplateSchema<SearchFilter>("search filter", [.text("name") { $0.name }, .text("value") { $0.value }])
}
