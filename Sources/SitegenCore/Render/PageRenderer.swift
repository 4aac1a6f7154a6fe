/// A file of the built site: its path below the output folder and its bytes.
public struct OutputFile: Sendable {
    public let path: String
    public let contents: String
}

/// The render stage: one page per document and per list, through the Mustache templates.
///
/// One renderer per thread; the cache of rendered cards is shared by all threads.
///
/// `page(for:)` and `listPage(_:)` are the render stage's entries in the table of kinds
/// (`ContentKind.entry`): each kind's page and list page, with their view models.
struct PageRenderer {
    let graph: SiteGraph
    let templates: TemplateSet
    let fragments: FragmentCache
    /// Where body HTML is read from.
    let bodies: PageBodies
    /// The layout's values that depend only on the page's depth and section, made once per
    /// thread for each.
    private let layoutBases = LayoutBases()

    private final class LayoutBases {
        var byRootAndSection: [String: (base: LayoutBase, fields: Fields)] = [:]
    }

    init(graph: SiteGraph, templates: TemplateSet, fragments: FragmentCache, stored: StoredBodies? = nil) {
        self.graph = graph
        self.templates = templates
        self.fragments = fragments
        self.bodies = PageBodies(stored: stored)
    }

    var site: Site { graph.site }

    /// One file of the site; files render independently of each other, so in any order.
    enum Job: Sendable, Hashable {
        case home, notFound
        /// Every correction, update and clarification of the site, newest first.
        case corrections
        /// A page of a kind's list (`/people/`, `/people/page/2/`; the timeline, or its index of
        /// months when it is split, for events).
        case list(ContentKind, page: Int)
        /// A page of one month of a split timeline (`timeline/2025/08/`).
        case month(PartialDate, page: Int)
        /// A page of one of a document's lists (`people/marco-rubio/briefs/page/2/`).
        case listing(DocumentID, Listing, page: Int)
        /// The search page, with `search: true` in `site.md`.
        case search
        /// A document's page.
        case document(DocumentID)
        /// The files for feed readers, crawlers and robots; the first two need a base URL.
        case feed, sitemap, robots
        /// The timeline for other tools: TimelineJS3's JSON and an iCalendar feed.
        case timelineJSON, calendar

        /// Whether the job writes an HTML page (not a feed, sitemap or robots.txt).
        var isPage: Bool {
            switch self {
            case .feed, .sitemap, .robots, .timelineJSON, .calendar: false
            default: true
            }
        }

        /// The file the job writes, below the output folder.
        var path: String {
            switch self {
            case .home: "index.html"
            case .notFound: "404.html"
            case .corrections: "corrections/index.html"
            case .list(let kind, let page): Archive.path((kind.entry.list ?? kind.folder) + "/", page: page) + "index.html"
            case .month(let date, let page):
                Archive.path(TimelineMonth(date: date, events: []).path, page: page) + "index.html"
            case .listing(let id, let listing, let page): Archive.path(listing.path(of: id), page: page) + "index.html"
            case .search: "search/index.html"
            case .document(let id): id.path + "index.html"
            case .feed: "feed.xml"
            case .sitemap: "sitemap.xml"
            case .robots: "robots.txt"
            case .timelineJSON: "timeline.json"
            case .calendar: "events.ics"
            }
        }
    }

    /// Every file of the site, in a fixed order: the exports, feed and sitemap first, as they
    /// take longest. (Threads take the next job as they finish one; the calendar of 30,000
    /// events, about a second on one core, was last, and the other core had nothing left.)
    static func jobs(for graph: SiteGraph) -> [Job] {
        [.calendar, .timelineJSON] + (graph.site.baseURL == nil ? [] : [.feed, .sitemap]) + pageJobs(for: graph)
            + [.robots]
    }

    /// Every page of the site, in a fixed order: home, then kind by kind its list page and its
    /// documents in list order, then the corrections page and the 404 page.
    static func pageJobs(for graph: SiteGraph) -> [Job] {
        let archive = graph.archive
        var jobs: [Job] = [.home]
        for kind in ContentKind.documentKinds {
            let slugs = graph.order[kind] ?? []
            if kind.entry.list != nil {
                if kind == .event && archive.isTimelineSplit {
                    jobs.append(.list(kind, page: 1))
                    for month in archive.months {
                        jobs += (1...archive.pageCount(month.events.count)).map { .month(month.date, page: $0) }
                    }
                } else {
                    jobs += (1...(kind == .event ? 1 : archive.pageCount(slugs.count))).map { .list(kind, page: $0) }
                }
            }
            let listings = Listing.of(kind)
            for slug in slugs {
                let id = DocumentID(kind, slug)
                jobs.append(.document(id))
                for listing in listings {
                    let count = listing.count(for: id, in: graph)
                    let size = listing.pageSize(archive)
                    guard count > size else { continue }
                    jobs += (1...archive.pageCount(count, size: size)).map { .listing(id, listing, page: $0) }
                }
            }
        }
        return jobs + (graph.site.search ? [.search] : []) + [.corrections, .notFound]
    }

    /// Whether a document's page shows any of `changed` (slugs by kind): the document itself,
    /// the cards, rows and chips on it, or the people chips inside its timeline rows. Nil for
    /// the pages that list a section or the whole site (home, lists, timeline, feeds), which
    /// show nearly everything. A page that shows no changed document, in the old graph and
    /// the new, cannot change (`BuildSession` relies on it; its random-edit test checks it).
    /// Keep in step with the page functions below.
    static func shows(_ job: Job, anyOf changed: [ContentKind: Set<String>], in graph: SiteGraph) -> Bool? {
        func any(_ kind: ContentKind, _ slugs: [String]) -> Bool {
            guard let set = changed[kind] else { return false }
            return slugs.contains { set.contains($0) }
        }
        func any(_ references: [ContentReference]) -> Bool {
            references.contains { changed[$0.kind]?.contains($0.slug) == true }
        }
        func rows(_ events: [String]) -> Bool {
            any(.event, events) || events.contains { any(graph.events[$0]?.people ?? []) }
        }
        func backlinks(_ kind: ContentKind, _ slug: String) -> Bool {
            let id = DocumentID(kind, slug)
            return any(.brief, graph.naming(.brief, id)) || rows(graph.naming(.event, id))
        }
        guard case .document(let id) = job else { return nil }
        let slug = id.slug
        if changed[id.kind]?.contains(slug) == true { return true }
        // Every page lists the documents it cites, in front matter or inline in its body, by
        // title and publisher; and shows what else its front matter names.
        if let document = graph.document(id), any(document.allReferences) { return true }
        if any(.source, graph.body(id.kind, slug)?.citedSources.map(\.slug) ?? []) { return true }
        switch id.kind {
        case .brief:
            guard let b = graph.briefs[slug] else { return true }
            return any(b.allReferences) || rows(b.events.map(\.slug)) || any(.brief, graph.related[slug] ?? [])
        case .event:
            guard let e = graph.events[slug] else { return true }
            // On a split timeline an event's page links to the page of its month it is on,
            // which moves when another event's date does.
            let placeMayMove = graph.archive.isTimelineSplit && changed[.event]?.isEmpty == false
            return placeMayMove || any(e.allReferences) || backlinks(.event, slug)
        case .person:
            return any(graph.people[slug]?.allReferences ?? []) || backlinks(.person, slug)
        case .organization:
            return any(graph.organizations[slug]?.allReferences ?? []) || any(.person, graph.members[slug] ?? [])
                || backlinks(.organization, slug)
        case .topic:
            return backlinks(.topic, slug)
        case .source:
            return ContentKind.documentKinds.contains { any($0, graph.naming($0, id)) } || backlinks(.source, slug)
        case .page:
            return false
        case .site:
            return true
        }
    }

