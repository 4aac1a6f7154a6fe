/// The render stage: one page per document and per list, each a typed model (`Render/Pages/`,
/// one file per page type: model and builder) rendered through its template compiled against
/// the model.
///
/// One renderer per thread; the cache of rendered cards is shared by all threads.
///
/// `page(for:)` and `listPage(_:)` are the render stage's entries in the table of kinds
/// (`ContentKind.entry`): each kind's page and list page.
struct PageRenderer {
    /// The graph, every read noted in `reads`: what the page shows (`Dependency`).
    let graph: RecordedGraph
    let reads: ReadLog
    let templates: TemplateSet
    let fragments: FragmentCache
    /// Where body HTML is read from.
    let bodies: PageBodies
    /// The layout's values that depend only on the page's depth and section, made once per
    /// thread for each.
    private let layoutBases = LayoutBases()
    /// The JSON-LD that many pages hold, encoded once per thread.
    private let jsonCache = StructuredData.Cache()

    private final class LayoutBases {
        /// Each base, and what making it read of the graph (the pages in the menu).
        var byRootAndSection: [String: (base: LayoutBase, reads: Set<Dependency>)] = [:]
    }

    /// `recordingReads`: note what each page reads (`serve`); a build that renders every page
    /// once does not.
    init(
        graph: SiteGraph, templates: TemplateSet, fragments: FragmentCache, stored: StoredBodies? = nil,
        recordingReads: Bool = true
    ) {
        reads = ReadLog(recording: recordingReads)
        self.graph = RecordedGraph(graph, log: reads)
        self.templates = templates
        self.fragments = fragments
        self.bodies = PageBodies(stored: stored)
    }

    var site: Site {
        _read { yield graph.site }
    }

    /// One file of the site; files render independently of each other, so in any order.
    enum Job: Sendable, Hashable {
        case home, notFound
        /// Every correction, update and clarification of the site, newest first.
        case corrections
        /// A page of a kind's list (`/people/`, `/people/page/2/`; the timeline, or its index of
        /// months when it is split, for events).
        case kindList(ContentKind, page: Int)
        /// A page of one month of a split timeline (`timeline/2025/08/`).
        case month(PartialDate, page: Int)
        /// A page of one of a document's lists (`people/marco-rubio/briefs/page/2/`).
        case documentList(DocumentID, Listing, page: Int)
        /// The search page, with `search: true` in `site.md`.
        case search
        /// A document's page.
        case document(DocumentID)
        /// The files for feed readers, crawlers and robots; the feed and sitemaps need a base URL.
        case feed, robots
        /// `sitemap.xml`: every page, or, with `parts` above 0, the index of the sitemap's
        /// files (`sitemapPart`) when it has more pages than a sitemap may list (`size`).
        case sitemap(parts: Int, size: Int)
        /// The sitemap's file `sitemap-N.xml` (N from 1): pages `size` × (N − 1) on, `size` at most.
        case sitemapPart(Int, size: Int)
        /// The timeline for other tools: TimelineJS3's JSON and an iCalendar feed.
        case timelineJSON, calendar

        /// Whether the job writes an HTML page (not a feed, sitemap or robots.txt).
        var isPage: Bool {
            switch self {
            case .feed, .sitemap, .sitemapPart, .robots, .timelineJSON, .calendar: false
            default: true
            }
        }

        /// The file the job writes, below the output folder.
        var path: String {
            switch self {
            case .home: "index.html"
            case .notFound: "404.html"
            case .corrections: "corrections/index.html"
            case .kindList(let kind, let page): Pagination.path((kind.entry.list ?? kind.folder) + "/", page: page) + "index.html"
            case .month(let date, let page):
                Pagination.path(TimelineMonth(date: date, events: []).path, page: page) + "index.html"
            case .documentList(let id, let listing, let page): Pagination.path(listing.path(of: id), page: page) + "index.html"
            case .search: "search/index.html"
            case .document(let id): id.path + "index.html"
            case .feed: "feed.xml"
            case .sitemap: "sitemap.xml"
            case .sitemapPart(let part, _): "sitemap-\(part).xml"
            case .robots: "robots.txt"
            case .timelineJSON: "timeline.json"
            case .calendar: "events.ics"
            }
        }
    }

