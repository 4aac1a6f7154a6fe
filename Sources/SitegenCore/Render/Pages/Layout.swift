/// The shared layout's values, typed: what `layout.mustache` reads on every page. The values
/// that depend only on a page's depth and section (`LayoutBase`, made once per thread for each)
/// and the page's own head (`PageHead`). Pages still rendered through swift-mustache get the
/// same values as `Fields` (`fields`), so both paths show one computation. (Unchecked
/// `Sendable`: immutable once made; its untyped values are view model values, never changed.)
final class LayoutBase: @unchecked Sendable {
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
    let hasEditors: Bool
    let nav: [NavItem]
    /// The site's as-of date: a `DateValue` when the date partial is cached, else its fields.
    let asOf: Any
    /// The header and footer: each a rendered fragment (`Fragment`) when its partial is
    /// cached, else its full view model; false when the templates have none.
    let siteHeader: Any
    let siteFooter: Any
    /// The header, footer and as-of date typed, made with the base (once per depth and
    /// section, not per page); nil when they are not cached fragments.
    let typed: TypedParts?

    struct TypedParts: Sendable {
        let siteHeader: Rendered<SiteHeader>?
        let siteFooter: Rendered<SiteFooter>?
        let asOf: DateModel
    }

    init(
        lang: String, siteTitle: String, siteDescription: String, root: String, homeURL: String, stylesheet: String,
        hasCanonical: Bool, feedURL: String, hasFeed: Bool, editors: String, hasEditors: Bool, nav: [NavItem],
        asOf: Any, siteHeader: Any, siteFooter: Any
    ) {
        (self.lang, self.siteTitle, self.siteDescription, self.root) = (lang, siteTitle, siteDescription, root)
        (self.homeURL, self.stylesheet, self.hasCanonical, self.feedURL) = (homeURL, stylesheet, hasCanonical, feedURL)
        (self.hasFeed, self.editors, self.hasEditors, self.nav) = (hasFeed, editors, hasEditors, nav)
        (self.asOf, self.siteHeader, self.siteFooter) = (asOf, siteHeader, siteFooter)
        /// A cached fragment, or none (false: the templates have no such partial); nil when
        /// the partial is not cached (its item is a full view model).
        func fragment<M>(_ value: Any) -> Rendered<M>?? {
            if let fragment = value as? Fragment { return .some(Rendered(html: fragment.renderText)) }
            if let flag = value as? Bool, !flag { return .some(nil) }
            return nil
        }
        if let header: Rendered<SiteHeader>? = fragment(siteHeader), let footer: Rendered<SiteFooter>? = fragment(siteFooter),
            let date = DateModel(asOf)
        {
            typed = TypedParts(siteHeader: header, siteFooter: footer, asOf: date)
        } else {
            typed = nil
        }
    }

    var fields: Fields {
        [
            "siteHeader": siteHeader, "siteFooter": siteFooter, "lang": lang, "siteTitle": siteTitle,
            "siteDescription": siteDescription, "root": root, "homeURL": homeURL, "stylesheet": stylesheet,
            "hasCanonical": hasCanonical, "feedURL": feedURL, "hasFeed": hasFeed, "asOf": asOf,
            "nav": nav.map(\.fields), "editors": editors, "hasEditors": hasEditors,
        ]
    }
}

/// A link of the site's navigation.
struct NavItem: TemplateModel {
    let label: String
    let url: String
    let isCurrent: Bool

    var fields: Fields { ["label": label, "url": url, "isCurrent": isCurrent] }

    static let schema = TemplateSchema<NavItem>(
        "navigation link", [.text("label") { $0.label }, .text("url") { $0.url }, .flag("isCurrent") { $0.isCurrent }])
}

/// A step of a page's breadcrumbs.
struct Crumb: TemplateModel {
    let label: String
    let url: String

    var fields: Fields { ["label": label, "url": url] }

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