    /// A page ready to render: its template and the complete view model it is rendered with,
    /// or, for the feed, sitemap and robots.txt, the finished text. The view model is
    /// everything the page shows, so a page whose view model did not change renders to the
    /// same bytes (what `BuildSession` relies on to re-render only changed pages).
    struct Prepared {
        let path: String
        let template: String?
        var context: Fields
        let text: String?
    }

    func render(_ job: Job) -> OutputFile { render(prepare(job)) }

    func render(_ prepared: Prepared) -> OutputFile {
        if let text = prepared.text { return OutputFile(path: prepared.path, contents: text) }
        return OutputFile(path: prepared.path, contents: templates.render(prepared.context, with: prepared.template ?? ""))
    }

    func prepare(_ job: Job) -> Prepared {
        var prepared = prepareContent(job)
        if prepared.text == nil {
            let json = StructuredData(graph: graph).json(for: job)
            prepared.context["jsonLD"] = json ?? ""
            prepared.context["hasJSONLD"] = json != nil
        }
        return prepared
    }

    private func prepareContent(_ job: Job) -> Prepared {
        switch job {
        case .home: home()
        case .notFound: notFound()
        case .corrections: correctionsPage()
        case .list(let kind, let page): listPage(kind, page: page)
        case .month(let date, let page): monthPage(date, page: page)
        case .listing(let id, let listing, let page): listingPage(id, listing, page: page)
        case .document(let id): page(for: id)
        case .search: searchPage()
        case .feed: finished(Feeds.atom(graph, baseURL: site.baseURL ?? ""))
        case .sitemap:
            finished(
                Feeds.sitemap(
                    pages: Self.pageJobs(for: graph).filter { $0 != .search }.map(\.path).filter { $0.hasSuffix("index.html") }.map {
                        String($0.dropLast("index.html".count))
                    }, graph: graph, baseURL: site.baseURL ?? ""))
        case .robots: finished(Feeds.robots(baseURL: site.baseURL))
        case .timelineJSON: finished(Exports.timelineJSON(graph))
        case .calendar: finished(Exports.calendar(graph))
        }
    }

    // MARK: The table of kinds, as pages

    /// A document's page, by its kind, with its corrections and updates, and what the search
    /// index needs: that the page is indexed, and its filters.
    func page(for id: DocumentID) -> Prepared {
        if let typed = typedPage(id) { return typed }
        var prepared = kindPage(id)
        if let document = graph.document(id) {
            let updates = models(id.path).updates(document.updates)
            prepared.context["updates"] = updates
            prepared.context["hasUpdates"] = !updates.isEmpty
            if site.search {
                let filters = searchFilters(document).map { ["name": $0.name, "value": $0.value] as Fields }
                prepared.context["isSearchable"] = true
                prepared.context["searchFilters"] = filters
                prepared.context["hasSearchFilters"] = !filters.isEmpty
            }
        }
        return prepared
    }

    /// A document's page through its compiled template, when its page type has one and the
    /// templates' cached partials make its model (`TypedPages`); nil otherwise.
    private func typedPage(_ id: DocumentID) -> Prepared? {
        guard let typed = templates.typed else { return nil }
        switch id.kind {
        case .brief: return brief(id.slug, typed.brief)
        case .event: return event(id.slug, typed.event)
        case .person: return person(id.slug, typed.person)
        case .organization: return organization(id.slug, typed.organization)
        case .topic: return topic(id.slug, typed.topic)
        case .page: return page(id.slug, typed.page)
        case .source: return source(id.slug, typed.source)
        case .site: return nil
        }
    }

