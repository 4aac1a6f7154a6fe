/// An event's page: its date, place and body, who and what it involves, the briefs that
/// cover it, its corrections and sources.
final class EventPage: TemplateModel {
    let layout: LayoutModel
    let event: Event
    let parts: DocumentParts
    let date: DateModel
    let isScheduled: Bool
    let body: BodyHTML
    let people: [Card<PersonCard>]
    let organizations: [Chip]
    let topics: [Chip]
    let backlinks: Backlinks
    let timelineURL: String

    init(
        layout: LayoutModel, event: Event, parts: DocumentParts, date: DateModel, isScheduled: Bool, body: BodyHTML,
        people: [Card<PersonCard>], organizations: [Chip], topics: [Chip], backlinks: Backlinks, timelineURL: String
    ) {
        (self.layout, self.event, self.parts, self.date, self.isScheduled) = (layout, event, parts, date, isScheduled)
        (self.body, self.people, self.organizations, self.topics) = (body, people, organizations, topics)
        (self.backlinks, self.timelineURL) = (backlinks, timelineURL)
    }

    static let schema = TemplateSchema<EventPage>(
        "an event's page",
        LayoutModel.entries { $0.layout } + DocumentParts.entries { $0.parts } + Backlinks.entries { $0.backlinks } + [
            .optional("date") { $0.date }, .flag("isScheduled") { $0.isScheduled },
            .text("location") { $0.event.location ?? "" }, .flag("hasLocation") { $0.event.location != nil },
            .html("body") { $0.body.html }, .list("people") { $0.people }, .flag("hasPeople") { !$0.event.people.isEmpty },
            .list("organizations") { $0.organizations }, .flag("hasOrganizations") { !$0.event.organizations.isEmpty },
            .list("topics") { $0.topics }, .flag("hasTopics") { !$0.event.topics.isEmpty },
            .text("timelineURL") { $0.timelineURL },
        ])

    static let template = "event"
}

extension PageRenderer {
    func eventPage(_ slug: String) -> OutputFile {
        let e = graph.events[slug]!
        let vm = models(e.id.path)
        let layout = documentLayout(
            e, title: e.title, description: graph.body(.event, slug)?.leadText.nonEmpty ?? e.title, section: .kind(.event),
            crumbs: crumbs(.event))
        let model = EventPage(
            layout: layout, event: e, parts: documentParts(e, vm), date: vm.date(e.date, end: e.end),
            isScheduled: graph.isScheduled(e), body: bodyHTML(.event, slug), people: vm.personCards(e.people.map(\.slug)),
            organizations: e.organizations.compactMap(vm.chip), topics: e.topics.compactMap(vm.chip),
            backlinks: backlinks(.event, slug, vm), timelineURL: vm.root + graph.pagination.timelinePath(of: slug))
        return rendered(\.event, model, path: e.id.path + "index.html")
    }
}
