/// A page of one of a document's lists (`people/marco-rubio/briefs/page/2/`: briefs, events,
/// members, people, organizations or proven quotes), or of a month of a split timeline. One
/// list is filled; the others are empty.
final class ListingPage: TemplateModel {
    let layout: LayoutModel
    let intro: String
    let briefs: [Card<BriefCard>]?
    let timeline: [MonthGroup]?
    let people: [Card<PersonCard>]?
    let organizations: [Card<OrganizationCard>]?
    let quotes: [ProvenQuoteEntry]?
    let monthNav: MonthNav?
    /// The document whose list this is.
    let parent: Crumb?

    init(
        layout: LayoutModel, intro: String, briefs: [Card<BriefCard>]? = nil, timeline: [MonthGroup]? = nil,
        people: [Card<PersonCard>]? = nil, organizations: [Card<OrganizationCard>]? = nil, quotes: [ProvenQuoteEntry]? = nil,
        monthNav: MonthNav? = nil, parent: Crumb? = nil
    ) {
        (self.layout, self.intro, self.briefs, self.timeline, self.people) = (layout, intro, briefs, timeline, people)
        (self.organizations, self.quotes, self.monthNav, self.parent) = (organizations, quotes, monthNav, parent)
    }

    static let schema = TemplateSchema<ListingPage>(
        "a list's page",
        LayoutModel.entries { $0.layout } + [
            .text("intro") { $0.intro }, .list("briefs") { $0.briefs ?? [] }, .flag("hasBriefs") { $0.briefs != nil },
            .list("timeline") { $0.timeline ?? [] }, .flag("hasTimeline") { $0.timeline != nil },
            .list("people") { $0.people ?? [] }, .flag("hasPeople") { $0.people != nil },
            .list("organizations") { $0.organizations ?? [] }, .flag("hasOrganizations") { $0.organizations != nil },
            .list("quotes") { $0.quotes ?? [] }, .flag("hasQuotes") { !($0.quotes ?? []).isEmpty },
            .optional("monthNav") { $0.monthNav }, .text("parentURL") { $0.parent?.url ?? "" },
            .text("parentTitle") { $0.parent?.label ?? "" }, .flag("hasParent") { $0.parent != nil },
        ])

    static let template = "listing"
}

extension PageRenderer {
    /// A page of one of a document's lists: `people/marco-rubio/briefs/page/2/`.
    func listingPage(_ id: DocumentID, _ listing: Listing, page number: Int) -> OutputFile {
        guard let document = graph.document(id) else { return notFound() }
        let heading = listing.heading(of: id.kind, name: document.label)
        let shown = listing.page(number, for: id, in: graph)
        let total = shown?.count ?? listing.count(for: id, in: graph)
        let size = listing.pageSize(graph.pagination)
        let pages = graph.pagination.pageCount(total, size: size)
        let base = listing.path(of: id)
        var crumbs = crumbs(id.kind) + [(document.label, id.path)]
        if number > 1 { crumbs.append((heading, base)) }
        let pagePath = Pagination.path(base, page: number)
        let vm = models(pagePath)
        let layout = layout(
            .documentList(id, listing, page: number), pagePath: pagePath, title: Self.title(heading, page: number, of: pages),
            description: heading + ".", section: .kind(id.kind), crumbs: crumbs, pager: Pager(base, page: number, of: pages, root: vm.root))
        let intro = range(listing.noun, page: number, total: total, size: size)
        let parent = Crumb(label: document.label, url: vm.url(id.kind, id.slug))
        let model: ListingPage
        if let items = shown?.slugs {
            switch listing {
            case .briefs: model = ListingPage(layout: layout, intro: intro, briefs: vm.briefCards(items, level: 2), parent: parent)
            case .timeline:
                model = ListingPage(layout: layout, intro: intro, timeline: vm.timeline(Array(items), monthLevel: 2), parent: parent)
            case .members, .people:
                model = ListingPage(layout: layout, intro: intro, people: vm.personCards(items, level: 2), parent: parent)
            case .organizations:
                model = ListingPage(layout: layout, intro: intro, organizations: vm.organizationCards(items, level: 2), parent: parent)
            case .quotes: model = ListingPage(layout: layout, intro: intro, parent: parent)
            }
        } else {
            model = ListingPage(layout: layout, intro: intro, quotes: provenQuotes(id.slug, page: number, vm), parent: parent)
        }
        return rendered(\.listing, model, path: pagePath + "index.html")
    }

    /// A page of one month of a split timeline, with links to the months before and after.
    func monthPage(_ date: PartialDate, page number: Int) -> OutputFile {
        let archive = graph.pagination
        guard let index = archive.monthIndex[date] else { return notFound() }
        let month = archive.months[index]
        let heading = "Timeline: " + month.label
        let pages = archive.pageCount(month.events.count)
        var crumbs = crumbs(.event)
        if number > 1 { crumbs.append((heading, month.path)) }
        let pagePath = Pagination.path(month.path, page: number)
        let vm = models(pagePath)
        let layout = layout(
            .month(date, page: number), pagePath: pagePath, title: Self.title(heading, page: number, of: pages),
            description: "The events of \(month.label) in this explainer, in order.", section: .kind(.event), crumbs: crumbs,
            pager: Pager(month.path, page: number, of: pages, root: vm.root))
        func neighbour(_ i: Int) -> Crumb? {
            archive.months.indices.contains(i) ? Crumb(label: archive.months[i].label, url: vm.root + archive.months[i].path) : nil
        }
        let model = ListingPage(
            layout: layout, intro: range("events", page: number, total: month.events.count, size: archive.pageSize),
            timeline: vm.timeline(Array(archive.page(month.events, number)), monthLevel: 2),
            monthNav: MonthNav(prev: neighbour(index - 1), next: neighbour(index + 1)))
        return rendered(\.listing, model, path: pagePath + "index.html")
    }
}
