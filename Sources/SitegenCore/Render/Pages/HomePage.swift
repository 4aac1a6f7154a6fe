/// The home page: the site's introduction, featured and latest briefs, upcoming and latest
/// events, key people.
final class HomePage: TemplateModel {
    let layout: LayoutModel
    let intro: BodyHTML
    let featured: [Card<BriefCard>]
    let latestBriefs: [Card<BriefCard>]
    let latestEvents: [Card<EventRow>]
    let upcomingEvents: [Card<EventRow>]
    let moreUpcoming: MoreLink?
    let keyPeople: [Card<PersonCard>]

    init(
        layout: LayoutModel, intro: BodyHTML, featured: [Card<BriefCard>], latestBriefs: [Card<BriefCard>],
        latestEvents: [Card<EventRow>], upcomingEvents: [Card<EventRow>], moreUpcoming: MoreLink?,
        keyPeople: [Card<PersonCard>]
    ) {
        (self.layout, self.intro, self.featured, self.latestBriefs) = (layout, intro, featured, latestBriefs)
        (self.latestEvents, self.upcomingEvents, self.moreUpcoming, self.keyPeople) = (latestEvents, upcomingEvents, moreUpcoming, keyPeople)
    }

    static let schema = TemplateSchema<HomePage>(
        "the home page",
        LayoutModel.entries { $0.layout } + [
            .html("intro") { $0.intro.html }, .list("featured") { $0.featured }, .flag("hasFeatured") { !$0.featured.isEmpty },
            .list("latestBriefs") { $0.latestBriefs }, .list("latestEvents") { $0.latestEvents },
            .flag("hasLatestEvents") { !$0.latestEvents.isEmpty }, .list("upcomingEvents") { $0.upcomingEvents },
            .flag("hasUpcomingEvents") { !$0.upcomingEvents.isEmpty }, .optional("moreUpcoming") { $0.moreUpcoming },
            .list("keyPeople") { $0.keyPeople }, .flag("hasKeyPeople") { !$0.keyPeople.isEmpty },
        ])

    static let template = "home"
}

extension PageRenderer {
    /// How many scheduled events and featured briefs the home page shows at most.
    static let homeUpcoming = 5
    static let homeFeatured = 6

    /// The home page: a bounded selection, whatever the size of the site.
    func home() -> OutputFile {
        let vm = models("")
        let events = graph.timeline.compactMap { graph.events[$0] }
        let past = events.filter { !graph.isScheduled($0) }.suffix(5).reversed().map(\.slug)
        let scheduled = events.filter { graph.isScheduled($0) }.map(\.slug)
        let upcoming = Array(scheduled.prefix(Self.homeUpcoming))
        let featured = Array(graph.featured.prefix(Self.homeFeatured))
        let moreUpcoming =
            scheduled.count > upcoming.count
            ? MoreLink(url: vm.root + "timeline/", label: "All \(scheduled.count) scheduled events on the timeline") : nil
        // Each person's mentions counted once, not at every comparison of the sort.
        let people = graph.peopleOrder.enumerated().map { offset, slug in
            let id = DocumentID(.person, slug)
            return (offset: offset, slug: slug, mentions: graph.naming(.brief, id).count + graph.naming(.event, id).count)
        }
        let keyPeople = people.sorted { a, b in
            a.mentions != b.mentions ? a.mentions > b.mentions : a.offset < b.offset
        }.prefix(6).map(\.slug)
        let layout = layout(.home, pagePath: "", title: site.title, description: site.description, section: .home)
        let model = HomePage(
            layout: layout, intro: bodies.html(.site, in: graph), featured: vm.briefCards(featured),
            latestBriefs: vm.briefCards(graph.briefOrder.filter { !featured.contains($0) }.prefix(4)),
            latestEvents: vm.eventRows(past), upcomingEvents: vm.eventRows(upcoming), moreUpcoming: moreUpcoming,
            keyPeople: vm.personCards(keyPeople))
        return rendered(\.home, model, path: "index.html")
    }
}