    /// Every file of the site, in a fixed order: the exports, feed and sitemap first, as they
    /// take longest. (Threads take the next job as they finish one; the calendar of 30,000
    /// events, about a second on one core, was last, and the other core had nothing left.)
    /// A sitemap lists at most `sitemapLimit` pages a file (the protocol's limit is 50,000).
    static func jobs(for graph: SiteGraph, sitemapLimit: Int = Feeds.sitemapLimit) -> [Job] {
        let pages = pageJobs(for: graph)
        var feeds: [Job] = []
        if graph.site.baseURL != nil {
            let count = sitemapPaths(pages).count
            let parts = count > sitemapLimit ? (count + sitemapLimit - 1) / sitemapLimit : 0
            feeds = [.feed, .sitemap(parts: parts, size: sitemapLimit)]
                + (0..<parts).map { .sitemapPart($0 + 1, size: sitemapLimit) }
        }
        return [.calendar, .timelineJSON] + feeds + pages + [.robots]
    }

    /// The paths below the site root a sitemap lists: every page but the search page and the 404 page.
    static func sitemapPaths(_ pages: [Job]) -> [String] {
        pages.filter { $0 != .search }.map(\.path).filter { $0.hasSuffix("index.html") }.map {
            String($0.dropLast("index.html".count))
        }
    }

    /// Every page of the site, in a fixed order: home, then kind by kind its list page and its
    /// documents in list order, then the corrections page and the 404 page.
    static func pageJobs(for graph: SiteGraph) -> [Job] {
        let archive = graph.pagination
        var jobs: [Job] = [.home]
        // Which listings have pages of their own is worked out, not shown: nothing to record.
        let counting = RecordedGraph(graph, log: ReadLog(recording: false))
        for kind in ContentKind.documentKinds {
            let slugs = graph.order[kind] ?? []
            if kind.entry.list != nil {
                if kind == .event && archive.isTimelineSplit {
                    jobs.append(.kindList(kind, page: 1))
                    for month in archive.months {
                        jobs += (1...archive.pageCount(month.events.count)).map { .month(month.date, page: $0) }
                    }
                } else {
                    jobs += (1...(kind == .event ? 1 : archive.pageCount(slugs.count))).map { .kindList(kind, page: $0) }
                }
            }
            let listings = Listing.of(kind)
            for slug in slugs {
                let id = DocumentID(kind, slug)
                jobs.append(.document(id))
                for listing in listings {
                    let count = listing.count(for: id, in: counting)
                    let size = listing.pageSize(archive)
                    guard count > size else { continue }
                    jobs += (1...archive.pageCount(count, size: size)).map { .documentList(id, listing, page: $0) }
                }
            }
        }
        return jobs + (graph.site.search ? [.search] : []) + [.corrections, .notFound]
    }

    /// A file of the site. A page whose model did not change renders to the same bytes (what
    /// `BuildSession` relies on to keep unchanged pages).
    func render(_ job: Job) -> OutputFile {
        switch job {
        case .home: home()
        case .notFound: notFound()
        case .corrections: correctionsPage()
        case .kindList(let kind, let page): listPage(kind, page: page)
        case .month(let date, let page): monthPage(date, page: page)
        case .documentList(let id, let listing, let page): listingPage(id, listing, page: page)
        case .document(let id): page(for: id)
        case .search: searchPage()
        // The feed and the sitemap read the whole graph; the timeline's exports, its events.
        case .feed: everything { Feeds.atom($0, baseURL: site.baseURL ?? "") }
        case .sitemap, .sitemapPart: sitemap(job)
        case .robots: Feeds.robots(baseURL: site.baseURL)
        case .timelineJSON: Exports.timelineJSON(graph)
        case .calendar: Exports.calendar(graph)
        }
    }

    /// The sitemap (or its index, or one of its files): the pages' paths, and when each brief
    /// was last modified.
    private func sitemap(_ job: Job) -> OutputFile {
        reads.record(.pageList)
        let baseURL = site.baseURL ?? ""
        if case .sitemap(let parts, _) = job, parts > 0 {
            return Feeds.sitemapIndex(parts: parts, baseURL: baseURL)
        }
        for slug in graph.base.briefOrder { reads.record(.modified(DocumentID(.brief, slug))) }
        let pages = Self.sitemapPaths(Self.pageJobs(for: graph.base))
        guard case .sitemapPart(let part, let size) = job else {
            return Feeds.sitemap(pages: pages, graph: graph.base, baseURL: baseURL, path: job.path)
        }
        let start = min(pages.count, (part - 1) * size)
        return Feeds.sitemap(
            pages: pages[start..<min(pages.count, start + size)], graph: graph.base, baseURL: baseURL, path: job.path)
    }