    var fields: Fields {
        [
            "title": title, "pageTitle": pageTitle, "description": description, "canonical": canonical,
            "breadcrumbs": breadcrumbs.map(\.fields), "hasBreadcrumbs": !breadcrumbs.isEmpty, "isHome": isHome,
            "image": image, "hasImage": hasImage, "publishedTime": articleTimes?.published ?? "",
            "modifiedTime": articleTimes?.modified ?? "", "hasArticleTimes": articleTimes != nil,
        ]
    }
}

/// An item rendered before the page through its cached partial (a card, an event row, the
/// header), inserted by the partial's stand-in `{{{.}}}`.
struct Rendered<Item: TemplateModel>: TemplateModel {
    let html: String
    static var schema: TemplateSchema<Rendered<Item>> {
        TemplateSchema("\(Item.schema.name), rendered", [.html(".") { $0.html }])
    }
}

/// A date as the typed templates read it: its cached fragment (`{{>partials/cached/date}}`
/// inserts it) and its fields.
struct DateModel: TemplateModel {
    struct Day: TemplateModel {
        let iso: String
        let text: String
        static let schema = TemplateSchema<Day>("day", [.text("iso") { $0.iso }, .text("text") { $0.text }])
    }

    /// A date's texts: "September 2–4, 2025" is a start "September 2", an end "4, 2025" and
    /// the whole; a date without a range has its own text and no end.
    struct Texts: Sendable {
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
    }

    let html: String
    let texts: Texts

    /// A date the page's view models hold: typed when the date partial is cached (a
    /// `DateValue`), nil otherwise.
    init?(_ value: Any) {
        guard let date = value as? DateValue else { return nil }
        html = date.html.renderText
        texts = Texts(date.start, end: date.end)
    }

    static let schema = TemplateSchema<DateModel>(
        "date",
        [
            .html(".") { $0.html }, .optional("start") { $0.texts.start }, .optional("end") { $0.texts.end },
            .text("text") { $0.texts.text },
        ])
}

/// Everything `layout.mustache` reads, typed: the base, the page's head, its JSON-LD, and what
/// only some pages have (a pager, search filters), empty on the others.
final class LayoutModel: Sendable {
    let base: LayoutBase
    let head: PageHead
    let jsonLD: String?
    let isSearchable: Bool
    let searchFilters: [SearchFilter]

    /// The header, footer and as-of date as cached fragments.
    let parts: LayoutBase.TypedParts

    /// A page's pager (`rel="prev"` and `"next"` links in the head), for a page of a list.
    let pager: Pager?

    /// Nil unless the header, footer and date are cached fragments (the shipped templates'):
    /// the page then goes through swift-mustache.
    init?(
        base: LayoutBase, head: PageHead, jsonLD: String?, isSearchable: Bool = false, searchFilters: [SearchFilter] = [],
        pager: Pager? = nil
    ) {
        guard let parts = base.typed else { return nil }
        self.base = base
        self.head = head
        self.jsonLD = jsonLD
        self.isSearchable = isSearchable
        self.searchFilters = searchFilters
        self.parts = parts
        self.pager = pager
    }

    /// The layout's fields as seen from a page model `P` that holds a layout (`part` reads it).
    static func entries<P>(_ part: @escaping @Sendable (P) -> LayoutModel) -> [TemplateSchema<P>.Entry] {
        [
            .text("lang") { part($0).base.lang }, .text("siteTitle") { part($0).base.siteTitle },
            .text("siteDescription") { part($0).base.siteDescription }, .text("root") { part($0).base.root },
            .text("homeURL") { part($0).base.homeURL }, .text("stylesheet") { part($0).base.stylesheet },
            .flag("hasCanonical") { part($0).base.hasCanonical && part($0).head.showsCanonical }, .text("feedURL") { part($0).base.feedURL },
            .flag("hasFeed") { part($0).base.hasFeed }, .text("editors") { part($0).base.editors },
            .flag("hasEditors") { part($0).base.hasEditors }, .list("nav") { part($0).base.nav },
            .optional("asOf") { part($0).parts.asOf },
            .optional("siteHeader") { part($0).parts.siteHeader }, .optional("siteFooter") { part($0).parts.siteFooter },
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