    /// The Pagefind filters of a document's page: its kind, and the people, organizations and
    /// topics it is about (a profile, organization or topic page is about itself).
    private func searchFilters(_ document: any Document) -> [SearchFilter] {
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

    /// The layout of a document's typed page: its head (`article` makes it an article's), its
    /// JSON-LD and its search filters; nil when the layout cannot be typed.
    private func documentLayout(
        _ document: any Document, title: String, description: String, section: Section, crumbs: [(String, String)],
        article: (PageHead) -> PageHead = { $0 }
    ) -> LayoutModel? {
        let pagePath = document.id.path
        let root = ContentURL.rootPrefix(from: pagePath)
        let head = pageHead(pagePath: pagePath, root: root, title: title, description: description, section: section, crumbs: crumbs)
        return LayoutModel(
            base: layoutBase(root: root, section: section).base, head: article(head),
            jsonLD: StructuredData(graph: graph).json(for: .document(document.id)), isSearchable: site.search,
            searchFilters: site.search ? searchFilters(document) : [])
    }

    /// The corrections and source list of a document's typed page; nil when a date cannot be typed.
    private func documentParts(_ document: any Document, _ vm: ViewModels) -> DocumentParts? {
        guard let updates = vm.updateEntries(document.updates),
            let sources = vm.sourceEntries(document.citations, cited: graph.body(document.id.kind, document.slug)?.citedSources ?? [])
        else { return nil }
        return DocumentParts(updates: updates, sources: sources)
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

    /// The search page: Pagefind's interface, and without JavaScript (or without the index, as
    /// under `sitegen serve`) the lists to browse instead.
    private func searchPage() -> Prepared {
        let intro = SearchPage.intro
        let root = ContentURL.rootPrefix(from: "search/")
        let lists = ContentKind.documentKinds.compactMap { kind -> SearchPage.ListLink? in
            guard let list = kind.entry.list, let heading = Self.listHeading(kind) else { return nil }
            return SearchPage.ListLink(label: heading.title, url: root + list + "/", intro: heading.intro)
        }
        if let render = templates.typed?.search,
            let layout = typedLayout(.search, pagePath: "search/", title: SearchPage.title, description: intro, section: .search)
        {
            return typed(render, SearchPage(layout: layout, lists: lists), path: "search/index.html")
        }
        return page(SearchPage.template, pagePath: "search/", title: SearchPage.title, description: intro, section: .search) { vm in
            [
                "intro": intro, "lists": lists.map { ["label": $0.label, "url": $0.url, "intro": $0.intro] as Fields },
                "pagefindScript": vm.root + "pagefind/pagefind-ui.js", "pagefindStylesheet": vm.root + "pagefind/pagefind-ui.css",
            ]
        }
    }

    /// The layout of a typed page at `pagePath`, with its JSON-LD; nil when the templates'
    /// header, footer and dates are not cached fragments (the page goes through swift-mustache).
    private func typedLayout(
        _ job: Job, pagePath: String, title: String, description: String, section: Section, crumbs: [(String, String)] = [],
        pager: Pager? = nil
    ) -> LayoutModel? {
        let root = ContentURL.rootPrefix(from: pagePath)
        return LayoutModel(
            base: layoutBase(root: root, section: section).base,
            head: pageHead(pagePath: pagePath, root: root, title: title, description: description, section: section, crumbs: crumbs),
            jsonLD: StructuredData(graph: graph).json(for: job), pager: pager)
    }

    /// A typed page rendered: its finished HTML.
    private func typed<M>(_ render: TemplateRenderer<M>, _ model: M, path: String) -> Prepared {
        var html = ""
        render(model, &html)
        return Prepared(path: path, template: nil, context: [:], text: html)
    }

    private func kindPage(_ id: DocumentID) -> Prepared {
        switch id.kind {
        case .brief: brief(id.slug)
        case .event: event(id.slug)
        case .person: person(id.slug)
        case .organization: organization(id.slug)
        case .topic: topic(id.slug)
        case .page: page(id.slug)
        case .source: source(id.slug)
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

    func listPage(_ kind: ContentKind, page: Int = 1) -> Prepared {
        switch kind {
        case .brief: list(.brief, page: page) { $0.briefCard($1, level: 2) }
        case .event: graph.archive.isTimelineSplit ? timelineIndex() : timelinePage()
        case .person: list(.person, page: page) { $0.personCard($1, level: 2) }
        case .organization: list(.organization, page: page) { $0.organizationCard($1, level: 2) }
        case .topic: list(.topic, page: page) { $0.topicCard($1, level: 2) }
        case .source: list(.source, page: page) { $0.sourceCard($1, level: 2) }
        case .page, .site: notFound()
        }
    }

    private func finished(_ file: OutputFile) -> Prepared {
        Prepared(path: file.path, template: nil, context: [:], text: file.contents)
    }

    private func models(_ pagePath: String) -> ViewModels {
        ViewModels(graph: graph, root: ContentURL.rootPrefix(from: pagePath), fragments: fragments)
    }

    // MARK: Layout

    private enum Section: Equatable {
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

    /// What the shared layout needs on every page.
    private func layout(
        pagePath: String, root: String, title: String, description: String, section: Section,
        crumbs: [(String, String)] = []
    ) -> Fields {
        var fields = layoutBase(root: root, section: section).fields
        // A page's own values come next: a brief's view model has some 70 in all.
        fields.reserveCapacity(96)
        let head = pageHead(pagePath: pagePath, root: root, title: title, description: description, section: section, crumbs: crumbs)
        fields.merge(head.fields, uniquingKeysWith: { _, page in page })
        return fields
    }

    /// A page's own part of the layout.
    private func pageHead(
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
    private func layoutBase(root: String, section: Section) -> (base: LayoutBase, fields: Fields) {
        let key = root + "|" + section.id
        if let base = layoutBases.byRootAndSection[key] { return base }
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
        let vm = ViewModels(graph: graph, root: root, fragments: fragments)
        let asOf = vm.date(site.asOf)
        let editors = site.editors.joined(separator: ", ")
        let siteHeader = fragments.item(
            .init(partial: .header, item: section.id, root: root), typed: \.header,
            model: {
                vm.dateModel(site.asOf).map {
                    SiteHeader(homeURL: root.isEmpty ? "./" : root, siteTitle: site.title, asOf: $0, nav: navigation)
                }
            }
        ) {
            ["homeURL": root.isEmpty ? "./" : root, "siteTitle": site.title, "asOf": asOf, "nav": navigation.map(\.fields)]
        }
        let siteFooter = fragments.item(
            .init(partial: .footer, item: "", root: root), typed: \.footer,
            model: {
                vm.dateModel(site.asOf).map {
                    SiteFooter(
                        siteTitle: site.title, siteDescription: site.description, asOf: $0, editors: site.editors,
                        feedURL: root + "feed.xml", hasFeed: site.baseURL != nil, contact: site.contact,
                        contactURL: site.contact.map(Self.contactURL) ?? "", correctionsURL: root + "corrections/")
                }
            }
        ) {
            [
                "siteTitle": site.title, "siteDescription": site.description, "asOf": asOf, "editors": editors,
                "hasEditors": !site.editors.isEmpty, "feedURL": root + "feed.xml", "hasFeed": site.baseURL != nil,
                "contact": site.contact ?? "", "contactURL": site.contact.map(Self.contactURL) ?? "",
                "hasContact": site.contact != nil, "correctionsURL": root + "corrections/",
            ]
        }
        let base = LayoutBase(
            lang: site.language, siteTitle: site.title, siteDescription: site.description, root: root,
            homeURL: root.isEmpty ? "./" : root, stylesheet: root + "assets/style.css", hasCanonical: site.baseURL != nil,
            feedURL: root + "feed.xml", hasFeed: site.baseURL != nil, editors: editors, hasEditors: !site.editors.isEmpty,
            nav: navigation, asOf: asOf, siteHeader: siteHeader ?? false, siteFooter: siteFooter ?? false)
        let made = (base, base.fields)
        layoutBases.byRootAndSection[key] = made
        return made
    }

    private func page(
        _ template: String, pagePath: String, title: String, description: String, section: Section,
        crumbs: [(String, String)] = [], fields: (ViewModels) -> Fields
    ) -> Prepared {
        let root = ContentURL.rootPrefix(from: pagePath)
        var context = layout(
            pagePath: pagePath, root: root, title: title, description: description, section: section, crumbs: crumbs)
        context.merge(fields(ViewModels(graph: graph, root: root, fragments: fragments))) { _, new in new }
        return Prepared(path: pagePath + "index.html", template: template, context: context, text: nil)
    }

    private func inTimelineOrder(_ references: [ContentReference]) -> [String] {
        references.map(\.slug).sorted { graph.timelineRank[$0, default: 0] < graph.timelineRank[$1, default: 0] }
    }

    private func bodyHTML(_ kind: ContentKind, _ slug: String) -> Any {
        bodies.html(DocumentID(kind, slug), in: graph)
    }

    // MARK: Pages

    /// How many scheduled events and featured briefs the home page shows at most.
    static let homeUpcoming = 5
    static let homeFeatured = 6

    /// What the home page shows, a bounded selection whatever the size of the site: featured
    /// and latest briefs, past and upcoming events, the people most named.
    private struct HomeSelection {
        let featured: [String]
        let latestBriefs: [String]
        let past: [String]
        let upcoming: [String]
        let moreUpcoming: MoreLink?
        let keyPeople: [String]
    }

    private func homeSelection(root: String) -> HomeSelection {
        let events = graph.timeline.compactMap { graph.events[$0] }
        let past = events.filter { !graph.isScheduled($0) }.suffix(5).reversed().map(\.slug)
        let scheduled = events.filter { graph.isScheduled($0) }.map(\.slug)
        let upcoming = Array(scheduled.prefix(Self.homeUpcoming))
        let featured = Array(graph.briefOrder.lazy.filter { graph.briefs[$0]?.isFeatured == true }.prefix(Self.homeFeatured))
        let moreUpcoming =
            scheduled.count > upcoming.count
            ? MoreLink(url: root + "timeline/", label: "All \(scheduled.count) scheduled events on the timeline") : nil
        let mentionCount: (String) -> Int = { slug in
            let id = DocumentID(.person, slug)
            return graph.naming(.brief, id).count + graph.naming(.event, id).count
        }
        let keyPeople = graph.peopleOrder.enumerated().sorted { a, b in
            let (ma, mb) = (mentionCount(a.element), mentionCount(b.element))
            return ma != mb ? ma > mb : a.offset < b.offset
        }.prefix(6).map(\.element)
        return HomeSelection(
            featured: featured, latestBriefs: Array(graph.briefOrder.filter { !featured.contains($0) }.prefix(4)), past: past,
            upcoming: upcoming, moreUpcoming: moreUpcoming, keyPeople: Array(keyPeople))
    }

    private func home() -> Prepared {
        if let render = templates.typed?.home,
            let layout = typedLayout(.home, pagePath: "", title: site.title, description: site.description, section: .home)
        {
            let vm = models("")
            let chosen = homeSelection(root: vm.root)
            if let featured = vm.briefCards(chosen.featured),
                let latestBriefs = vm.briefCards(chosen.latestBriefs),
                let latestEvents = vm.eventRows(chosen.past),
                let upcomingEvents = vm.eventRows(chosen.upcoming),
                let keyPeople = vm.personCards(chosen.keyPeople)
            {
                let model = HomePage(
                    layout: layout, intro: ViewModels.body(bodies.html(.site, in: graph)), featured: featured,
                    latestBriefs: latestBriefs, latestEvents: latestEvents, upcomingEvents: upcomingEvents,
                    moreUpcoming: chosen.moreUpcoming, keyPeople: keyPeople)
                return typed(render, model, path: "index.html")
            }
        }
        return page("home", pagePath: "", title: site.title, description: site.description, section: .home) { vm in
            let chosen = homeSelection(root: vm.root)
            return [
                "intro": bodies.html(.site, in: graph),
                "featured": chosen.featured.compactMap { vm.briefCard($0) }, "hasFeatured": !chosen.featured.isEmpty,
                "latestBriefs": chosen.latestBriefs.compactMap { vm.briefCard($0) },
                "latestEvents": chosen.past.compactMap { vm.eventRow($0) }, "hasLatestEvents": !chosen.past.isEmpty,
                "upcomingEvents": chosen.upcoming.compactMap { vm.eventRow($0) }, "hasUpcomingEvents": !chosen.upcoming.isEmpty,
                "moreUpcoming": chosen.moreUpcoming?.fields ?? false,
                "keyPeople": chosen.keyPeople.compactMap { vm.personCard($0) }, "hasKeyPeople": !chosen.keyPeople.isEmpty,
            ]
        }
    }

    /// A page of a kind's list (`/people/`, `/people/page/2/`): its list name is its path, its
    /// template and the key the items are under; the kind's documents in order, as cards.
    private func list(_ kind: ContentKind, page number: Int, card: (ViewModels, String) -> Any?) -> Prepared {
        let name = kind.entry.list ?? kind.folder
        let (heading, intro) = Self.listHeading(kind) ?? (name, "")
        let base = name + "/"
        let slugs = graph.order[kind] ?? []
        let pages = graph.archive.pageCount(slugs.count)
        let pagePath = Archive.path(base, page: number)
        if let render = templates.typed?.lists[kind],
            case let vm = models(pagePath),
            let layout = typedLayout(
                .list(kind, page: number), pagePath: pagePath, title: Self.title(heading, page: number, of: pages),
                description: intro, section: .kind(kind), crumbs: number == 1 ? [] : [(heading, base)],
                pager: Pager(base, page: number, of: pages, root: vm.root))
        {
            let items = graph.archive.page(slugs, number)
            var cards: [String]? = []
            var sources: [SourceCard]? = []
            if kind == .source {
                for slug in items {
                    guard let d = graph.documents(SourceDocument.self)[slug] else { continue }
                    guard let summary = vm.sourceSummaryModel(d) else {
                        sources = nil
                        break
                    }
                    sources?.append(SourceCard(summary: summary, cardLevel: 2))
                }
            } else {
                let all = items.compactMap { card(vm, $0) }
                let rendered = all.compactMap { ($0 as? Fragment)?.renderText }
                cards = rendered.count == all.count ? rendered : nil
            }
            if let cards, let sources {
                let model = ListPage(layout: layout, kind: kind, intro: intro, cards: cards, sources: sources, count: slugs.count)
                return typed(render, model, path: pagePath + "index.html")
            }
        }
        return page(
            name, pagePath: Archive.path(base, page: number), title: Self.title(heading, page: number, of: pages),
            description: intro, section: .kind(kind), crumbs: number == 1 ? [] : [(heading, base)]
        ) { vm in
            let items = graph.archive.page(slugs, number).compactMap { card(vm, $0) }
            return [
                "intro": intro, name: items, "isEmpty": items.isEmpty, "count": slugs.count,
                "pager": pager(base, page: number, of: pages, vm),
            ]
        }
    }

    /// "Briefs", or "Briefs, page 2 of 40" past the first page.
    static func title(_ title: String, page: Int, of pages: Int) -> String {
        page == 1 ? title : "\(title), page \(page) of \(pages)"
    }

    /// The pager of a series starting at `base` (see `Pager`), as a view model; false when
    /// the series is one page.
    private func pager(_ base: String, page current: Int, of count: Int, _ vm: ViewModels) -> Any {
        Pager(base, page: current, of: count, root: vm.root)?.fields ?? false
    }

    /// The first page of one of a document's lists, and the link to the list's own pages when
    /// it is longer than one page (or false).
    private func firstPage(_ id: DocumentID, _ listing: Listing, _ vm: ViewModels) -> (slugs: [String], more: MoreLink?) {
        let slugs = listing.slugs(for: id, in: graph) ?? []
        let size = listing.pageSize(graph.archive)
        return (Array(graph.archive.page(slugs, 1, size: size)), more(id, listing, total: slugs.count, vm))
    }

    /// The link to all of a document's list, when it is longer than a page.
    private func more(_ id: DocumentID, _ listing: Listing, total: Int, _ vm: ViewModels) -> MoreLink? {
        guard total > listing.pageSize(graph.archive) else { return nil }
        return MoreLink(url: vm.root + listing.path(of: id), label: listing.moreLabel(total))
    }

    /// Every key `listing.mustache` reads, empty: each page fills in its own list.
    private static var emptyListing: Fields {
        [
        "briefs": [Any](), "hasBriefs": false, "timeline": [Fields](), "hasTimeline": false, "people": [Any](),
        "hasPeople": false, "organizations": [Any](), "hasOrganizations": false, "quotes": [Fields](),
            "hasQuotes": false, "monthNav": false, "parentURL": "", "parentTitle": "", "hasParent": false,
        ]
    }

    /// A page of one of a document's lists: `people/marco-rubio/briefs/page/2/`.
    private func listingPage(_ id: DocumentID, _ listing: Listing, page number: Int) -> Prepared {
        guard let document = graph.document(id) else { return notFound() }
        let heading = listing.heading(of: id.kind, name: document.label)
        let total = listing.count(for: id, in: graph)
        let size = listing.pageSize(graph.archive)
        let pages = graph.archive.pageCount(total, size: size)
        let base = listing.path(of: id)
        var crumbs = crumbs(id.kind) + [(document.label, id.path)]
        if number > 1 { crumbs.append((heading, base)) }
        let pagePath = Archive.path(base, page: number)
        let title = Self.title(heading, page: number, of: pages)
        if let render = templates.typed?.listing,
            case let vm = models(pagePath),
            let layout = typedLayout(
                .listing(id, listing, page: number), pagePath: pagePath, title: title, description: heading + ".",
                section: .kind(id.kind), crumbs: crumbs, pager: Pager(base, page: number, of: pages, root: vm.root))
        {
            let intro = range(listing.noun, page: number, total: total, size: size)
            let parent = Crumb(label: document.label, url: vm.url(id.kind, id.slug))
            var model: ListingPage?
            if let slugs = listing.slugs(for: id, in: graph) {
                let items = Array(graph.archive.page(slugs, number, size: size))
                switch listing {
                case .briefs:
                    model = vm.briefCards(items, level: 2).map {
                        ListingPage(layout: layout, intro: intro, briefs: $0, parent: parent)
                    }
                case .timeline:
                    model = vm.timelineMonths(items, monthLevel: 2).map {
                        ListingPage(layout: layout, intro: intro, timeline: $0, parent: parent)
                    }
                case .members, .people:
                    model = vm.personCards(items, level: 2).map {
                        ListingPage(layout: layout, intro: intro, people: $0, parent: parent)
                    }
                case .organizations:
                    model = vm.organizationCards(items, level: 2).map {
                        ListingPage(layout: layout, intro: intro, organizations: $0, parent: parent)
                    }
                case .quotes: model = ListingPage(layout: layout, intro: intro, parent: parent)
                }
            } else {
                model = ListingPage(layout: layout, intro: intro, quotes: provenQuoteEntries(id.slug, page: number, vm), parent: parent)
            }
            if let model { return typed(render, model, path: pagePath + "index.html") }
        }
        return page(
            "listing", pagePath: Archive.path(base, page: number), title: Self.title(heading, page: number, of: pages),
            description: heading + ".", section: .kind(id.kind), crumbs: crumbs
        ) { vm in
            var fields = Self.emptyListing
            fields["intro"] = range(listing.noun, page: number, total: total, size: size)
            fields["parentURL"] = vm.url(id.kind, id.slug)
            fields["parentTitle"] = document.label
            fields["hasParent"] = true
            fields["pager"] = pager(base, page: number, of: pages, vm)
            guard let slugs = listing.slugs(for: id, in: graph) else {
                let quotes = provenQuotes(id.slug, page: number, vm)
                fields["quotes"] = quotes
                fields["hasQuotes"] = !quotes.isEmpty
                return fields
            }
            let items = Array(graph.archive.page(slugs, number, size: size))
            switch listing {
            case .briefs:
                fields["briefs"] = items.compactMap { vm.briefCard($0, level: 2) }
                fields["hasBriefs"] = true
            case .timeline:
                fields["timeline"] = vm.timeline(items, monthLevel: 2)
                fields["hasTimeline"] = true
            case .members, .people:
                fields["people"] = items.compactMap { vm.personCard($0, level: 2) }
                fields["hasPeople"] = true
            case .organizations:
                fields["organizations"] = items.compactMap { vm.organizationCard($0, level: 2) }
                fields["hasOrganizations"] = true
            case .quotes: break
            }
            return fields
        }
    }

    /// "Briefs 26–50 of 120." for page 2 of a list of 120 briefs; "12 events." for a list of one page.
    private func range(_ noun: String, page number: Int, total: Int, size: Int) -> String {
        guard total > size else { return "\(total) \(total == 1 ? String(noun.dropLast()) : noun)." }
        let first = min(total, (number - 1) * size + 1)
        return "\(noun.prefix(1).uppercased() + noun.dropFirst()) \(first)–\(min(total, number * size)) of \(total)."
    }

    /// The quotes a source document proves on page `number` of their list, each with the page it is on.
    private func provenQuoteEntries(_ slug: String, page number: Int, _ vm: ViewModels) -> [ProvenQuoteEntry] {
        graph.archive.page(graph.provenQuotes[slug] ?? [], number, size: graph.archive.quotePageSize).compactMap { quote in
            guard let page = graph.document(quote.page) else { return nil }
            return ProvenQuoteEntry(text: quote.text, pageTitle: page.label, pageURL: vm.url(page.id.kind, page.slug))
        }
    }

    private func provenQuotes(_ slug: String, page number: Int, _ vm: ViewModels) -> [Fields] {
        provenQuoteEntries(slug, page: number, vm).map { ["text": $0.text, "pageTitle": $0.pageTitle, "pageURL": $0.pageURL] }
    }

    /// The index of a split timeline: its months by year, each with how many events it has.
    private func timelineIndex() -> Prepared {
        let archive = graph.archive
        let intro =
            "Every event in this explainer, month by month. Events after \(site.asOf.displayText) are scheduled."
        if let render = templates.typed?.timeline,
            let layout = typedLayout(.list(.event, page: 1), pagePath: "timeline/", title: "Timeline", description: intro, section: .kind(.event))
        {
            let root = ContentURL.rootPrefix(from: "timeline/")
            var years: [TimelinePage.Year] = []
            for month in archive.months {
                let link = TimelinePage.MonthLink(
                    label: month.label, id: HeadingID.make(from: month.label), url: root + month.path, count: month.events.count)
                if years.last?.year == month.date.year {
                    years[years.count - 1] = TimelinePage.Year(year: month.date.year, months: years[years.count - 1].months + [link])
                } else {
                    years.append(TimelinePage.Year(year: month.date.year, months: [link]))
                }
            }
            let model = TimelinePage(layout: layout, intro: intro, timeline: [], years: years, isSplit: true, isEmpty: archive.months.isEmpty)
            return typed(render, model, path: "timeline/index.html")
        }
        return page("timeline", pagePath: "timeline/", title: "Timeline", description: intro, section: .kind(.event)) {
            vm in
            var years: [(year: Int, months: [Fields])] = []
            for month in archive.months {
                let n = month.events.count
                let entry: Fields = [
                    "label": month.label, "id": HeadingID.make(from: month.label), "url": vm.root + month.path,
                    "countText": n == 1 ? "1 event" : "\(n) events",
                ]
                if years.last?.year == month.date.year {
                    years[years.count - 1].months.append(entry)
                } else {
                    years.append((month.date.year, [entry]))
                }
            }
            let yearFields: [Fields] = years.map { ["year": String($0.year), "months": $0.months] }
            return [
                "intro": intro, "timeline": [Fields](), "isEmpty": archive.months.isEmpty, "isSplit": true,
                "years": yearFields,
            ]
        }
    }

    /// A page of one month of a split timeline, with links to the months before and after.
    private func monthPage(_ date: PartialDate, page number: Int) -> Prepared {
        let archive = graph.archive
        guard let index = archive.monthIndex[date] else { return notFound() }
        let month = archive.months[index]
        let heading = "Timeline: " + month.label
        let pages = archive.pageCount(month.events.count)
        var crumbs = crumbs(.event)
        if number > 1 { crumbs.append((heading, month.path)) }
        let pagePath = Archive.path(month.path, page: number)
        let description = "The events of \(month.label) in this explainer, in order."
        if let render = templates.typed?.listing,
            case let vm = models(pagePath),
            let layout = typedLayout(
                .month(date, page: number), pagePath: pagePath, title: Self.title(heading, page: number, of: pages),
                description: description, section: .kind(.event), crumbs: crumbs,
                pager: Pager(month.path, page: number, of: pages, root: vm.root)),
            let timeline = vm.timelineMonths(Array(archive.page(month.events, number)), monthLevel: 2)
        {
            func neighbour(_ i: Int) -> Crumb? {
                archive.months.indices.contains(i) ? Crumb(label: archive.months[i].label, url: vm.root + archive.months[i].path) : nil
            }
            let model = ListingPage(
                layout: layout, intro: range("events", page: number, total: month.events.count, size: archive.pageSize),
                timeline: timeline, monthNav: MonthNav(prev: neighbour(index - 1), next: neighbour(index + 1)))
            return typed(render, model, path: pagePath + "index.html")
        }
        return page(
            "listing", pagePath: Archive.path(month.path, page: number), title: Self.title(heading, page: number, of: pages),
            description: "The events of \(month.label) in this explainer, in order.", section: .kind(.event),
            crumbs: crumbs
        ) { vm in
            var fields = Self.emptyListing
            fields["intro"] = range("events", page: number, total: month.events.count, size: archive.pageSize)
            fields["timeline"] = vm.timeline(Array(archive.page(month.events, number)), monthLevel: 2)
            fields["hasTimeline"] = true
            fields["pager"] = pager(month.path, page: number, of: pages, vm)
            func neighbour(_ i: Int) -> Any {
                guard archive.months.indices.contains(i) else { return false }
                let fields: Fields = ["label": archive.months[i].label, "url": vm.root + archive.months[i].path]
                return fields
            }
            let nav: Fields = ["prev": neighbour(index - 1), "next": neighbour(index + 1)]
            fields["monthNav"] = nav
            return fields
        }
    }

    /// The crumbs above a document of `kind`: Home and its list page.
    private func crumbs(_ kind: ContentKind) -> [(String, String)] {
        guard let list = kind.entry.list, let heading = Self.listHeading(kind) else { return [] }
        return [(heading.title, list + "/")]
    }

    /// A brief's page through its compiled template; nil when its model cannot be typed.
    private func brief(_ slug: String, _ render: TemplateRenderer<BriefPage>) -> Prepared? {
        let b = graph.briefs[slug]!
        let body = graph.body(.brief, slug)
        let vm = models(b.id.path)
        let related = graph.related[slug] ?? []
        guard
            let layout = documentLayout(
                b, title: b.title, description: b.summary, section: .kind(.brief), crumbs: crumbs(.brief),
                article: { $0.article(image: b.image, published: b.date, modified: b.lastUpdated ?? b.date) }),
            let parts = documentParts(b, vm), let date = vm.dateModel(b.date),
            let people = vm.personCards(b.people.map(\.slug)),
            let events = vm.eventRows(inTimelineOrder(b.events)),
            let relatedCards = vm.briefCards(related)
        else { return nil }
        var updated: DateModel?
        if let last = b.lastUpdated {
            guard let model = vm.dateModel(last) else { return nil }
            updated = model
        }
        let model = BriefPage(
            layout: layout, brief: b, parts: parts, date: date, updated: updated, readingMinutes: body?.readingMinutes ?? 1,
            wordCount: body?.wordCount ?? 0,
            toc: (body?.toc ?? []).map { ContentsEntry(id: $0.id, text: $0.text, isSub: $0.level == 3) },
            body: ViewModels.body(bodies.html(b.id, in: graph)), people: people, events: events, related: relatedCards,
            organizations: b.organizations.compactMap(vm.chipModel), topics: b.topics.compactMap(vm.chipModel),
            hasRelated: !related.isEmpty)
        return typed(render, model, path: b.id.path + "index.html")
    }

    private func brief(_ slug: String) -> Prepared {
        let b = graph.briefs[slug]!
        let body = graph.body(.brief, slug)
        let html = bodies.html(b.id, in: graph)
        return page(
            "brief", pagePath: ContentURL.path(.brief, slug), title: b.title, description: b.summary,
            section: .kind(.brief), crumbs: crumbs(.brief)
        ) { vm in
            let sourceList = vm.sourceList(b.citations, cited: graph.body(.brief, slug)?.citedSources ?? [])
            let toc = (body?.toc ?? []).map { ["id": $0.id, "text": $0.text, "isSub": $0.level == 3] as Fields }
            let related = graph.related[slug] ?? []
            return [
                "summary": b.summary, "kindLabel": b.kind.label, "kind": b.kind.rawValue, "isDraft": b.isDraft,
                "image": b.image ?? site.image ?? "", "hasImage": (b.image ?? site.image) != nil,
                "publishedTime": b.date.iso, "modifiedTime": (b.lastUpdated ?? b.date).iso, "hasArticleTimes": true,
                "date": vm.date(b.date), "updated": b.lastUpdated.map { vm.date($0) } ?? false,
                "readingMinutes": body?.readingMinutes ?? 1, "wordCount": body?.wordCount ?? 0,
                "toc": toc, "hasTOC": toc.count >= 3, "body": html,
                "people": b.people.compactMap { vm.personCard($0.slug) }, "hasPeople": !b.people.isEmpty,
                "events": inTimelineOrder(b.events).compactMap { vm.eventRow($0) }, "hasEvents": !b.events.isEmpty,
                "organizations": b.organizations.compactMap { vm.chip($0) },
                "hasOrganizations": !b.organizations.isEmpty,
                "topics": b.topics.compactMap { vm.chip($0) }, "hasTopics": !b.topics.isEmpty,
                "sources": sourceList, "hasSources": !sourceList.isEmpty,
                "related": related.compactMap { vm.briefCard($0) }, "hasRelated": !related.isEmpty,
            ]
        }
    }

    private func timelinePage() -> Prepared {
        let intro = "Every event in this explainer in order. Events after \(site.asOf.displayText) are scheduled."
        if let render = templates.typed?.timeline,
            let layout = typedLayout(.list(.event, page: 1), pagePath: "timeline/", title: "Timeline", description: intro, section: .kind(.event)),
            let months = models("timeline/").timelineMonths(graph.timeline, monthLevel: 2)
        {
            let model = TimelinePage(
                layout: layout, intro: intro, timeline: months, years: [], isSplit: false, isEmpty: graph.timeline.isEmpty)
            return typed(render, model, path: "timeline/index.html")
        }
        return page("timeline", pagePath: "timeline/", title: "Timeline", description: intro, section: .kind(.event)) {
            vm in
            [
                "intro": intro, "timeline": vm.timeline(graph.timeline, monthLevel: 2), "isEmpty": graph.timeline.isEmpty,
                "isSplit": false, "years": [Fields](),
            ]
        }
    }

    /// `backlinks` typed; nil when a card or row is not a cached fragment.
    private func typedBacklinks(_ kind: ContentKind, _ slug: String, _ vm: ViewModels) -> Backlinks? {
        let id = DocumentID(kind, slug)
        let briefs = firstPage(id, .briefs, vm)
        let events = firstPage(id, .timeline, vm)
        guard let cards = vm.briefCards(briefs.slugs),
            let timeline = vm.timelineMonths(events.slugs)
        else { return nil }
        return Backlinks(
            briefs: cards, hasBriefs: !briefs.slugs.isEmpty, moreBriefs: briefs.more, timeline: timeline,
            hasTimeline: !events.slugs.isEmpty, moreTimeline: events.more)
    }

    /// The briefs and events naming a document: their first pages, and links to all of them.
    private func backlinks(_ kind: ContentKind, _ slug: String, _ vm: ViewModels) -> Fields {
        let id = DocumentID(kind, slug)
        let briefs = firstPage(id, .briefs, vm)
        let events = firstPage(id, .timeline, vm)
        return [
            "briefs": briefs.slugs.compactMap { vm.briefCard($0) }, "hasBriefs": !briefs.slugs.isEmpty,
            "moreBriefs": briefs.more?.fields ?? false,
            "timeline": vm.timeline(events.slugs), "hasTimeline": !events.slugs.isEmpty,
            "moreTimeline": events.more?.fields ?? false,
        ]
    }

    /// An event's page through its compiled template; nil when its model cannot be typed.
    private func event(_ slug: String, _ render: TemplateRenderer<EventPage>) -> Prepared? {
        let e = graph.events[slug]!
        let vm = models(e.id.path)
        guard
            let layout = documentLayout(
                e, title: e.title, description: graph.body(.event, slug)?.leadText.nonEmpty ?? e.title, section: .kind(.event),
                crumbs: crumbs(.event)),
            let parts = documentParts(e, vm), let date = vm.dateModel(e.date, end: e.end),
            let people = vm.personCards(e.people.map(\.slug)),
            let backlinks = typedBacklinks(.event, slug, vm)
        else { return nil }
        let model = EventPage(
            layout: layout, event: e, parts: parts, date: date, isScheduled: graph.isScheduled(e),
            body: ViewModels.body(bodyHTML(.event, slug)), people: people, organizations: e.organizations.compactMap(vm.chipModel),
            topics: e.topics.compactMap(vm.chipModel), backlinks: backlinks, timelineURL: vm.root + graph.archive.timelinePath(of: slug))
        return typed(render, model, path: e.id.path + "index.html")
    }

    private func event(_ slug: String) -> Prepared {
        let e = graph.events[slug]!
        return page(
            "event", pagePath: ContentURL.path(.event, slug), title: e.title,
            description: graph.body(.event, slug)?.leadText.nonEmpty ?? e.title, section: .kind(.event),
            crumbs: crumbs(.event)
        ) { vm in
            let sourceList = vm.sourceList(e.citations, cited: graph.body(.event, slug)?.citedSources ?? [])
            var fields: Fields = [
                "date": vm.date(e.date, end: e.end), "isScheduled": graph.isScheduled(e),
                "location": e.location ?? "", "hasLocation": e.location != nil, "body": bodyHTML(.event, slug),
                "people": e.people.compactMap { vm.personCard($0.slug) }, "hasPeople": !e.people.isEmpty,
                "organizations": e.organizations.compactMap { vm.chip($0) },
                "hasOrganizations": !e.organizations.isEmpty,
                "topics": e.topics.compactMap { vm.chip($0) }, "hasTopics": !e.topics.isEmpty,
                "sources": sourceList, "hasSources": !sourceList.isEmpty,
                "timelineURL": vm.root + graph.archive.timelinePath(of: slug),
            ]
            fields.merge(backlinks(.event, slug, vm)) { a, _ in a }
            return fields
        }
    }

    /// A person's page through its compiled template; nil when its model cannot be typed.
    private func person(_ slug: String, _ render: TemplateRenderer<PersonPage>) -> Prepared? {
        let p = graph.people[slug]!
        let vm = models(p.id.path)
        guard
            let layout = documentLayout(p, title: p.name, description: p.summary, section: .kind(.person), crumbs: crumbs(.person)),
            let parts = documentParts(p, vm), let quotes = quoteEntries(p.quotes, vm), let backlinks = typedBacklinks(.person, slug, vm)
        else { return nil }
        let model = PersonPage(
            layout: layout, person: p, parts: parts, body: ViewModels.body(bodyHTML(.person, slug)),
            affiliations: p.affiliations.compactMap(vm.chipModel), quotes: quotes, backlinks: backlinks)
        return typed(render, model, path: p.id.path + "index.html")
    }

    /// A person's quotes, typed; nil when a date cannot be typed.
    private func quoteEntries(_ quotes: [Quote], _ vm: ViewModels) -> [QuoteEntry]? {
        var entries: [QuoteEntry] = []
        for q in quotes {
            var date: DateModel?
            if let start = q.date {
                guard let model = vm.dateModel(start) else { return nil }
                date = model
            }
            entries.append(
                QuoteEntry(
                    text: q.text, date: date, context: q.context,
                    documentTitle: graph.documents(SourceDocument.self)[q.source.slug]?.title ?? "",
                    documentURL: vm.url(.source, q.source.slug), reportedBy: vm.outletLink(q.reportedBy)))
        }
        return entries
    }

    private func person(_ slug: String) -> Prepared {
        let p = graph.people[slug]!
        return page(
            "person", pagePath: ContentURL.path(.person, slug), title: p.name, description: p.summary,
            section: .kind(.person), crumbs: crumbs(.person)
        ) { vm in
            let sourceList = vm.sourceList(p.citations, cited: graph.body(.person, slug)?.citedSources ?? [])
            var fields: Fields = [
                "name": p.name, "role": p.role, "summary": p.summary, "country": p.country ?? "",
                "hasCountry": p.country != nil, "aliases": p.aliases.joined(separator: ", "),
                "hasAliases": !p.aliases.isEmpty,
                "affiliations": p.affiliations.compactMap { vm.chip($0) }, "hasAffiliations": !p.affiliations.isEmpty,
                "quotes": vm.quotes(p.quotes), "hasQuotes": !p.quotes.isEmpty,
                "sources": sourceList, "hasSources": !sourceList.isEmpty,
                "body": bodyHTML(.person, slug),
            ]
            fields.merge(backlinks(.person, slug, vm)) { a, _ in a }
            return fields
        }
    }

    /// An organization's page through its compiled template; nil when its model cannot be typed.
    private func organization(_ slug: String, _ render: TemplateRenderer<OrganizationPage>) -> Prepared? {
        let o = graph.organizations[slug]!
        let vm = models(o.id.path)
        let (members, moreMembers) = firstPage(o.id, .members, vm)
        guard
            let layout = documentLayout(
                o, title: o.name, description: o.summary, section: .kind(.organization), crumbs: crumbs(.organization)),
            let parts = documentParts(o, vm), let cards = vm.personCards(members),
            let backlinks = typedBacklinks(.organization, slug, vm)
        else { return nil }
        let model = OrganizationPage(
            layout: layout, organization: o, parts: parts, body: ViewModels.body(bodyHTML(.organization, slug)), members: cards,
            hasMembers: !members.isEmpty, moreMembers: moreMembers, backlinks: backlinks)
        return typed(render, model, path: o.id.path + "index.html")
    }

    private func organization(_ slug: String) -> Prepared {
        let o = graph.organizations[slug]!
        return page(
            "organization", pagePath: ContentURL.path(.organization, slug), title: o.name,
            description: o.summary, section: .kind(.organization), crumbs: crumbs(.organization)
        ) { vm in
            let sourceList = vm.sourceList(o.citations, cited: graph.body(.organization, slug)?.citedSources ?? [])
            let (members, moreMembers) = firstPage(o.id, .members, vm)
            var fields: Fields = [
                "moreMembers": moreMembers?.fields ?? false,
                "name": o.name, "shortName": o.shortName ?? "", "hasShortName": o.shortName != nil,
                "kindLabel": o.kind.label, "country": o.country ?? "", "hasCountry": o.country != nil,
                "summary": o.summary, "body": bodyHTML(.organization, slug),
                "members": members.compactMap { vm.personCard($0) }, "hasMembers": !members.isEmpty,
                "sources": sourceList, "hasSources": !sourceList.isEmpty,
            ]
            fields.merge(backlinks(.organization, slug, vm)) { a, _ in a }
            return fields
        }
    }

    /// A topic's page through its compiled template; nil when its model cannot be typed.
    private func topic(_ slug: String, _ render: TemplateRenderer<TopicPage>) -> Prepared? {
        let t = graph.topics[slug]!
        let vm = models(t.id.path)
        guard
            let layout = documentLayout(t, title: t.title, description: t.summary, section: .kind(.topic), crumbs: crumbs(.topic)),
            let parts = documentParts(t, vm), let backlinks = typedBacklinks(.topic, slug, vm)
        else { return nil }
        let model = TopicPage(
            layout: layout, summary: t.summary, parts: parts, body: ViewModels.body(bodyHTML(.topic, slug)), backlinks: backlinks)
        return typed(render, model, path: t.id.path + "index.html")
    }

    private func topic(_ slug: String) -> Prepared {
        let t = graph.topics[slug]!
        return page(
            "topic", pagePath: ContentURL.path(.topic, slug), title: t.title, description: t.summary,
            section: .kind(.topic), crumbs: crumbs(.topic)
        ) { vm in
            let sourceList = vm.sourceList(t.citations, cited: graph.body(.topic, slug)?.citedSources ?? [])
            var fields: Fields = [
                "summary": t.summary, "body": bodyHTML(.topic, slug), "sources": sourceList,
                "hasSources": !sourceList.isEmpty,
            ]
            fields.merge(backlinks(.topic, slug, vm)) { a, _ in a }
            return fields
        }
    }

    /// A page of `pages/` through its compiled template; nil when its model cannot be typed.
    private func page(_ slug: String, _ render: TemplateRenderer<StaticPage>) -> Prepared? {
        let p = graph.pages[slug]!
        let vm = models(p.id.path)
        guard let layout = documentLayout(p, title: p.title, description: p.summary, section: .page(slug), crumbs: []),
            let parts = documentParts(p, vm)
        else { return nil }
        let model = StaticPage(layout: layout, summary: p.summary, parts: parts, body: ViewModels.body(bodyHTML(.page, slug)))
        return typed(render, model, path: p.id.path + "index.html")
    }

    private func page(_ slug: String) -> Prepared {
        let p = graph.pages[slug]!
        return page(
            "page", pagePath: ContentURL.path(.page, slug), title: p.title, description: p.summary,
            section: .page(slug), crumbs: []
        ) { vm in
            let sourceList = vm.sourceList(p.citations, cited: graph.body(.page, slug)?.citedSources ?? [])
            return [
                "summary": p.summary, "body": bodyHTML(.page, slug), "sources": sourceList,
                "hasSources": !sourceList.isEmpty,
            ]
        }
    }

    /// What a source document's page says of it: a description, and what it does not say of itself.
    private static func about(_ d: SourceDocument) -> (description: String, unknown: [String]) {
        var unknown: [String] = []
        if d.publisher == nil { unknown.append("who published it") }
        if d.author == nil { unknown.append("who wrote it (it has no byline)") }
        if d.date == nil { unknown.append("when it was published (it carries no date)") }
        let description =
            "\(d.kind.label)" + (d.publisher.map { " published by \($0)" } ?? ", publisher not given")
            + (d.date.map { ", \($0.displayText)" } ?? ", undated") + "."
        return (description, unknown)
    }

    /// The text of a document as received, as paragraphs of plain text: line endings made one,
    /// and the characters HTML cannot carry (controls, U+FFFE, U+FFFF) left out.
    private static func paragraphs(_ d: SourceDocument) -> [String] {
        guard d.publishesText else { return [] }
        return Self.printable(d.body.text).components(separatedBy: "\n\n")
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }.filter { !$0.isEmpty }
    }

    /// A source document's page through its compiled template; nil when its model cannot be typed.
    private func source(_ slug: String, _ render: TemplateRenderer<SourcePage>) -> Prepared? {
        let d = graph.documents(SourceDocument.self)[slug]!
        let (description, unknown) = Self.about(d)
        let vm = models(d.id.path)
        let (people, morePeople) = firstPage(d.id, .people, vm)
        let (organizations, moreOrganizations) = firstPage(d.id, .organizations, vm)
        let quoteCount = graph.provenQuotes[slug]?.count ?? 0
        guard
            let layout = documentLayout(d, title: d.title, description: description, section: .kind(.source), crumbs: crumbs(.source)),
            let summary = vm.sourceSummaryModel(d), let parts = documentParts(d, vm),
            let peopleCards = vm.personCards(people),
            let organizationCards = vm.organizationCards(organizations),
            let backlinks = typedBacklinks(.source, slug, vm)
        else { return nil }
        let model = SourcePage(
            layout: layout, summary: summary, parts: parts, description: description, unknown: unknown,
            quotes: provenQuoteEntries(slug, page: 1, vm), quoteCount: quoteCount,
            moreQuotes: more(d.id, .quotes, total: quoteCount, vm), people: peopleCards, morePeople: morePeople,
            organizations: organizationCards, moreOrganizations: moreOrganizations, publishesText: d.publishesText,
            paragraphs: Self.paragraphs(d), backlinks: backlinks)
        return typed(render, model, path: d.id.path + "index.html")
    }

    private func source(_ slug: String) -> Prepared {
        let d = graph.documents(SourceDocument.self)[slug]!
        let (description, unknown) = Self.about(d)
        return page(
            "source", pagePath: ContentURL.path(.source, slug), title: d.title, description: description,
            section: .kind(.source), crumbs: crumbs(.source)
        ) { vm in
            let id = d.id
            // Every quote on the site found in this document, with the page it is on.
            let quotes = provenQuotes(slug, page: 1, vm)
            let quoteCount = graph.provenQuotes[slug]?.count ?? 0
            let (people, morePeople) = firstPage(id, .people, vm)
            let (organizations, moreOrganizations) = firstPage(id, .organizations, vm)
            let paragraphs = Self.paragraphs(d)
            var fields = vm.sourceSummary(d)
            fields.merge(
                [
                    "description": description, "unknown": unknown.joined(separator: "; "), "hasUnknown": !unknown.isEmpty,
                    "quotes": quotes, "hasQuotes": !quotes.isEmpty, "quoteCount": quoteCount,
                    "moreQuotes": more(id, .quotes, total: quoteCount, vm)?.fields ?? false,
                    "morePeople": morePeople?.fields ?? false, "moreOrganizations": moreOrganizations?.fields ?? false,
                    "people": people.compactMap { vm.personCard($0) }, "hasPeople": !people.isEmpty,
                    "organizations": organizations.compactMap { vm.organizationCard($0) },
                    "hasOrganizations": !organizations.isEmpty,
                    "publishesText": d.publishesText, "paragraphs": paragraphs,
                ], uniquingKeysWith: { _, new in new })
            fields.merge(backlinks(.source, slug, vm)) { a, _ in a }
            return fields
        }
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

    /// Every update of every published document, newest first.
    private func correctionsPage() -> Prepared {
        let intro = CorrectionsPage.intro
        let title = CorrectionsPage.title
        let root = ContentURL.rootPrefix(from: "corrections/")
        let vm = ViewModels(graph: graph, root: root, fragments: fragments)
        var updates: [(date: PartialDate, title: String, update: Update, anchor: String, document: any Document)] = []
        for document in graph.allDocuments {
            for (anchor, update) in zip(Update.anchors(document.updates), document.updates) {
                updates.append((update.date, document.label, update, anchor, document))
            }
        }
        updates.sort { ($0.date, $1.title) > ($1.date, $0.title) }
        let contactURL = site.contact.map(Self.contactURL) ?? ""
        if let render = templates.typed?.corrections,
            let layout = typedLayout(.corrections, pagePath: "corrections/", title: title, description: intro, section: .none)
        {
            let entries = updates.compactMap { u -> CorrectionsPage.Entry? in
                DateModel(vm.date(u.update.date)).map {
                    CorrectionsPage.Entry(
                        date: $0, kindLabel: u.update.kind.label, note: u.update.note, pageTitle: u.document.label,
                        pageURL: vm.url(u.document.id.kind, u.document.slug) + "#" + u.anchor)
                }
            }
            if entries.count == updates.count {
                let model = CorrectionsPage(layout: layout, intro: intro, entries: entries, contact: site.contact, contactURL: contactURL)
                return typed(render, model, path: "corrections/index.html")
            }
        }
        return page(CorrectionsPage.template, pagePath: "corrections/", title: title, description: intro, section: .none) { vm in
            [
                "intro": intro,
                "entries": updates.map { u -> Fields in
                    [
                        "date": vm.date(u.update.date), "kindLabel": u.update.kind.label, "note": u.update.note,
                        "pageTitle": u.document.label, "pageURL": vm.url(u.document.id.kind, u.document.slug) + "#" + u.anchor,
                    ]
                },
                "isEmpty": updates.isEmpty, "contact": site.contact ?? "", "contactURL": contactURL,
                "hasContact": site.contact != nil,
            ]
        }
    }

    /// The 404 page is served at any depth, so its links start from the site's own root path.
    /// The 404 page: through its typed model and compiled template when the templates have
    /// them (`TypedPages`), else through swift-mustache with the same values.
    private func notFound() -> Prepared {
        var root = "/"
        if let base = site.baseURL, let schemeEnd = base.range(of: "://") {
            let afterScheme = base[schemeEnd.upperBound...]
            root = afterScheme.firstIndex(of: "/").map { String(afterScheme[$0...]) } ?? "/"
        }
        let title = "Page not found"
        let description = "This page does not exist."
        let vm = ViewModels(graph: graph, root: root, fragments: fragments)
        let latestBriefs = graph.briefOrder.prefix(3).compactMap { vm.briefCard($0) }
        if let render = templates.typed?.notFound,
            let layout = LayoutModel(
                base: layoutBase(root: root, section: .none).base,
                head: pageHead(pagePath: "404.html", root: root, title: title, description: description, section: .none, crumbs: [])
                    .withoutCanonical,
                jsonLD: StructuredData(graph: graph).json(for: .notFound)),
            let cards: [Rendered<BriefCard>] = ViewModels.fragments(latestBriefs)
        {
            return typed(render, NotFoundPage(layout: layout, latestBriefs: cards), path: NotFoundPage.path)
        }
        var context = layout(pagePath: "404.html", root: root, title: title, description: description, section: .none)
        context["canonical"] = ""
        context["hasCanonical"] = false
        context["latestBriefs"] = latestBriefs
        return Prepared(path: NotFoundPage.path, template: NotFoundPage.template, context: context, text: nil)
    }
}

extension String {
    var nonEmpty: String? { isEmpty ? nil : self }
}