    /// A file made from the whole graph.
    private func everything(_ make: (SiteGraph) -> OutputFile) -> OutputFile {
        reads.record(.everything)
        return make(graph.base)
    }

    /// A page rendered through its compiled template. (Templates that do not compile stop the
    /// build before the render stage: then there is no page.)
    func rendered<M>(_ render: KeyPath<TypedPages, TemplateRenderer<M>>, _ model: M, path: String) -> OutputFile {
        var html = ""
        // Room for a page, so appending rarely copies what is written.
        html.reserveCapacity(32_768)
        templates.typed?[keyPath: render](model, &html)
        return OutputFile(path: path, contents: html)
    }

    // MARK: The table of kinds, as pages

    /// A document's page, by its kind.
    func page(for id: DocumentID) -> OutputFile {
        switch id.kind {
        case .brief: briefPage(id.slug)
        case .event: eventPage(id.slug)
        case .person: personPage(id.slug)
        case .organization: organizationPage(id.slug)
        case .topic: topicPage(id.slug)
        case .page: staticPage(id.slug)
        case .source: sourcePage(id.slug)
        case .site: home()
        }
    }

    /// A kind's list page: its title and introduction (also its navigation label and
    /// description); nil for kinds without one.
    static func listHeading(_ kind: ContentKind) -> (title: String, intro: String)? {
        switch kind {
        case .brief: ("Briefs", "Every brief, newest first.")
        case .event: ("Timeline", "Every event in this explainer in order.")
        case .person: ("People", "Everyone this explainer names, with their role.")
        case .organization:
            ("Organizations", "Parties, institutions, agencies and the outlets whose reporting this explainer cites.")
        case .topic: ("Topics", "The themes briefs and events are filed under.")
        case .source:
            (
                "Sources",
                "The documents this explainer relies on. Every quote on the site is checked against their text when the site is built."
            )
        case .page, .site: nil
        }
    }

    func listPage(_ kind: ContentKind, page: Int = 1) -> OutputFile {
        switch kind {
        case .brief: list(.brief, page: page) { vm, slugs in .briefs(vm.briefCards(slugs, level: 2)) }
        case .event: graph.pagination.isTimelineSplit ? timelineIndex() : timelinePage()
        case .person: list(.person, page: page) { vm, slugs in .people(vm.personCards(slugs, level: 2)) }
        case .organization: list(.organization, page: page) { vm, slugs in .organizations(vm.organizationCards(slugs, level: 2)) }
        case .topic: list(.topic, page: page) { vm, slugs in .topics(slugs.compactMap { vm.topicCard($0, level: 2) }) }
        case .source: list(.source, page: page) { vm, slugs in .sources(slugs.compactMap { vm.sourceCard($0, level: 2) }) }
        case .page, .site: notFound()
        }
    }

    func models(_ pagePath: String) -> PageParts {
        PageParts(graph: graph, root: ContentURL.rootPrefix(from: pagePath), fragments: fragments)
    }

    // MARK: Layout

    enum Section: Equatable {
        case home, none, search
        /// A kind's pages and its list page.
        case kind(ContentKind)
        /// A page of `pages/`, which may be in the menu itself.
        case page(String)

        /// Which header a page shows: the one with this section marked as current.
        var id: String {
            switch self {
            case .home: "home"
            case .none: "none"
            case .search: "search"
            case .kind(let kind): kind.rawValue
            case .page(let slug): "page/" + slug
            }
        }

    }

    /// The layout of the page at `pagePath`: the base for its depth and section, its head, its
    /// JSON-LD (`job`'s), and what only some pages have (search filters, a pager).
    func layout(
        _ job: Job, pagePath: String, title: String, description: String, section: Section, crumbs: [(String, String)] = [],
        pager: Pager? = nil, isSearchable: Bool = false, searchFilters: [SearchFilter] = [], head: (PageHead) -> PageHead = { $0 }
    ) -> LayoutModel {
        let root = ContentURL.rootPrefix(from: pagePath)
        return LayoutModel(
            base: layoutBase(root: root, section: section),
            head: head(pageHead(pagePath: pagePath, root: root, title: title, description: description, section: section, crumbs: crumbs)),
            jsonLD: StructuredData(graph: graph, cache: jsonCache).json(for: job), isSearchable: isSearchable, searchFilters: searchFilters,
            pager: pager)
    }

    /// The layout of a document's page: its head (`article` makes it an article's), its
    /// JSON-LD and its search filters.
    func documentLayout(
        _ document: any Document, title: String, description: String, section: Section, crumbs: [(String, String)],
        article: (PageHead) -> PageHead = { $0 }
    ) -> LayoutModel {
        layout(
            .document(document.id), pagePath: document.id.path, title: title, description: description, section: section,
            crumbs: crumbs, isSearchable: site.search, searchFilters: site.search ? searchFilters(document) : [], head: article)
    }

    /// The corrections and source list of a document's page.
    func documentParts(_ document: any Document, _ vm: PageParts) -> DocumentParts {
        DocumentParts(
            updates: vm.updates(document.updates),
            sources: vm.sourceList(document.citations, cited: graph.body(document.id.kind, document.slug)?.citedSources ?? []))
    }

    /// The Pagefind filters of a document's page: its kind, and the people, organizations and
    /// topics it is about (a profile, organization or topic page is about itself).
    func searchFilters(_ document: any Document) -> [SearchFilter] {
        var filters = [SearchFilter(name: "kind", value: Self.kindFilter(document.id.kind))]
        func add(_ references: [ContentReference]) {
            for reference in references {
                guard let target = graph.document(reference.target) else { continue }
                filters.append(SearchFilter(name: Self.filterName(reference.kind), value: target.label))
            }
        }
        switch document {
        case let b as Brief: add(b.people + b.organizations + b.topics)
        case let e as Event: add(e.people + e.organizations + e.topics)
        case let p as Person:
            filters.append(SearchFilter(name: "person", value: p.name))
            add(p.affiliations)
        case let o as Organization: filters.append(SearchFilter(name: "organization", value: o.name))
        case let t as Topic: filters.append(SearchFilter(name: "topic", value: t.title))
        default: break
        }
        return filters
    }

    static func kindFilter(_ kind: ContentKind) -> String {
        switch kind {
        case .brief: "Brief"
        case .event: "Event"
        case .person: "Person"
        case .organization: "Organization"
        case .topic: "Topic"
        case .source: "Source document"
        case .page, .site: "Page"
        }
    }

    static func filterName(_ kind: ContentKind) -> String {
        switch kind {
        case .person: "person"
        case .organization: "organization"
        case .topic: "topic"
        default: "kind"
        }
    }

    /// A page's own part of the layout.
    func pageHead(
        pagePath: String, root: String, title: String, description: String, section: Section, crumbs: [(String, String)]
    ) -> PageHead {
        let isHome = section == .home
        let breadcrumbs = crumbs.isEmpty ? [] : [Crumb(label: "Home", url: root)] + crumbs.map { Crumb(label: $0.0, url: root + $0.1) }
        return PageHead(
            title: title, pageTitle: isHome ? site.title : "\(title) — \(site.title)", description: description,
            canonical: site.baseURL.map { $0 + pagePath } ?? "", breadcrumbs: breadcrumbs, isHome: isHome,
            image: site.image ?? "", hasImage: site.image != nil)
    }

    /// The layout's values for every page at `root` in `section`: navigation, header, footer.
    func layoutBase(root: String, section: Section) -> LayoutBase {
        let key = root + "|" + section.id
        if let (base, reads) = layoutBases.byRootAndSection[key] {
            graph.log.record(contentsOf: reads)
            return base
        }
        graph.log.begin()
        func nav(_ label: String, _ path: String, _ s: Section) -> NavItem {
            NavItem(label: label, url: root + path, isCurrent: s == section)
        }
        var navigation: [NavItem] = ContentKind.documentKinds.compactMap { kind in
            guard let list = kind.entry.list, let heading = Self.listHeading(kind) else { return nil }
            return nav(heading.title, list + "/", .kind(kind))
        }
        for slug in graph.pageOrder {
            if let p = graph.pages[slug], p.isInMenu { navigation.append(nav(p.title, "\(slug)/", .page(slug))) }
        }
        if site.search { navigation.append(nav("Search", "search/", .search)) }
        let vm = PageParts(graph: graph, root: root, fragments: fragments)
        let asOf = vm.date(site.asOf)
        let homeURL = root.isEmpty ? "./" : root
        let siteHeader = fragments.item(.init(partial: .header, item: section.id, root: root), typed: \.header, reads: graph.log) {
            SiteHeader(homeURL: homeURL, siteTitle: site.title, asOf: asOf, nav: navigation)
        }!
        let siteFooter = fragments.item(.init(partial: .footer, item: "", root: root), typed: \.footer, reads: graph.log) {
            SiteFooter(
                siteTitle: site.title, siteDescription: site.description, asOf: asOf, editors: site.editors,
                feedURL: root + "feed.xml", hasFeed: site.baseURL != nil, contact: site.contact,
                contactURL: site.contact.map(Self.contactURL) ?? "", correctionsURL: root + "corrections/")
        }!
        let base = LayoutBase(
            lang: site.language, siteTitle: site.title, siteDescription: site.description, root: root, homeURL: homeURL,
            stylesheet: root + "assets/style.css", hasCanonical: site.baseURL != nil, feedURL: root + "feed.xml",
            hasFeed: site.baseURL != nil, editors: site.editors.joined(separator: ", "), nav: navigation, asOf: asOf,
            siteHeader: siteHeader, siteFooter: siteFooter)
        layoutBases.byRootAndSection[key] = (base, graph.log.end())
        return base
    }

    func inTimelineOrder(_ references: [ContentReference]) -> [String] {
        references.map(\.slug).sorted { graph.timelineRank[$0, default: 0] < graph.timelineRank[$1, default: 0] }
    }

    func bodyHTML(_ kind: ContentKind, _ slug: String) -> BodyHTML {
        bodies.html(DocumentID(kind, slug), in: graph)
    }

    // MARK: Lists

    /// "Briefs", or "Briefs, page 2 of 40" past the first page.
    static func title(_ title: String, page: Int, of pages: Int) -> String {
        page == 1 ? title : "\(title), page \(page) of \(pages)"
    }

    /// The first page of one of a document's lists, and the link to the list's own pages when
    /// it is longer than one page (or false).
    func firstPage(_ id: DocumentID, _ listing: Listing, _ vm: PageParts) -> (slugs: [String], more: MoreLink?) {
        let shown = listing.page(1, for: id, in: graph) ?? ([], 0)
        return (Array(shown.slugs), more(id, listing, total: shown.count, vm))
    }

    /// The link to all of a document's list, when it is longer than a page.
    func more(_ id: DocumentID, _ listing: Listing, total: Int, _ vm: PageParts) -> MoreLink? {
        guard total > listing.pageSize(graph.pagination) else { return nil }
        return MoreLink(url: vm.root + listing.path(of: id), label: listing.moreLabel(total))
    }

    /// "Briefs 26–50 of 120." for page 2 of a list of 120 briefs; "12 events." for a list of one page.
    func range(_ noun: String, page number: Int, total: Int, size: Int) -> String {
        guard total > size else { return "\(total) \(total == 1 ? String(noun.dropLast()) : noun)." }
        let first = min(total, (number - 1) * size + 1)
        return "\(noun.prefix(1).uppercased() + noun.dropFirst()) \(first)–\(min(total, number * size)) of \(total)."
    }

    /// The crumbs above a document of `kind`: Home and its list page.
    func crumbs(_ kind: ContentKind) -> [(String, String)] {
        guard let list = kind.entry.list, let heading = Self.listHeading(kind) else { return [] }
        return [(heading.title, list + "/")]
    }

    /// The briefs and events naming a document: their first pages, and links to all of them.
    func backlinks(_ kind: ContentKind, _ slug: String, _ vm: PageParts) -> Backlinks {
        let id = DocumentID(kind, slug)
        let briefs = firstPage(id, .briefs, vm)
        let events = firstPage(id, .timeline, vm)
        return Backlinks(
            briefs: vm.briefCards(briefs.slugs), hasBriefs: !briefs.slugs.isEmpty, moreBriefs: briefs.more,
            timeline: vm.timeline(events.slugs), hasTimeline: !events.slugs.isEmpty, moreTimeline: events.more)
    }

    static func printable(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.replacingOccurrences(of: "\r\n", with: "\n").unicodeScalars {
            let value = scalar.value
            if value == 0x0D {
                out.append(Unicode.Scalar(0x0A))
            } else if value == 0x09 || value == 0x0A {
                out.append(scalar)
            } else if value < 0x20 || value == 0x7F || value == 0xFFFE || value == 0xFFFF {
                continue
            } else {
                out.append(scalar)
            }
        }
        return String(out)
    }

    /// `mailto:` for an email address; a web address as it is.
    static func contactURL(_ contact: String) -> String {
        contact.contains("://") ? contact : "mailto:" + contact
    }

}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
